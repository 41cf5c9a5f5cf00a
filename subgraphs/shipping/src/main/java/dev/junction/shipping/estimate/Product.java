package dev.junction.shipping.estimate;

/**
 * A product as shipping sees it: the id plus the weight and dimensions that the gateway fetched
 * from catalog and sent in the representation ({@code @requires}). The class name must match the
 * GraphQL type name. Shipping stores nothing about products.
 */
public record Product(String id, int weightGrams, Dimensions dimensions) {}
