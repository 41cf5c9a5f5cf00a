package dev.junction.client.json;

/** A generated GraphQL enum: knows its wire name. */
public interface WireEnum {
  /** The value as the server spells it. */
  String wireName();
}
