package dev.junction.bench.realtime;

import java.util.Arrays;

/**
 * Entry point of {@code bench-realtime.jar}:
 *
 * <pre>
 * java -jar bench-realtime.jar server [--port 14500] [--slow-ms 50]   # the three subgraphs
 * java -jar bench-realtime.jar subs  --url ws://… --subs N --seconds S [--query plain|entity] [--ref ws://…]
 * java -jar bench-realtime.jar suite --gateway ws://… --direct ws://… --control http://… [--configs 1x100,100x20]
 * java -jar bench-realtime.jar defer --url http://… --requests R [--warmup W]
 * java -jar bench-realtime.jar idle  --url ws://… --subs N            # holds N idle subscriptions
 * </pre>
 */
public final class Main {
  private Main() {}

  /** Dispatches on the first argument. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: server|subs|defer|idle [options]");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Args options = Args.parse(rest);
    switch (args[0]) {
      case "server" -> RtServer.run(options);
      case "subs" -> Subscribers.run(options);
      case "defer" -> DeferTimer.run(options);
      case "suite" -> Subscribers.suite(options);
      case "idle" -> Subscribers.holdIdle(options);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
