package dev.junction.catalog.product;

/** Outer package dimensions in millimetres (the {@code Dimensions} GraphQL type). */
public record Dimensions(int lengthMm, int widthMm, int heightMm) {}
