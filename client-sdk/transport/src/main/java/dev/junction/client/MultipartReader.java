package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.client.transport.InvalidResponseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the JSON parts of a {@code multipart/mixed} response one at a time, each as soon as its
 * JSON object is complete (not when the next delimiter arrives).
 */
final class MultipartReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PART = 16 * 1024 * 1024;
  private final InputStream in;
  private final String delimiter;
  private boolean ended;

  MultipartReader(InputStream in, String boundary) {
    this.in = new BufferedInputStream(in);
    this.delimiter = "--" + boundary;
  }

  /** The boundary of a {@code multipart/mixed} content type, or null when it is not multipart. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = p.substring("boundary=".length()).trim();
        return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return "-";
  }

  /** The next part's JSON, or null at the closing delimiter or the end of the stream. */
  JsonNode next() throws IOException {
    if (ended) {
      return null;
    }
    String line;
    do {
      line = readLine();
      if (line == null || line.equals(delimiter + "--")) {
        ended = true;
        return null;
      }
    } while (!line.equals(delimiter));
    while ((line = readLine()) != null && !line.isEmpty()) {
      // part headers (content-type: application/json)
    }
    if (line == null) {
      ended = true;
      return null;
    }
    return JSON.readTree(readObject());
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (line.size() > MAX_PART) {
        throw new InvalidResponseException("multipart line too long");
      }
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** One JSON object, read up to its closing brace (strings and escapes respected). */
  private byte[] readObject() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    int b;
    while ((b = in.read()) != -1) {
      if (depth == 0 && b != '{') {
        if (Character.isWhitespace(b)) {
          continue;
        }
        throw new InvalidResponseException("a multipart part is not a JSON object");
      }
      out.write(b);
      if (out.size() > MAX_PART) {
        throw new InvalidResponseException("multipart part larger than " + MAX_PART + " bytes");
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          return out.toByteArray();
        }
      }
    }
    throw new InvalidResponseException("the response ended inside a multipart part");
  }
}
