package io.kernelchat.jupyter;

import java.util.List;

/** The kernel process failed to start or never became ready; carries the last lines it wrote. */
public class KernelStartException extends KernelException {
  private final List<String> lastOutputLines;

  public KernelStartException(String message, List<String> lastOutputLines) {
    super(lastOutputLines.isEmpty() ? message
        : message + "; the kernel's last output:\n  " + String.join("\n  ", lastOutputLines));
    this.lastOutputLines = List.copyOf(lastOutputLines);
  }

  /** The last lines of the kernel's combined stdout/stderr log, oldest first. */
  public List<String> lastOutputLines() {
    return lastOutputLines;
  }
}
