package dev.junction.gateway.execution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads subgraph responses into the gateway's JSON model: {@link JsonObject}s, {@link ArrayList}s,
 * Strings, Integer/Long/BigInteger, BigDecimal (never a lossy double), Boolean and null. Field
 * names are interned, so lookups by the names of the plan mostly compare references.
 */
public final class JsonReader {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonReader() {}

  /** The first JSON value of the stream, or null when it is empty. */
  public static Object read(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      return read(p);
    }
  }

  /** The first JSON value of the bytes, or null when there are none. */
  public static Object read(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return read(p);
    }
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == null ? null : value(p, t);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          JsonObject o = new JsonObject();
          String name;
          while ((name = p.nextFieldName()) != null) {
            o.putCanonical(name, value(p, p.nextToken()));
          }
          if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "expected a field name or '}'");
          }
          return o;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          JsonToken next;
          while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (next == null) {
              throw new JsonParseException(p, "unterminated array");
            }
            list.add(value(p, next));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }
}
