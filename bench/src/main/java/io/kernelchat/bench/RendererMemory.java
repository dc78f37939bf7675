package io.kernelchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The memory of the Chromium renderer processes this JVM started (through Playwright's driver). */
final class RendererMemory {
  private RendererMemory() {}

  /** Each renderer's proportional set size in bytes (shared pages divided among their users). */
  static List<Long> pss() {
    List<Long> sizes = new ArrayList<>();
    ProcessHandle.current().descendants().forEach(p -> {
      Path proc = Path.of("/proc", Long.toString(p.pid()));
      try {
        // Read here, not through ProcessHandle.Info: Chromium rewrites its command line as one string.
        if (!Files.readString(proc.resolve("cmdline")).contains("--type=renderer")) {
          return;
        }
        for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            sizes.add(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
          }
        }
      } catch (IOException gone) {
        // the process ended meanwhile
      }
    });
    return sizes;
  }
}
