package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernels from test resources that misbehave on purpose. */
class ProblemKernelsTest {
  private static final KernelSpecs SPECS = KernelSpecs.discover(List.of(resourceRoot()));

  private static Path resourceRoot() {
    try {
      return Path.of(ProblemKernelsTest.class.getResource("/kernels").toURI()).getParent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KernelLaunchOptions.Builder withTestPython() {
    return KernelLaunchOptions.builder()
        .environment(Map.of("KERNELCHAT_TEST_PYTHON", TestKernels.pythonExecutable().toString()));
  }

  @Test
  void aKernelThatFailsOnStartIsReportedWithItsLastOutput() {
    KernelSpec spec = SPECS.find("fails-on-start").orElseThrow();

    assertThatThrownBy(() -> KernelManager.start(spec, withTestPython().build()))
        .isInstanceOf(KernelStartException.class)
        .hasMessageContaining("exited with code 7 before it was ready")
        .hasMessageContaining("No module named 'kernel_of_doom'")
        .satisfies(e -> assertThat(((KernelStartException) e).lastOutputLines())
            .last().isEqualTo("ModuleNotFoundError: No module named 'kernel_of_doom'"));
  }

  @Test
  void aKernelThatLostTheRaceForItsPortsIsStartedAgain(@TempDir Path scratch) throws Exception {
    Path marker = scratch.resolve("first-start-done");
    try (KernelManager kernel = KernelManager.start(SPECS.find("port-taken-once").orElseThrow(),
        KernelLaunchOptions.builder().environment(Map.of(
            "KERNELCHAT_TEST_PYTHON", TestKernels.pythonExecutable().toString(),
            "KERNELCHAT_TEST_MARKER", marker.toString())).build())) {
      assertThat(marker).exists();
      assertThat(kernel.client().execute("1+1", ExecuteOptions.defaults(), new OutputRecorder()).status())
          .isEqualTo(ExecutionStatus.OK);
    }
  }

  @Test
  void aSlowKernelIsWaitedForAndItsFirstOutputIsNotLost() throws Exception {
    try (KernelManager kernel = KernelManager.start(SPECS.find("slow-start").orElseThrow(),
        withTestPython().build())) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("print('first')", ExecuteOptions.defaults(), recorder);
      assertThat(recorder.nextLine()).isEqualTo("first\n");
    }
  }

  @Test
  void aKernelThatNeverAnswersTimesOutAndIsKilled() {
    KernelSpec spec = SPECS.find("never-ready").orElseThrow();

    assertThatThrownBy(() -> KernelManager.start(spec,
        withTestPython().startupTimeout(Duration.ofSeconds(2)).build()))
        .isInstanceOf(KernelStartException.class)
        .hasMessageContaining("was not ready within 2 s")
        .hasMessageContaining("pretending to start");
  }

  @Test
  void aLaunchCommandThatDoesNotExistNamesIt() {
    KernelSpec spec = new KernelSpec("ghost", List.of("/nonexistent/python9", "-f", "{connection_file}"),
        null, "python", Map.of(), InterruptMode.SIGNAL, null);

    assertThatThrownBy(() -> KernelManager.start(spec, KernelLaunchOptions.defaults()))
        .isInstanceOf(KernelStartException.class)
        .hasMessageContaining("/nonexistent/python9");
  }

  @Test
  void aMissingWorkingDirectoryIsAClearError() {
    assertThatThrownBy(() -> KernelManager.start(TestKernels.python(),
        KernelLaunchOptions.builder().workingDirectory(Path.of("/nonexistent/work")).build()))
        .isInstanceOf(KernelStartException.class)
        .hasMessageContaining("/nonexistent/work does not exist");
  }

  @Test
  void aMessageModeKernelIsInterruptedByMessageAndGetsItsSpecEnvironment() throws Exception {
    try (KernelManager kernel = KernelManager.start(SPECS.find("message-interrupt").orElseThrow(),
        withTestPython().build())) {
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "import os\nprint(os.environ['KERNEL_FLAVOUR'], flush=True)\nwhile True: pass",
          ExecuteOptions.defaults(), recorder));
      assertThat(recorder.nextLine()).isEqualTo("message-interrupt\n");

      kernel.interrupt();

      ExecutionResult result = running.get(5, TimeUnit.SECONDS);
      assertThat(result.error().ename()).isEqualTo("KeyboardInterrupt");
    }
  }

  @Test
  void outputWithAForgedSignatureIsIgnored() throws Exception {
    try (KernelManager kernel = KernelManager.start(SPECS.find("forged-output").orElseThrow(),
        withTestPython().build())) {
      OutputRecorder recorder = new OutputRecorder();
      ExecutionResult result = kernel.client().execute("anything", ExecuteOptions.defaults(), recorder);

      assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
      assertThat(recorder.remaining()).containsExactly(new StreamOutput(StreamName.STDOUT, "genuine\n"));
    }
  }
}
