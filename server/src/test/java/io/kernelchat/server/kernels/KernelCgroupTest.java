package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A kernel's cgroups: entered by its command, limiting it, and the leftovers of a dead server removed. */
class KernelCgroupTest {
  @Test
  void aLeftoverEmptyCgroupIsRemovedAndABusyOneIsKept() throws Exception {
    String leftName = "test-left-" + UUID.randomUUID();
    String busyName = "test-busy-" + UUID.randomUUID();
    Optional<KernelCgroup> left = KernelCgroup.create(leftName, 16, 1L << 30);
    assumeThat(left).as("this machine lets kernelchat make cgroups").isPresent();
    KernelCgroup busy = KernelCgroup.create(busyName, 16, 1L << 30).orElseThrow();
    List<String> command = new ArrayList<>(busy.enter(List.of("/usr/bin/sleep", "30")));
    Process sleeper = new ProcessBuilder(command).start();
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (Files.readAllLines(dirs(busyName).get(0).resolve("cgroup.procs")).isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(1_100);

      KernelCgroup.removeLeftovers(Duration.ofSeconds(1));

      assertThat(dirs(leftName)).isEmpty();
      assertThat(dirs(busyName)).isNotEmpty().allSatisfy(dir -> assertThat(Files.readAllLines(dir.resolve("cgroup.procs")))
          .containsExactly(Long.toString(sleeper.pid())));
    } finally {
      sleeper.destroyForcibly().waitFor();
      busy.remove();
    }
    assertThat(dirs(busyName)).isEmpty();
  }

  /** The directories of the cgroups named {@code name} that exist now. */
  private static List<Path> dirs(String name) {
    return KernelCgroup.named(name).dirs();
  }
}
