package dev.junction.gateway.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact JSON object and the reader that builds it behave as LinkedHashMap and Jackson do. */
class JsonObjectTest {
  @Test
  void behavesLikeALinkedHashMapUnderRandomOperations() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      JsonObject ours = new JsonObject(random.nextInt(4));
      Map<String, Object> reference = new LinkedHashMap<>();
      for (int op = 0; op < 200; op++) {
        String key = "k" + random.nextInt(40); // crosses the size where the hash index starts
        switch (random.nextInt(5)) {
          case 0, 1 -> {
            Object value = random.nextBoolean() ? null : op;
            assertThat(ours.put(new String(key), value)).isEqualTo(reference.put(key, value));
          }
          case 2 -> assertThat(ours.remove(key)).isEqualTo(reference.remove(key));
          case 3 -> assertThat(ours.get(key)).isEqualTo(reference.get(key));
          default -> assertThat(ours.containsKey(key)).isEqualTo(reference.containsKey(key));
        }
        assertThat(ours.size()).isEqualTo(reference.size());
      }
      assertThat(new ArrayList<>(ours.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
      assertThat(ours).isEqualTo(reference);
      assertThat(reference).isEqualTo(ours);
      assertThat(ours.hashCode()).isEqualTo(reference.hashCode());
    }
  }

  @Test
  void entryIteratorCanSetAndRemove() {
    JsonObject o = new JsonObject();
    o.put("a", 1);
    o.put("b", 2);
    o.put("c", 3);
    var it = o.entrySet().iterator();
    it.next().setValue(10);
    it.next();
    it.remove();
    assertThat(o).containsExactly(Map.entry("a", 10), Map.entry("c", 3));
  }

  @Test
  void readerGivesWhatJacksonGives() throws Exception {
    String json =
        "{\"data\":{\"a\":[1,2.50,-3e2,null,true,false,\"x\\u00e9\\n\"],\"big\":123456789012345678901234567890,"
            + "\"long\":9007199254740993,\"nested\":{\"dup\":1,\"dup\":2,\"o\":{}}},\"errors\":[]}";
    ObjectMapper jackson =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    Object expected = jackson.readValue(json, Object.class);
    Object ours = JsonReader.read(new ByteArrayInputStream(json.getBytes(UTF_8)));
    assertThat(ours).isEqualTo(expected);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) ours).get("data");
    assertThat(data).isInstanceOf(JsonObject.class);
    assertThat(((List<?>) data.get("a")).get(1)).isEqualTo(new BigDecimal("2.50"));
    assertThat(data.get("big")).isInstanceOf(BigInteger.class);
    assertThat(data.get("long")).isEqualTo(9007199254740993L);
    assertThat(((Map<?, ?>) data.get("nested")).get("dup")).isEqualTo(2);
  }

  @Test
  void readerRejectsBrokenJsonAndAcceptsNothing() throws Exception {
    assertThat(JsonReader.read(new byte[0])).isNull();
    assertThatThrownBy(() -> JsonReader.read("{\"a\":".getBytes(UTF_8)))
        .isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> JsonReader.read("[1,2".getBytes(UTF_8)))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void manyFieldsUseTheIndexAndKeepOrder() throws Exception {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      sb.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    sb.append(",\"f7\":700}");
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) JsonReader.read(sb.toString().getBytes(UTF_8));
    assertThat(o).hasSize(100);
    assertThat(o.get("f7")).isEqualTo(700);
    assertThat(o.get("f99")).isEqualTo(99);
    assertThat(new ArrayList<>(o.keySet()).subList(0, 3)).containsExactly("f0", "f1", "f2");
  }
}
