package io.kernelchat.jupyter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads process groups from /proc, as `pgrep -g` would, leaving out zombies (they no longer run). */
final class ProcessGroups {
  private ProcessGroups() {}

  static List<Long> liveMembers(long pgid) throws Exception {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> {
            try {
              String stat = Files.readString(p.resolve("stat"));
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              return !fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid;
            } catch (Exception gone) {
              return false;
            }
          })
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    }
  }

  /** The group's live members once only {@code expected} are left, or whatever is left after 2 s. */
  static List<Long> awaitOnly(long pgid, List<Long> expected) throws Exception {
    long deadline = System.nanoTime() + 2_000_000_000L;
    List<Long> members = liveMembers(pgid);
    while (!members.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      members = liveMembers(pgid);
    }
    return members;
  }
}
