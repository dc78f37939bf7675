package io.kernelchat.jupyter;

/**
 * Receives an execution's outputs, on the thread that called {@link KernelClient#execute}, in kernel order.
 */
public interface ExecutionListener {
  /**
   * The request is on its way (or the kernel is already known dead, and the execution will end with that),
   * before any output. The kernel takes a while to start on a request, so work done here overlaps with it.
   */
  default void onSent() {}

  /**
   * The kernel's reply: the code has finished, with this result (the same one {@code execute} returns). Outputs
   * can still follow until the kernel reports idle (they travel on another socket), so work done here overlaps
   * with the kernel's last messages. Not called when the execution times out or the kernel dies first.
   */
  default void onReply(ExecutionResult result) {}

  /** One output; called in the order the kernel published them. */
  default void onOutput(Output output) {}

  /**
   * The code asked for input (only when {@link ExecuteOptions#allowStdin()}). Return the line to send back.
   * The default refuses; the kernel then receives an empty line.
   */
  default String onInputRequest(InputRequest request) {
    throw new UnsupportedOperationException("this listener does not answer input()");
  }
}
