package dev.junction.gateway.response;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A growable UTF-8 JSON byte buffer that can rewind: the response writer marks where a value starts
 * and, when null propagation reaches it, truncates back to the mark and writes {@code null}
 * instead. Values are the JSON model of subgraph responses: maps, lists, strings, numbers, booleans
 * and null. Not thread-safe; {@link #scratch()} gives each thread one to reuse.
 */
public final class JsonWriter {
  private static final int KEEP_AT_MOST = 4 << 20;
  private static final ThreadLocal<JsonWriter> SCRATCH =
      ThreadLocal.withInitial(() -> new JsonWriter(16 << 10));
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** For each ASCII character: 0 = copy as is, otherwise the character after the backslash. */
  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
    ESCAPE['\t'] = 't';
    ESCAPE['\b'] = 'b';
    ESCAPE['\f'] = 'f';
  }

  private byte[] buf;
  private int pos;

  public JsonWriter(int capacity) {
    this.buf = new byte[Math.max(64, capacity)];
  }

  /** This thread's reusable writer, emptied. Do not keep it across requests. */
  public static JsonWriter scratch() {
    JsonWriter w = SCRATCH.get();
    if (w.buf.length > KEEP_AT_MOST) {
      w.buf = new byte[16 << 10];
    }
    w.pos = 0;
    return w;
  }

  public int position() {
    return pos;
  }

  /** Drops everything written after {@code position}. */
  public void reset(int position) {
    pos = position;
  }

  /** The internal buffer: valid up to {@link #position()}, until the next write. */
  public byte[] buffer() {
    return buf;
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  /** Copies what was written into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(buf, 0, dst, offset, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  public void writeByte(char c) {
    ensure(1);
    buf[pos++] = (byte) c;
  }

  public void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  public void writeNull() {
    writeRaw(NULL);
  }

  /** {@code "key":} as bytes, for keys written many times. */
  public static byte[] encodeKey(String key) {
    JsonWriter w = new JsonWriter(key.length() + 8);
    w.writeString(key);
    w.writeByte(':');
    return w.toByteArray();
  }

  /** A JSON string, escaped as JSON requires (control characters, quote and backslash). */
  public void writeString(String s) {
    int n = s.length();
    if (n > 8) {
      // Latin-1 strings encode by a copy: check that it is ASCII and needs no escape, then copy
      byte[] ascii = s.getBytes(StandardCharsets.UTF_8);
      if (ascii.length == n && plain(ascii)) {
        ensure(n + 2);
        buf[pos++] = '"';
        System.arraycopy(ascii, 0, buf, pos, n);
        pos += n;
        buf[pos++] = '"';
        return;
      }
    }
    ensure(n + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    int i = 0;
    // fast path: printable ASCII without escapes, one byte per character
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || ESCAPE[c] != 0) {
        break;
      }
      b[p++] = (byte) c;
    }
    pos = p;
    if (i < n) {
      writeSlow(s, i, n);
    }
    ensure(1);
    buf[pos++] = '"';
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * Whether the bytes of an ASCII string need no escape: none below 0x20, no quote, no backslash.
   * Eight bytes at a time (each test is exact for bytes below 0x80).
   */
  private static boolean plain(byte[] bytes) {
    int n = bytes.length;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long v = (long) LONGS.get(bytes, i);
      long control = (v - 0x2020202020202020L) & ~v;
      long q = v ^ 0x2222222222222222L;
      long quote = (q - ONES) & ~q;
      long bs = v ^ 0x5C5C5C5C5C5C5C5CL;
      long backslash = (bs - ONES) & ~bs;
      if (((control | quote | backslash) & HIGHS) != 0) {
        return false;
      }
    }
    for (; i < n; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b == '"' || b == '\\') {
        return false;
      }
    }
    return true;
  }

  private void writeSlow(String s, int from, int n) {
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = ESCAPE[c];
        if (e == 0) {
          ensure(1);
          buf[pos++] = (byte) c;
        } else if (e == 'u') {
          ensure(6);
          buf[pos++] = '\\';
          buf[pos++] = 'u';
          buf[pos++] = '0';
          buf[pos++] = '0';
          buf[pos++] = HEX[c >> 4];
          buf[pos++] = HEX[c & 0xF];
        } else {
          ensure(2);
          buf[pos++] = '\\';
          buf[pos++] = e;
        }
      } else if (c < 0x800) {
        ensure(2);
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // a lone surrogate cannot be UTF-8: escape it, as JSON allows
        ensure(6);
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = HEX[(c >> 12) & 0xF];
        buf[pos++] = HEX[(c >> 8) & 0xF];
        buf[pos++] = HEX[(c >> 4) & 0xF];
        buf[pos++] = HEX[c & 0xF];
      } else {
        ensure(3);
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void writeAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  /** Any value of the JSON model; other objects are written as their string form. */
  public void writeValue(Object v) {
    if (v == null) {
      writeNull();
    } else if (v instanceof String s) {
      writeString(s);
    } else if (v instanceof Boolean b) {
      writeRaw(b ? TRUE : FALSE);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      writeAscii(v.toString());
    } else if (v instanceof Double d) {
      writeDouble(d);
    } else if (v instanceof Float f) {
      writeDouble(f.doubleValue());
    } else if (v instanceof BigDecimal || v instanceof Number) {
      writeAscii(v.toString());
    } else if (v instanceof Map<?, ?> m) {
      writeByte('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          writeByte(',');
        }
        first = false;
        writeString(String.valueOf(e.getKey()));
        writeByte(':');
        writeValue(e.getValue());
      }
      writeByte('}');
    } else if (v instanceof List<?> l) {
      writeByte('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          writeByte(',');
        }
        writeValue(l.get(i));
      }
      writeByte(']');
    } else {
      writeString(v.toString());
    }
  }

  private void writeDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      writeString(Double.toString(d)); // as Jackson does: JSON has no NaN
    } else {
      writeAscii(Double.toString(d));
    }
  }
}
