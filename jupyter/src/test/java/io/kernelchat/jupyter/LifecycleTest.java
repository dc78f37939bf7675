package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each test owns its kernel: these kill, restart and stop it. */
class LifecycleTest {

  /** Records lifecycle events as strings in a queue. */
  static final class LifecycleRecorder implements KernelLifecycleListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onDied(KernelDiedException cause) {
      events.add(cause);
    }

    @Override
    public void onRestarted() {
      events.add("restarted");
    }
  }

  @Test
  void theKernelLeadsItsOwnProcessGroup() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      String stat = Files.readString(Path.of("/proc", Long.toString(kernel.pid()), "stat"));
      long pgid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
      assertThat(pgid).isEqualTo(kernel.pid());
      assertThat(pgid).isNotEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void aKernelThatExitsFailsThePendingExecutionTellsTheListenerWithinASecondAndCanBeRestarted() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      LifecycleRecorder lifecycle = new LifecycleRecorder();
      kernel.addListener(lifecycle);
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "import os, time\nprint('started', flush=True)\ntime.sleep(0.3)\nos._exit(3)",
          ExecuteOptions.defaults(), recorder));
      recorder.next(StreamOutput.class);
      long start = System.nanoTime();

      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(KernelDiedException.class).hasMessageContaining("exit code 3");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 1000));
      Object died = lifecycle.events.poll(1, TimeUnit.SECONDS);
      assertThat(died).isInstanceOf(KernelDiedException.class);
      assertThat(((KernelDiedException) died).exitCode()).hasValue(3);
      assertThat(kernel.isAlive()).isFalse();
      assertThatThrownBy(() -> kernel.client().execute("1", ExecuteOptions.defaults(), new OutputRecorder()))
          .isInstanceOf(KernelDiedException.class);

      kernel.restart();
      assertThat(kernel.client().execute("1", ExecuteOptions.defaults(), new OutputRecorder()).status())
          .isEqualTo(ExecutionStatus.OK);
    }
  }

  @Test
  void aKernelThatStopsAnsweringHeartbeatsIsReportedDead() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      LifecycleRecorder lifecycle = new LifecycleRecorder();
      kernel.addListener(lifecycle);
      // Idle as this client last heard it (a kernel last heard busy may miss heartbeats without being dead).
      kernel.client().execute("pass", ExecuteOptions.defaults(), new OutputRecorder());
      new ProcessBuilder("kill", "-s", "STOP", Long.toString(kernel.pid())).start().waitFor();
      try {
        Object died = lifecycle.events.poll(15, TimeUnit.SECONDS);
        assertThat(died).isInstanceOf(KernelDiedException.class);
        assertThat(((KernelDiedException) died).getMessage()).contains("heartbeat");
        assertThat(kernel.isAlive()).isFalse();
      } finally {
        new ProcessBuilder("kill", "-s", "CONT", Long.toString(kernel.pid())).start().waitFor();
      }
    }
  }

  @Test
  void restartClearsStateAndKeepsTheSameClientUsable() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      LifecycleRecorder lifecycle = new LifecycleRecorder();
      kernel.addListener(lifecycle);
      KernelClient client = kernel.client();
      client.execute("x = 41", ExecuteOptions.defaults(), new OutputRecorder());
      long oldPid = kernel.pid();

      kernel.restart();

      assertThat(lifecycle.events.poll(1, TimeUnit.SECONDS)).isEqualTo("restarted");
      assertThat(kernel.client()).isSameAs(client);
      assertThat(kernel.pid()).isNotEqualTo(oldPid);
      assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
      ExecutionResult result = client.execute("x", ExecuteOptions.defaults(), new OutputRecorder());
      assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(result.error().ename()).isEqualTo("NameError");
      assertThat(lifecycle.events).isEmpty();
    }
  }

  @Test
  void executionsRacingARestartEitherRunOrEndWithKernelDied() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      List<Throwable> unexpected = new CopyOnWriteArrayList<>();
      AtomicInteger died = new AtomicInteger();
      AtomicBoolean restarting = new AtomicBoolean(true);
      Thread caller = new Thread(() -> {
        while (restarting.get()) {
          try {
            kernel.client().execute("1", ExecuteOptions.defaults().withStopOnError(false), new OutputRecorder());
          } catch (KernelDiedException e) {
            died.incrementAndGet();
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }
      });
      caller.start();
      try {
        for (int i = 0; i < 3; i++) {
          kernel.restart();
        }
      } finally {
        restarting.set(false);
        caller.join(10_000);
      }

      assertThat(unexpected).isEmpty();
      assertThat(died.get()).isPositive();
      assertThat(kernel.client().execute("2", ExecuteOptions.defaults(), new OutputRecorder()).status())
          .isEqualTo(ExecutionStatus.OK);
    }
  }

  @Test
  void shutdownLeavesNoProcessOfTheGroupAndNoConnectionFile() throws Exception {
    KernelManager kernel = TestKernels.startPython();
    long pgid = kernel.pid();
    // A child that would outlive a kernel that only exits: it must go with the group.
    kernel.client().execute("import subprocess\np = subprocess.Popen(['sleep', '100'])",
        ExecuteOptions.defaults(), new OutputRecorder());
    Path connectionFile = connectionFileOf(pgid);
    assertThat(Files.getPosixFilePermissions(connectionFile))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    kernel.shutdown();

    assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
    assertThat(connectionFile).doesNotExist();
    assertThat(kernel.isAlive()).isFalse();
    kernel.shutdown(); // a second shutdown is harmless
  }

  private static Path connectionFileOf(long pid) throws Exception {
    String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
    String[] args = cmdline.split("\0");
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("-f")) {
        return Path.of(args[i + 1]);
      }
    }
    throw new AssertionError("no -f in " + cmdline.replace('\0', ' '));
  }
}
