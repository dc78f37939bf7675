package io.kernelchat.jupyter;

import java.util.OptionalInt;

/** The kernel process exited or stopped answering while it was in use. */
public class KernelDiedException extends KernelException {
  private final Integer exitCode;

  public KernelDiedException(String message, Integer exitCode) {
    super(exitCode == null ? message : message + " (exit code " + exitCode + describeSignal(exitCode) + ")");
    this.exitCode = exitCode;
  }

  /** The process exit code, empty when the kernel hung rather than exited. */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  private static String describeSignal(int code) {
    // Java reports death by signal N as 128 + N.
    return switch (code) {
      case 137 -> ", killed by SIGKILL, perhaps out of memory";
      case 139 -> ", segmentation fault";
      case 134 -> ", aborted";
      default -> "";
    };
  }
}
