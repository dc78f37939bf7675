package io.kernelchat.jupyter;

import java.time.Duration;

/** An execution outlived its deadline. The kernel is left running; the caller decides whether to interrupt. */
public class ExecutionTimeoutException extends KernelException {
  private final Duration timeout;

  public ExecutionTimeoutException(Duration timeout) {
    super("execution did not finish within " + timeout.toMillis() + " ms");
    this.timeout = timeout;
  }

  /** The deadline that passed. */
  public Duration timeout() {
    return timeout;
  }
}
