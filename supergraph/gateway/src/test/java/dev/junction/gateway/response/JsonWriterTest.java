package dev.junction.gateway.response;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JACKSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static String write(Object value) {
    JsonWriter w = new JsonWriter(8);
    w.writeValue(value);
    return new String(w.toByteArray(), UTF_8);
  }

  @Test
  void writesTheSameJsonAsJacksonForTheResponseModel() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "plain");
    value.put("escapes", "quote \" backslash \\ newline \n tab \t cr \r bell \u0007 nul \u0000");
    value.put("unicode", "café – 中文 😀");
    value.put("int", 42);
    value.put("long", 1L << 40);
    value.put("decimal", new BigDecimal("129.50"));
    value.put("double", 0.1);
    value.put("bool", true);
    value.put("null", null);
    value.put("list", List.of(1, "two", Map.of("three", false)));
    String ours = write(value);
    assertThat(ours).isEqualTo(JACKSON.writeValueAsString(value));
  }

  @Test
  void randomStringsRoundTrip() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int k = 0; k < chars.length; k++) {
        int kind = random.nextInt(4);
        chars[k] =
            (char)
                switch (kind) {
                  case 0 -> random.nextInt(0x80);
                  case 1 -> 0x80 + random.nextInt(0x780);
                  case 2 -> 0x800 + random.nextInt(0xD000);
                  default -> 0xE000 + random.nextInt(0x2000);
                };
      }
      String s = new String(chars);
      assertThat(JACKSON.readValue(write(s), String.class)).isEqualTo(s);
    }
  }

  @Test
  void loneSurrogatesAreEscapedNotMangled() throws Exception {
    String s = "a\uD800b\uDC00c";
    String json = write(s);
    assertThat(json).isEqualTo("\"a\\uD800b\\uDC00c\"");
    assertThat(JACKSON.readValue(json, String.class)).isEqualTo(s);
  }

  @Test
  void resetTruncatesBackToAMark() {
    JsonWriter w = new JsonWriter(4);
    w.writeByte('[');
    int mark = w.position();
    w.writeValue(List.of("a long value that makes the buffer grow", 1, 2, 3));
    w.reset(mark);
    w.writeNull();
    w.writeByte(']');
    assertThat(new String(w.toByteArray(), UTF_8)).isEqualTo("[null]");
  }

  @Test
  void growsForLargeValues() {
    List<Object> big = new ArrayList<>();
    char[] chars = new char[10_000];
    Arrays.fill(chars, 'x');
    for (int i = 0; i < 50; i++) {
      big.add(new String(chars));
    }
    String json = write(big);
    assertThat(json).hasSize(50 * 10_002 + 49 + 2);
  }

  @Test
  void encodedKeysIncludeTheColon() {
    assertThat(new String(JsonWriter.encodeKey("a\"b"), UTF_8)).isEqualTo("\"a\\\"b\":");
  }

  @Test
  void everyEscapeIsFoundAtEveryPositionOfLongAsciiStrings() throws Exception {
    for (int len = 9; len <= 40; len++) {
      for (int at = 0; at < len; at++) {
        for (char special = 0; special < 0x80; special++) {
          char[] chars = new char[len];
          Arrays.fill(chars, 'a');
          chars[at] = special;
          String s = new String(chars);
          String json = write(s);
          assertThat(json).isEqualTo(JACKSON.writeValueAsString(s));
        }
      }
    }
  }
}
