package io.kernelchat.server.kernels;

/**
 * How kernels are confined: the mode, whether a conversation's kernel has a network unless the conversation
 * says otherwise, and the limits each sandboxed kernel gets (bytes of memory, processes and threads, bytes
 * of any one file it writes).
 */
public record SandboxSettings(SandboxMode mode, boolean network, long memoryBytes, int processes,
                              long fileSizeBytes) {
  private static final long GIB = 1L << 30;

  /** Auto, no network, a quarter of this machine's memory (at least 1 GiB), 512 processes, 16 GiB files. */
  public static SandboxSettings defaults() {
    return new SandboxSettings(SandboxMode.AUTO, false, Math.max(GIB, totalMemoryBytes() / 4), 512, 16 * GIB);
  }

  public SandboxSettings withMode(SandboxMode value) {
    return new SandboxSettings(value, network, memoryBytes, processes, fileSizeBytes);
  }

  public SandboxSettings withNetwork(boolean value) {
    return new SandboxSettings(mode, value, memoryBytes, processes, fileSizeBytes);
  }

  public SandboxSettings withMemoryBytes(long value) {
    return new SandboxSettings(mode, network, value, processes, fileSizeBytes);
  }

  public SandboxSettings withProcesses(int value) {
    return new SandboxSettings(mode, network, memoryBytes, value, fileSizeBytes);
  }

  public SandboxSettings withFileSizeBytes(long value) {
    return new SandboxSettings(mode, network, memoryBytes, processes, value);
  }

  private static long totalMemoryBytes() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return 4 * GIB;
  }

  /** {@code bytes} as a person reads a limit: "4 GiB", "1.5 GiB", "512 MiB". */
  static String describeBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = value == Math.rint(value) ? Long.toString((long) value)
        : String.format(java.util.Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }
}
