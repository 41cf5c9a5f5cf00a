package dev.junction.bench.realtime;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;

/**
 * Writes a {@code tick} event as the subscription's selection asks for it (aliases, {@code
 * __typename}, inline fragments), without executing GraphQL per event: {@code Tick { seq,
 * sentAtMicros, product { upc } }}. One renderer per distinct subscription document.
 */
final class TickRenderer {
  private final String rootKey;
  private final String rootName;
  private final SelectionSet tick;

  TickRenderer(String query) {
    Document document = Parser.parse(query);
    OperationDefinition operation =
        document.getDefinitionsOfType(OperationDefinition.class).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no operation"));
    Field root =
        operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no root field"));
    rootName = root.getName();
    rootKey = root.getAlias() != null ? root.getAlias() : root.getName();
    tick = root.getSelectionSet();
  }

  /** The root field's name ({@code tick} or {@code idle}). */
  String rootName() {
    return rootName;
  }

  /** The {@code payload} of a {@code next} message. */
  String payload(long seq, long sentAtMicros, String upc) {
    StringBuilder out =
        new StringBuilder(128).append("{\"data\":{\"").append(rootKey).append("\":");
    object(out, tick, "Tick", seq, sentAtMicros, upc);
    return out.append("}}").toString();
  }

  private static void object(
      StringBuilder out, SelectionSet set, String type, long seq, long sentAt, String upc) {
    out.append('{');
    fields(out, set, type, seq, sentAt, upc, true);
    out.append('}');
  }

  private static boolean fields(
      StringBuilder out,
      SelectionSet set,
      String type,
      long seq,
      long sentAt,
      String upc,
      boolean first) {
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof InlineFragment fragment) {
        first = fields(out, fragment.getSelectionSet(), type, seq, sentAt, upc, first);
        continue;
      }
      if (!(selection instanceof Field field)) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      String key = field.getAlias() != null ? field.getAlias() : field.getName();
      out.append('"').append(key).append("\":");
      switch (type + "." + field.getName()) {
        case "Tick.__typename" -> out.append("\"Tick\"");
        case "Tick.seq" -> out.append(seq);
        case "Tick.sentAtMicros" -> out.append('"').append(sentAt).append('"');
        case "Tick.product" -> object(out, field.getSelectionSet(), "Product", seq, sentAt, upc);
        case "Product.__typename" -> out.append("\"Product\"");
        case "Product.upc" -> out.append('"').append(upc).append('"');
        default -> out.append("null");
      }
    }
    return first;
  }
}
