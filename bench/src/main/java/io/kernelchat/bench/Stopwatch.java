package io.kernelchat.bench;

/** Measures one run of an action, in milliseconds. */
final class Stopwatch {
  interface Action {
    void run() throws Exception;
  }

  private Stopwatch() {}

  static double time(Action action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e6;
  }
}
