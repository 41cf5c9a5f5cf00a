package dev.junction.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamesTest {
  private static final Map<String, String> RENAMES = Map.of("__j_shape1_id", "id");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(String json) throws Exception {
    return (Map<String, Object>) JsonReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void renamesAliasesAtAnyDepthAndInErrorPaths() throws Exception {
    Map<String, Object> body =
        body(
            "{\"data\":{\"accounts\":[{\"id\":\"u1\"},{\"__j_shape1_id\":\"a1\",\"friends\":"
                + "[{\"__j_shape1_id\":\"a2\"}]}]},"
                + "\"errors\":[{\"message\":\"x\",\"path\":[\"accounts\",1,\"__j_shape1_id\"]}]}");
    Renames.inAnswer(body, RENAMES);
    assertThat(body.toString())
        .isEqualTo(
            "{data={accounts=[{id=u1}, {friends=[{id=a2}], id=a1}]},"
                + " errors=[{message=x, path=[accounts, 1, id]}]}");
  }

  @Test
  void keepsAValueAlreadyThereAndLeavesOtherKeysAlone() throws Exception {
    Map<String, Object> body = body("{\"data\":{\"id\":\"kept\",\"__j_shape1_id\":\"dropped\"}}");
    Renames.inAnswer(body, RENAMES);
    assertThat(body.get("data")).isEqualTo(Map.of("id", "kept"));
    Map<String, Object> untouched = body("{\"data\":{\"__j_other\":1}}");
    Renames.inAnswer(untouched, RENAMES);
    assertThat(untouched.get("data")).isEqualTo(Map.of("__j_other", 1));
  }
}
