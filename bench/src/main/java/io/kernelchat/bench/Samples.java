package io.kernelchat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings in milliseconds, with the order statistics the report prints. */
record Samples(List<Double> millis) {
  Samples {
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    millis = List.copyOf(sorted);
  }

  static Samples of(List<Double> millis) {
    return new Samples(millis);
  }

  double median() {
    return percentile(50);
  }

  double p99() {
    return percentile(99);
  }

  /** Nearest-rank percentile. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * millis.size());
    return millis.get(Math.max(0, Math.min(millis.size() - 1, rank - 1)));
  }

  int count() {
    return millis.size();
  }
}
