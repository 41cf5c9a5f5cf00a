package dev.junction.client.generator;

/** An indenting source buffer. */
final class Code {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  Code line(String text) {
    if (!text.isEmpty()) {
      out.append("  ".repeat(indent));
    }
    out.append(text).append('\n');
    return this;
  }

  Code open(String text) {
    line(text + " {");
    indent++;
    return this;
  }

  Code close() {
    indent--;
    return line("}");
  }

  Code close(String suffix) {
    indent--;
    return line("}" + suffix);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
