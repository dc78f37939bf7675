package io.kernelchat.jupyter;

import java.time.Duration;

/**
 * The flags of an {@code execute_request}, plus an optional deadline for the whole call.
 *
 * @param timeout how long {@link KernelClient#execute} may take, or {@code null} for no limit
 */
public record ExecuteOptions(boolean silent, boolean storeHistory, boolean allowStdin, boolean stopOnError,
                             Duration timeout) {
  public ExecuteOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /**
   * Not silent, stored in history, stdin allowed, stop on error, no deadline: what a notebook sends. With
   * stop on error, ipykernel aborts requests that arrive while it clears its queue after a failed one, so
   * a caller that runs one cell at a time and sends the next right away may prefer
   * {@code withStopOnError(false)}.
   */
  public static ExecuteOptions defaults() {
    return new ExecuteOptions(false, true, true, true, null);
  }

  public ExecuteOptions withSilent(boolean value) {
    return new ExecuteOptions(value, storeHistory, allowStdin, stopOnError, timeout);
  }

  public ExecuteOptions withStoreHistory(boolean value) {
    return new ExecuteOptions(silent, value, allowStdin, stopOnError, timeout);
  }

  public ExecuteOptions withAllowStdin(boolean value) {
    return new ExecuteOptions(silent, storeHistory, value, stopOnError, timeout);
  }

  public ExecuteOptions withStopOnError(boolean value) {
    return new ExecuteOptions(silent, storeHistory, allowStdin, value, timeout);
  }

  public ExecuteOptions withTimeout(Duration value) {
    return new ExecuteOptions(silent, storeHistory, allowStdin, stopOnError, value);
  }
}
