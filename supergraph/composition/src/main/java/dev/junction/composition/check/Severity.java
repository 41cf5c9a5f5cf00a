package dev.junction.composition.check;

/** How a schema change affects existing clients. */
public enum Severity {
  /** Existing valid operations may fail or change meaning. */
  BREAKING,
  /** Existing operations keep validating but clients may see values they do not handle. */
  DANGEROUS,
  /** No effect on existing operations. */
  SAFE
}
