package dev.junction.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.parser.Parser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistedQueriesTest {
  private static final String Q = "{ warehouses { id } }";
  private static final String HASH = PersistedQueries.sha256(Q);

  private static Map<String, Object> pq(String hash) {
    return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
  }

  @Test
  void automaticPersistedQueriesRegisterThenServeByHash() {
    PersistedQueries apq = PersistedQueries.apqOnly();
    PersistedQueries.Lookup miss = apq.lookup(null, pq(HASH));
    assertThat(miss.failed()).isTrue();
    assertThat(miss.status()).isEqualTo(200);
    assertThat(miss.error().toString()).contains(PersistedQueries.NOT_FOUND);

    assertThat(apq.lookup(Q, pq(HASH)).query()).isEqualTo(Q);
    assertThat(apq.lookup(null, pq(HASH)).query()).isEqualTo(Q);
  }

  @Test
  void aHashThatDoesNotMatchTheDocumentIsRefused() {
    PersistedQueries.Lookup l = PersistedQueries.apqOnly().lookup(Q, pq(HASH.replace('a', 'b')));
    assertThat(l.failed()).isTrue();
    assertThat(l.status()).isEqualTo(400);
    assertThat(l.error().toString()).contains(PersistedQueries.HASH_MISMATCH);
  }

  @Test
  void withApqOffHashOnlyRequestsAreNotSupported() {
    PersistedQueries off = new PersistedQueries(false, false, false, Map.of());
    assertThat(off.lookup(null, pq(HASH)).error().toString())
        .contains(PersistedQueries.NOT_SUPPORTED);
    assertThat(off.lookup(Q, Map.of()).query()).isEqualTo(Q);
  }

  @Test
  void theSafelistAllowsManifestOperationsOnly() {
    PersistedQueries list = new PersistedQueries(true, true, true, Map.of(HASH, Q));
    assertThat(list.lookup(null, pq(HASH)).query()).isEqualTo(Q);
    assertThat(list.allowed(Q, Parser.parse(Q), null)).isTrue();
    // the same operation laid out differently: its compact form is what the manifest lists
    String compact = graphql.language.AstPrinter.printAstCompact(Parser.parse(Q));
    PersistedQueries byCompact =
        new PersistedQueries(true, true, false, Map.of(PersistedQueries.sha256(compact), compact));
    assertThat(byCompact.allowed("{\n  warehouses {\n    id\n  }\n}", Parser.parse(Q), null))
        .isTrue();
    String other = "{ warehouses { name } }";
    assertThat(list.allowed(other, Parser.parse(other), null)).isFalse();
    // an unknown document is not registered by APQ while the safelist is on
    list.lookup(other, pq(PersistedQueries.sha256(other)));
    assertThat(list.lookup(null, pq(PersistedQueries.sha256(other))).failed()).isTrue();
  }

  @Test
  void logOnlyModeLetsUnknownOperationsRun() {
    PersistedQueries logOnly = new PersistedQueries(true, false, true, Map.of(HASH, Q));
    String other = "{ warehouses { name } }";
    assertThat(logOnly.allowed(other, Parser.parse(other), "Other")).isTrue();
  }

  @Test
  void readsTheSdkManifestFormat(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("persisted-queries.json");
    Files.writeString(
        file,
        "{\"format\":\"apollo-persisted-query-manifest\",\"version\":1,\"operations\":"
            + "[{\"id\":\""
            + HASH
            + "\",\"name\":\"W\",\"type\":\"query\",\"body\":\""
            + Q
            + "\"}]}");
    assertThat(PersistedQueries.readManifest(file)).containsEntry(HASH, Q);
    Files.writeString(file, "{\"operations\":[]}");
    assertThatThrownBy(() -> PersistedQueries.readManifest(file))
        .hasMessageContaining("apollo-persisted-query-manifest");
    assertThatThrownBy(() -> new PersistedQueries(true, true, false, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
