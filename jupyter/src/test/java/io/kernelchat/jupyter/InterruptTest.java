package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InterruptTest {
  private static KernelManager kernel;

  @BeforeAll
  static void startKernel() {
    kernel = TestKernels.startPython();
  }

  @AfterAll
  static void stopKernel() {
    kernel.shutdown();
  }

  /**
   * Starts the code, waits for its "started" line, interrupts, and returns how long the end took. Not
   * stopping on error: ipykernel would otherwise abort a request that arrives just after the interrupt.
   */
  private static Duration interruptWhileRunning(String code) throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
        () -> kernel.client().execute(code, ExecuteOptions.defaults().withStopOnError(false), recorder));
    assertThat(recorder.nextLine()).isEqualTo("started\n");
    long start = System.nanoTime();
    kernel.interrupt();
    ExecutionResult result = running.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(result.error().ename()).isEqualTo("KeyboardInterrupt");
    return took;
  }

  @Test
  void interruptStopsAnInfiniteLoopAndKeepsTheKernelUsable() throws Exception {
    Duration took = interruptWhileRunning("print('started', flush=True)\nwhile True: pass");

    assertThat(took).isLessThan(Duration.ofSeconds(1));
    OutputRecorder after = new OutputRecorder();
    assertThat(kernel.client().execute("6*7", ExecuteOptions.defaults(), after).status())
        .isEqualTo(ExecutionStatus.OK);
    assertThat(after.next(ExecuteResult.class).data()).containsEntry("text/plain", "42");
  }

  @Test
  void interruptAlsoStopsAChildProcessOfTheKernel() throws Exception {
    // Popen returns once `sleep` has exec'd, so the interrupt surely finds it running.
    Duration took = interruptWhileRunning(
        "import subprocess\np = subprocess.Popen(['sleep', '100'])\nprint('started', flush=True)\np.wait()");

    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(ProcessGroups.awaitOnly(kernel.pid(), List.of(kernel.pid()))).containsExactly(kernel.pid());
  }

  @Test
  void anInterruptSentBeforeTheCellStartsStopsItOnceItStarts() throws Exception {
    // Stopped, the kernel cannot take the request in: the interrupt comes while the cell still waits, and
    // the SIGINT itself reaches a kernel that ignores it outside a cell.
    String pid = Long.toString(kernel.pid());
    new ProcessBuilder("kill", "-s", "STOP", pid).start().waitFor();
    CompletableFuture<ExecutionResult> running;
    try {
      running = CompletableFuture.supplyAsync(() -> kernel.client().execute("import time\ntime.sleep(30)",
          ExecuteOptions.defaults().withStopOnError(false), new OutputRecorder()));
      Thread.sleep(300);
      kernel.interrupt();
    } finally {
      new ProcessBuilder("kill", "-s", "CONT", pid).start().waitFor();
    }
    ExecutionResult result = running.get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(result.error().ename()).isEqualTo("KeyboardInterrupt");
  }
}
