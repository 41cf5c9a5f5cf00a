package dev.junction.shipping.estimate;

/** Outer dimensions of a product's parcel in millimetres; the {@code Dimensions} GraphQL type. */
public record Dimensions(int lengthMm, int widthMm, int heightMm) {
  public Dimensions {
    if (lengthMm <= 0 || widthMm <= 0 || heightMm <= 0) {
      throw new IllegalArgumentException("dimensions must be positive");
    }
  }

  /** The volume in cubic millimetres. */
  public long volumeMm3() {
    return (long) lengthMm * widthMm * heightMm;
  }
}
