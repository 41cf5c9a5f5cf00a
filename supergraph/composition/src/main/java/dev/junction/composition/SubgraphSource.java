package dev.junction.composition;

/**
 * One subgraph to compose: its name (becomes the {@code join__Graph} value), routing URL and SDL.
 *
 * @param name subgraph name
 * @param url routing URL
 * @param sdl subgraph schema text
 */
public record SubgraphSource(String name, String url, String sdl) {}
