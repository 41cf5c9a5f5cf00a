package dev.junction.bench.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N graphql-transport-ws subscribers (one WebSocket each) measuring events delivered and per-event
 * latency; optionally one reference subscriber straight at the subgraph, which gives each event's
 * arrival time on a direct path on the same clock ({@code System.nanoTime} of this JVM), so the
 * added latency per event needs no clock shared between processes.
 */
final class Subscribers {
  static final String PLAIN = "subscription { tick { seq sentAtMicros } }";
  static final String ENTITY = "subscription { tick { seq sentAtMicros product { upc name } } }";
  static final String IDLE = "subscription { idle { seq } }";
  private static final int RING = 1 << 17;

  private static final List<Subscriber> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Subscribers() {}

  private static void closeAll() {
    for (Subscriber s : OPENED) {
      if (s.socket != null) {
        s.socket.abort();
      }
    }
    OPENED.clear();
  }

  /** One socket with one subscription, and what it received while recording. */
  static final class Subscriber implements WebSocket.Listener {
    private final String query;
    private final CountDownLatch subscribed;
    private final StringBuilder partial = new StringBuilder();
    volatile boolean recording;
    long[] seqs = new long[256];
    long[] arrivals = new long[256];
    long[] latencies = new long[256];
    volatile int size; // written after the arrays: the report reads them after it
    long errors;
    long gaps;
    long lastSeq = -1;
    volatile boolean closed;
    WebSocket socket;

    Subscriber(String query, CountDownLatch subscribed) {
      this.query = query;
      this.subscribed = subscribed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long arrival = System.nanoTime();
      Instant now = Instant.now();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage(
            webSocket, text, arrival, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
      }
      webSocket.request(1);
      return null;
    }

    private void onMessage(WebSocket webSocket, String text, long arrival, long nowMicros) {
      if (text.contains("\"next\"")) {
        long seq = number(text, "\"seq\":");
        long sentAt = number(text, "\"sentAtMicros\":\"");
        if (text.contains("\"errors\"")) {
          errors++;
        }
        if (lastSeq >= 0 && seq != lastSeq + 1) {
          gaps++;
        }
        lastSeq = seq;
        if (recording) {
          add(seq, arrival, nowMicros - sentAt);
        }
      } else if (text.contains("\"connection_ack\"")) {
        webSocket.sendText(
            "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query + "\"}}",
            true);
        subscribed.countDown();
      } else if (text.contains("\"ping\"")) {
        webSocket.sendText("{\"type\":\"pong\"}", true);
      } else if (!text.contains("\"pong\"")) {
        errors++; // error or complete
      }
    }

    private void add(long seq, long arrival, long latency) {
      if (size == seqs.length) {
        seqs = java.util.Arrays.copyOf(seqs, size * 2);
        arrivals = java.util.Arrays.copyOf(arrivals, size * 2);
        latencies = java.util.Arrays.copyOf(latencies, size * 2);
      }
      seqs[size] = seq;
      arrivals[size] = arrival;
      latencies[size] = latency;
      size++;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "ws-client");
    thread.setDaemon(true);
    return thread;
  }

  private static long number(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    for (int i = at + key.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** One measured run: N subscribers at url, the server ticking at hz. */
  record Run(String url, String kind, int subs, int hz, String ref) {}

  static void run(Args args) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, Subscribers::daemon);
    HttpClient client = HttpClient.newBuilder().executor(executor).build();
    Run run =
        new Run(
            args.require("url"),
            args.get("query", "plain"),
            args.integer("subs", 1),
            args.integer("hz", 10),
            args.get("ref", null));
    System.out.println(
        measure(
            client,
            args.require("control"),
            run,
            args.integer("warmup", 3),
            args.integer("seconds", 10)));
    executor.shutdownNow();
    System.exit(0);
  }

