package io.kernelchat.server.kernels;

import java.util.Locale;

/** {@code --sandbox}: whether kernels are confined. */
public enum SandboxMode {
  /** Confined where a probe launch of bubblewrap works; unconfined otherwise, and the page says so. */
  AUTO,
  /** Confined, or no kernel starts. */
  REQUIRED,
  /** Never confined: kernel code can do whatever the user who started kernelchat can. */
  OFF;

  /** From an option value; IllegalArgumentException naming the choices otherwise. */
  public static SandboxMode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sandbox must be auto, required or off, not '" + value + "'");
    }
  }
}
