package dev.junction.bench.realtime;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample of longs (sorted copy). */
record Stats(long count, double p50, double p99, double max) {
  static Stats of(long[] values, int size) {
    if (size == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Stats(size, at(sorted, 0.50), at(sorted, 0.99), sorted[size - 1]);
  }

  private static double at(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** JSON object, values divided by {@code scale} (e.g. 1000 for µs → ms). */
  String json(double scale) {
    return String.format(
        Locale.ROOT,
        "{\"n\":%d,\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}",
        count,
        p50 / scale,
        p99 / scale,
        max / scale);
  }
}
