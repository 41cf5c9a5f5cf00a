package dev.junction.client.generator;

import java.util.Locale;
import java.util.Set;

/** Java naming for GraphQL names. */
final class Names {
  private static final Set<String> RESERVED =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "var",
          "yield",
          "record",
          "sealed",
          "permits",
          "_",
          // a member named like a package root would obscure the fully qualified names we emit
          "java",
          "javax",
          "com",
          "dev",
          // record accessors must not clash with Object's methods
          "hashCode",
          "toString",
          "getClass",
          "equals",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  private Names() {}

  static String javaIdentifier(String name) {
    return RESERVED.contains(name) ? name + "_" : name;
  }

  static String capitalize(String name) {
    String trimmed = name;
    while (trimmed.startsWith("_") && trimmed.length() > 1) {
      trimmed = trimmed.substring(1);
    }
    return trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
  }

  /** A naive English singular for list-typed fields ({@code edges} to {@code edge}). */
  static String singular(String name) {
    if (name.endsWith("ies") && name.length() > 3) {
      return name.substring(0, name.length() - 3) + "y";
    }
    if (name.endsWith("sses")
        || name.endsWith("xes")
        || name.endsWith("ches")
        || name.endsWith("shes")) {
      return name.substring(0, name.length() - 2);
    }
    if (name.endsWith("s") && !name.endsWith("ss") && name.length() > 1) {
      return name.substring(0, name.length() - 1);
    }
    return name;
  }

  /** The operation class name: {@code BrowseProducts} + {@code Query}, not doubled. */
  static String operationClass(String operationName, String type) {
    String suffix = capitalize(type);
    String base = capitalize(operationName);
    return base.endsWith(suffix) ? base : base + suffix;
  }

  static String javaString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
