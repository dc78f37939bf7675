package io.kernelchat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** docs/performance.md: one "## Title" section per benchmark, replaced in place on each run. */
final class PerformanceDoc {
  private static final String HEADER = "# Performance\n\nMeasured by `bench/run` (see bench/). Each section is "
      + "rewritten by its benchmark; numbers are from one run on the machine named in the section.\n";

  private final Path file;
  private final String machine;

  /** Create before the benchmarks run: it notes the date, machine and load at the start. */
  PerformanceDoc(Path file) throws IOException {
    this.file = file;
    this.machine = machine();
  }

  void writeSection(String title, String markdown) throws IOException {
    String doc = Files.exists(file) ? Files.readString(file) : HEADER;
    String heading = "## " + title + "\n";
    String section = heading + "\n" + machine + "\n" + markdown;
    int start = doc.indexOf(heading);
    if (start < 0) {
      doc = doc.stripTrailing() + "\n\n" + section;
    } else {
      int next = doc.indexOf("\n## ", start + heading.length());
      doc = doc.substring(0, start) + section + (next < 0 ? "" : "\n" + doc.substring(next + 1));
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, doc.stripTrailing() + "\n");
  }

  private static String machine() throws IOException {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    return "Run " + date + " on " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel()
        + "), Java " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + "; load average at the start " + loadAverage() + " (other work on the machine adds noise).\n";
  }

  static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.exists(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).split(" ");
    return fields[0] + " / " + fields[1] + " / " + fields[2];
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.exists(cpuinfo)) {
      return "unknown CPU";
    }
    try (InputStream in = Files.newInputStream(cpuinfo)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    }
    return "unknown CPU";
  }
}
