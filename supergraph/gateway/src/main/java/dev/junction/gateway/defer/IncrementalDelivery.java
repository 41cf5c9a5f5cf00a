package dev.junction.gateway.defer;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.execution.ExecutionState;
import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.PlanExecutor;
import dev.junction.gateway.response.JsonWriter;
import dev.junction.gateway.response.ResponseShaper;
import dev.junction.gateway.response.ResponseShaper.DeferSite;
import dev.junction.planner.plan.PlanNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs an operation with {@code @defer} for a client that takes incremental delivery: the primary
 * part first (its response leaves the deferred fragments out), then each deferred part as soon as
 * its parent part has been delivered and its own fetches have run, as the incremental-delivery
 * format of {@code deferSpec=20220824} (the one Apollo Router and Hive Router send): {@code {data,
 * errors, hasNext}}, then {@code {incremental: [{data, path, label, errors}], hasNext}}. Errors and
 * null propagation in a part stay in that part. A part whose {@code if} variable is false is
 * delivered inline with its parent.
 */
public final class IncrementalDelivery {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(IncrementalDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PRIMARY = -1;
  private static final byte[] LAST = "{\"hasNext\":false}".getBytes(UTF_8);

  /** Shapes the primary part into a response, adding the deferred fragments' sites to the sink. */
  @FunctionalInterface
  public interface PrimaryShaper {
    GatewayResponse shape(ExecutionState state, List<DeferSite> sink);
  }

  private final PlanExecutor executor;
  private final PlanNode.Defer plan;
  private final ExecutionState state;
  private final Map<String, Object> variables;
  private final PrimaryShaper primary;
  private final Function<List<Map<String, Object>>, ResponseShaper> shapers;

  /**
   * @param variables the coerced variables ({@code if} of {@code @defer})
   * @param shapers a response shaper over the operation, adding to the given errors
   */
  public IncrementalDelivery(
      PlanExecutor executor,
      PlanNode.Defer plan,
      ExecutionState state,
      Map<String, Object> variables,
      PrimaryShaper primary,
      Function<List<Map<String, Object>>, ResponseShaper> shapers) {
    this.executor = executor;
    this.plan = plan;
    this.state = state;
    this.variables = variables;
    this.primary = primary;
    this.shapers = shapers;
  }

  /** Whether any part is delivered later (false: every {@code if} is false, answer at once). */
  public boolean incremental() {
    return plan.deferred().stream().anyMatch(this::active);
  }

  /** The payloads: the primary part's, then one per deferred part that has data, in order. */
  public Flux<GatewayResponse> payloads() {
    long total = plan.deferred().stream().filter(this::active).count();
    long[] delivered = {0};
    return deliver(PRIMARY, List.of())
        .<GatewayResponse>handle(
            (done, sink) -> {
              if (done.id() == PRIMARY) {
                sink.next(GatewayResponse.incrementalPart(withHasNext(done.json(), total > 0)));
                return;
              }
              delivered[0]++;
              boolean hasNext = delivered[0] < total;
              if (done.json() != null) {
                sink.next(GatewayResponse.incrementalPart(withHasNext(done.json(), hasNext)));
              } else if (!hasNext) {
                sink.next(GatewayResponse.incrementalPart(LAST));
              }
            })
        .onErrorResume(
            e -> {
              log.error("a deferred part failed", e);
              return Mono.just(
                  GatewayResponse.incrementalPart(
                      json(
                          Map.of(
                              "hasNext",
                              false,
                              "errors",
                              List.of(
                                  GraphQLErrors.error(
                                      "Internal server error", GraphQLErrors.INTERNAL))))));
            });
  }

  /** A part delivered: its payload's body (null: nothing to send) and the sites found in it. */
  private record Done(int id, byte[] json, List<DeferSite> sites) {}

  private Flux<Done> deliver(int id, List<DeferSite> parentSites) {
    ExecutionState mine = id == PRIMARY ? state : state.part();
    Mono<Done> done =
        run(id, mine)
            .then(
                Mono.fromCallable(
                    () -> id == PRIMARY ? shapePrimary() : shape(id, mine, parentSites)));
    return done.flatMapMany(
        d -> {
          List<Flux<Done>> children = new ArrayList<>();
          for (PlanNode.Deferred part : plan.deferred()) {
            if (active(part) && effectiveParent(part) == id) {
              children.add(deliver(part.id(), d.sites()));
            }
          }
          return Flux.concat(Mono.just(d), Flux.merge(children));
        });
  }

  /** A part's fetches, then those of the parts inlined into it (their {@code if} false). */
  private Mono<Void> run(int id, ExecutionState on) {
    PlanNode node = id == PRIMARY ? plan.primary() : plan.deferred().get(id).node();
    Mono<Void> own = node == null ? Mono.empty() : executor.execute(node, on);
    return own.then(Mono.defer(() -> inlined(id, on)));
  }

  private Mono<Void> inlined(int parent, ExecutionState on) {
    List<Mono<Void>> runs = new ArrayList<>();
    for (PlanNode.Deferred part : plan.deferred()) {
      if (part.parent() == parent && !active(part)) {
        runs.add(run(part.id(), on));
      }
    }
    return runs.isEmpty() ? Mono.empty() : Flux.merge(runs).then();
  }

  private Done shapePrimary() {
    List<DeferSite> sites = new ArrayList<>();
    GatewayResponse response = primary.shape(state, sites);
    return new Done(PRIMARY, response.toJson(), sites);
  }

  private Done shape(int id, ExecutionState on, List<DeferSite> parentSites) {
    PlanNode.Deferred part = plan.deferred().get(id);
    List<Map<String, Object>> errors;
    List<DeferSite> sites = new ArrayList<>();
    List<Object[]> entries = new ArrayList<>(); // {path, data bytes}
    synchronized (on.lock()) {
      errors = new ArrayList<>(on.errors());
      ResponseShaper shaper = shapers.apply(errors).deferring(sites);
      for (DeferSite site : parentSites) {
        if (matches(part, site)) {
          JsonWriter out = new JsonWriter(256);
          shaper.writeDeferred(site, out);
          entries.add(new Object[] {site.path(), out.toByteArray()});
        }
      }
    }
    if (entries.isEmpty() && errors.isEmpty()) {
      return new Done(id, null, sites);
    }
    List<List<Map<String, Object>>> byEntry = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      byEntry.add(new ArrayList<>());
    }
    List<Map<String, Object>> unplaced = new ArrayList<>();
    for (Map<String, Object> e : errors) {
      int at = entryOf(e, entries);
      (at < 0 ? unplaced : byEntry.get(at)).add(e);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"incremental\":[".getBytes(UTF_8));
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes("{\"data\":".getBytes(UTF_8));
      body.writeBytes((byte[]) entries.get(i)[1]);
      body.writeBytes(",\"path\":".getBytes(UTF_8));
      body.writeBytes(json(entries.get(i)[0]));
      if (part.label() != null) {
        body.writeBytes(",\"label\":".getBytes(UTF_8));
        body.writeBytes(json(part.label()));
      }
      List<Map<String, Object>> own = byEntry.get(i);
      if (i == 0) {
        own.addAll(unplaced);
        unplaced.clear();
      }
      if (!own.isEmpty()) {
        body.writeBytes(",\"errors\":".getBytes(UTF_8));
        body.writeBytes(json(own));
      }
      body.write('}');
    }
    body.write(']');
    if (!unplaced.isEmpty()) {
      body.writeBytes(",\"errors\":".getBytes(UTF_8));
      body.writeBytes(json(unplaced));
    }
    body.write('}');
    return new Done(id, body.toByteArray(), sites);
  }

  /** The entry whose path the error's path starts with, or -1. */
  private static int entryOf(Map<String, Object> error, List<Object[]> entries) {
    if (!(error.get("path") instanceof List<?> path)) {
      return -1;
    }
    for (int i = 0; i < entries.size(); i++) {
      List<?> at = (List<?>) entries.get(i)[0];
      if (path.size() >= at.size()) {
        boolean prefix = true;
        for (int j = 0; j < at.size() && prefix; j++) {
          prefix = String.valueOf(at.get(j)).equals(String.valueOf(path.get(j)));
        }
        if (prefix) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether a site is an object the planned part stands for: the same directive, the same path. */
  private static boolean matches(PlanNode.Deferred part, DeferSite site) {
    boolean same =
        part.at() != null && site.at() != null
            ? part.at().equals(site.at())
            : Objects.equals(part.label(), site.label());
    if (!same || part.path().size() != site.path().size()) {
      return false;
    }
    for (int i = 0; i < part.path().size(); i++) {
      Object segment = site.path().get(i);
      String expected = part.path().get(i);
      if (segment instanceof Integer ? !expected.equals("@") : !expected.equals(segment)) {
        return false;
      }
    }
    return true;
  }

  /** Delivered later: no {@code if}, or its variable is not false. */
  private boolean active(PlanNode.Deferred part) {
    return part.ifVariable() == null || !Boolean.FALSE.equals(variables.get(part.ifVariable()));
  }

  /** The nearest enclosing part delivered on its own (-1: the primary part). */
  private int effectiveParent(PlanNode.Deferred part) {
    int parent = part.parent();
    while (parent != PRIMARY && !active(plan.deferred().get(parent))) {
      parent = plan.deferred().get(parent).parent();
    }
    return parent;
  }

  /** A payload's JSON object with {@code hasNext} added as its last member. */
  private static byte[] withHasNext(byte[] response, boolean hasNext) {
    byte[] tail = (",\"hasNext\":" + hasNext + "}").getBytes(UTF_8);
    byte[] out = new byte[response.length - 1 + tail.length];
    System.arraycopy(response, 0, out, 0, response.length - 1); // drops the closing brace
    System.arraycopy(tail, 0, out, response.length - 1, tail.length);
    return out;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload is not serializable", e);
    }
  }
}
