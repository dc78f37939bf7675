package io.kernelchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory of a process and all its descendants, from /proc: the sum of VmRSS, and the sum of Pss (each
 * shared page divided among the processes that map it, so that libraries two kernels share count half in
 * each). A sandboxed kernel is bubblewrap, its init and the kernel; an unconfined one the kernel alone.
 *
 * @param processes how many processes were counted
 */
record ProcessTreeMemory(long rssBytes, long pssBytes, int processes) {
  static ProcessTreeMemory of(long pid) throws IOException {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid));
    List<ProcessHandle> tree = new ArrayList<>(List.of(root));
    root.descendants().forEach(tree::add);
    long rss = 0;
    long pss = 0;
    for (ProcessHandle process : tree) {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      rss += kilobytes(proc.resolve("status"), "VmRSS:") * 1024;
      pss += kilobytes(proc.resolve("smaps_rollup"), "Pss:") * 1024;
    }
    return new ProcessTreeMemory(rss, pss, tree.size());
  }

  /**
   * The same over the descendants of {@code pid} whose command line holds {@code marker} (Chromium's renderers:
   * {@code --type=renderer}), read from /proc: Chromium rewrites its command line as one string, which
   * ProcessHandle.Info does not parse. Processes that end while they are read are left out.
   */
  static ProcessTreeMemory ofDescendants(long pid, String marker) throws IOException {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid));
    long rss = 0;
    long pss = 0;
    int processes = 0;
    for (ProcessHandle process : (Iterable<ProcessHandle>) root.descendants()::iterator) {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      try {
        if (!Files.readString(proc.resolve("cmdline")).contains(marker)) {
          continue;
        }
        long processRss = kilobytes(proc.resolve("status"), "VmRSS:") * 1024;
        pss += kilobytes(proc.resolve("smaps_rollup"), "Pss:") * 1024;
        rss += processRss;
        processes++;
      } catch (NoSuchFileException ended) {
        // it ended meanwhile
      }
    }
    return new ProcessTreeMemory(rss, pss, processes);
  }

  private static long kilobytes(Path file, String field) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException(file + " has no " + field);
  }
}
