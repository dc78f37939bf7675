package io.kernelchat.bench;

/** One benchmark suite: a section of docs/performance.md. Register new ones in {@link BenchMain}. */
interface Benchmark {
  /** The section heading, e.g. "Jupyter client". */
  String title();

  Report run(BenchOptions options) throws Exception;
}