  /**
   * Runs in one JVM (so the client's JIT is warm for all): a warm-up through the gateway, then
   * {@code reps} rounds of, per {@code NxHZ} config, direct, gateway plain and gateway with the
   * entity field (each gateway run with a direct reference subscriber). One RT_JSON line per run.
   */
  static void suite(Args args) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, Subscribers::daemon);
    HttpClient client = HttpClient.newBuilder().executor(executor).build();
    String control = args.require("control");
    String gateway = args.require("gateway");
    String direct = args.require("direct");
    int seconds = args.integer("seconds", 8);
    int warmup = args.integer("warmup", 2);
    int reps = args.integer("reps", 2);
    String[] configs = args.get("configs", "1x100,100x20,1000x5,100x200").split(",");
    System.err.println("suite: warm-up through the gateway");
    measure(
        client,
        control,
        new Run(gateway, "entity", 100, 50, direct),
        0,
        args.integer("jit-warmup", 15));
    measure(client, control, new Run(direct, "plain", 100, 50, null), 0, 5);
    for (int rep = 1; rep <= reps; rep++) {
      for (String config : configs) {
        String[] parts = config.split("x");
        int n = Integer.parseInt(parts[0]);
        int hz = Integer.parseInt(parts[1]);
        for (Run run :
            List.of(
                new Run(direct, "plain", n, hz, null),
                new Run(gateway, "plain", n, hz, direct),
                new Run(gateway, "entity", n, hz, direct))) {
          String line;
          try {
            line = measure(client, control, run, warmup, seconds);
          } catch (IllegalStateException | java.util.concurrent.CompletionException e) {
            // recorded, not fatal: the report shows the run as failed with the reason
            line =
                String.format(
                    "RT_JSON {\"kind\":\"subs\",\"url\":\"%s\",\"query\":\"%s\",\"subs\":%d,"
                        + "\"hz\":%d,\"failed\":\"%s\"}",
                    run.url(),
                    run.kind(),
                    n,
                    hz,
                    String.valueOf(e.getMessage()).replace('"', '\''));
            closeAll();
          }
          System.out.println(line.replace("RT_JSON {", "RT_JSON {\"rep\":" + rep + ","));
          System.out.flush();
        }
      }
    }
    executor.shutdownNow();
    System.exit(0);
  }

  static String measure(HttpClient client, String control, Run run, int warmup, int seconds)
      throws Exception {
    rate(client, control, 0);
    waitFor(client, control, "tick_subscriptions", 0, false);
    String query = "entity".equals(run.kind()) ? ENTITY : PLAIN;
    Subscriber reference = null;
    if (run.ref() != null) {
      reference = open(client, run.ref(), PLAIN, 1).get(0);
    }
    List<Subscriber> subs = open(client, run.url(), query, run.subs());
    waitFor(client, control, "tick_subscriptions", run.subs() + (reference == null ? 0 : 1), true);
    rate(client, control, run.hz());
    Thread.sleep(warmup * 1000L);
    List<Subscriber> all = new ArrayList<>(subs);
    if (reference != null) {
      all.add(reference);
    }
    all.forEach(s -> s.recording = true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    all.forEach(s -> s.recording = false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    rate(client, control, 0);
    Thread.sleep(300);
    String line = report(run.url(), run.kind(), run.subs(), run.hz(), elapsed, subs, reference);
    for (Subscriber s : all) {
      s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    OPENED.clear();
    return line;
  }

  private static String report(
      String url,
      String kind,
      int n,
      int hz,
      double elapsed,
      List<Subscriber> subs,
      Subscriber ref) {
    long total = 0;
    long errors = 0;
    long gaps = 0;
    long closed = 0;
    for (Subscriber s : subs) {
      total += s.size;
      errors += s.errors;
      gaps += s.gaps;
      closed += s.closed ? 1 : 0;
    }
    long[] latencies = new long[(int) total];
    long[] added = new long[(int) total];
    int at = 0;
    int paired = 0;
    long[] refArrival = new long[RING];
    long[] refSeq = new long[RING];
    java.util.Arrays.fill(refSeq, -1);
    if (ref != null) {
      for (int i = 0; i < ref.size; i++) {
        int slot = (int) (ref.seqs[i] & (RING - 1));
        refSeq[slot] = ref.seqs[i];
        refArrival[slot] = ref.arrivals[i];
      }
    }
    for (Subscriber s : subs) {
      for (int i = 0; i < s.size; i++) {
        latencies[at++] = s.latencies[i];
        int slot = (int) (s.seqs[i] & (RING - 1));
        if (ref != null && refSeq[slot] == s.seqs[i]) {
          added[paired++] = (s.arrivals[i] - refArrival[slot]) / 1_000; // µs
        }
      }
    }
    String refJson = ref == null ? "null" : Stats.of(ref.latencies, ref.size).json(1000);
    return String.format(
        Locale.ROOT,
        "RT_JSON {\"kind\":\"subs\",\"url\":\"%s\",\"query\":\"%s\",\"subs\":%d,\"hz\":%d,"
            + "\"seconds\":%.2f,\"offered_per_s\":%d,\"delivered_per_s\":%.1f,\"events\":%d,"
            + "\"latency_ms\":%s,\"ref_latency_ms\":%s,\"added_ms\":%s,\"errors\":%d,"
            + "\"gaps\":%d,\"closed\":%d}",
        url,
        kind,
        n,
        hz,
        elapsed,
        (long) n * hz,
        total / elapsed,
        total,
        Stats.of(latencies, at).json(1000),
        refJson,
        ref == null ? "null" : Stats.of(added, paired).json(1000),
        errors,
        gaps,
        closed);
  }

  /** Opens N subscribers (100 at a time) and waits until every one is acknowledged. */
  static List<Subscriber> open(HttpClient client, String url, String query, int n)
      throws InterruptedException {
    CountDownLatch subscribed = new CountDownLatch(n);
    List<Subscriber> subs = new ArrayList<>(n);
    for (int from = 0; from < n; from += 100) {
      List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 100); i++) {
        Subscriber s = new Subscriber(query, subscribed);
        subs.add(s);
        OPENED.add(s);
        batch.add(
            client
                .newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(url), s)
                .thenApply(
                    ws -> {
                      s.socket = ws;
                      return ws;
                    }));
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
          .orTimeout(60, TimeUnit.SECONDS)
          .join();
    }
    if (!subscribed.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(subscribed.getCount() + " of " + n + " not acknowledged");
    }
    return subs;
  }

  /** Opens N idle subscriptions, prints READY when the subgraph holds them, then waits. */
  static void holdIdle(Args args) throws Exception {
    String url = args.require("url");
    String control = args.require("control");
    int n = args.integer("subs", 1000);
    HttpClient client =
        HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(2, Subscribers::daemon))
            .build();
    long before = stat(client, control, "subscriptions");
    List<Subscriber> subs = open(client, url, IDLE, n);
    waitFor(client, control, "subscriptions", before + n, true);
    System.out.println("READY " + n);
    System.out.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("seconds", 600));
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long closed = subs.stream().filter(s -> s.closed).count();
      if (closed > 0) {
        System.out.println("CLOSED " + closed);
      }
    }
    System.exit(0);
  }

  static void rate(HttpClient client, String control, int hz) throws Exception {
    client.send(
        HttpRequest.newBuilder(URI.create(control + "/rate?hz=" + hz)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  static long stat(HttpClient client, String control, String key) throws Exception {
    String body =
        client
            .send(
                HttpRequest.newBuilder(URI.create(control + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return number(body, "\"" + key + "\":");
  }

  /** Polls /stats until key reaches at (up: at least, else at most), 60 s at most. */
  private static void waitFor(HttpClient client, String control, String key, long at, boolean up)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    AtomicLong seen = new AtomicLong();
    while (System.nanoTime() < deadline) {
      seen.set(stat(client, control, key));
      if (up ? seen.get() >= at : seen.get() <= at) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(key + " stayed at " + seen.get() + ", expected " + at);
  }
}
