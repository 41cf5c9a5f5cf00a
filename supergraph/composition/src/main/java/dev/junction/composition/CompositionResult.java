package dev.junction.composition;

import java.util.List;

/**
 * The outcome of a composition: a supergraph SDL, or the errors that prevented it.
 *
 * @param supergraphSdl the composed supergraph, or {@code null} when composition failed
 * @param errors composition errors (empty on success)
 */
public record CompositionResult(String supergraphSdl, List<CompositionError> errors) {

  /** Whether composition succeeded. */
  public boolean succeeded() {
    return errors.isEmpty();
  }
}
