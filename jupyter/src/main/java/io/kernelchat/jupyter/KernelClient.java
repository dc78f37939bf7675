package io.kernelchat.jupyter;

/** Sends requests to a running kernel and waits for their results. Thread-safe. */
public final class KernelClient {
  private KernelClient() {}

  /**
   * Runs code and streams its outputs to the listener on the calling thread, returning once both the
   * {@code execute_reply} and the {@code status: idle} for this request have arrived.
   *
   * @throws ExecutionTimeoutException when {@code options.timeout()} passes first (the kernel keeps running)
   * @throws KernelDiedException when the kernel dies before the execution ends
   */
  public ExecutionResult execute(String code, ExecuteOptions options, ExecutionListener listener) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Completions at {@code cursorPos} (a code point offset). */
  public CompleteReply complete(String code, int cursorPos) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Documentation for the object at {@code cursorPos}; detail level 0 or 1. */
  public InspectReply inspect(String code, int cursorPos, int detailLevel) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The kernel's self-description. */
  public KernelInfo kernelInfo() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
