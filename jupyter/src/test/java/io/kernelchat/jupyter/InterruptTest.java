package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

  /** Starts the code, waits for its "started" line, interrupts, and returns how long the end took. */
  private static Duration interruptWhileRunning(String code) throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
        () -> kernel.client().execute(code, ExecuteOptions.defaults(), recorder));
    assertThat(recorder.next(StreamOutput.class).text()).isEqualTo("started\n");
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
    Duration took = interruptWhileRunning(
        "import subprocess\nprint('started', flush=True)\nsubprocess.run(['sleep', '100'])");

    assertThat(took).isLessThan(Duration.ofSeconds(1));
    OutputRecorder after = new OutputRecorder();
    kernel.client().execute("import subprocess\nprint(subprocess.run(['pgrep', '-x', 'sleep', '-g', '0'],"
        + " capture_output=True).returncode)", ExecuteOptions.defaults(), after);
    // pgrep exits 1 when no `sleep` is left in the kernel's process group.
    assertThat(after.streamText(StreamName.STDOUT)).isEqualTo("1\n");
  }
}
