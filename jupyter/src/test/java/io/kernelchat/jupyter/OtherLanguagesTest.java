package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real kernels of other languages, as Debian packages them (./test installs them): IRkernel (r-cran-irkernel)
 * and the Octave kernel (python3-octave-kernel), whose kernelspec starts with a bare {@code python}.
 */
class OtherLanguagesTest {
  private static final KernelSpecs SPECS = KernelSpecs.discover();

  static KernelSpec spec(String name) {
    return SPECS.launchable(name, Optional.of(TestKernels.pythonExecutable()));
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class IRkernel {
    private KernelManager kernel;

    @BeforeAll
    void start() {
      kernel = KernelManager.start(spec("ir"), KernelLaunchOptions.defaults());
    }

    @AfterAll
    void stop() {
      kernel.shutdown();
    }

    @Test
    void itsProgramIsFoundOnPathAndNamedAbsolutely() {
      assertThat(spec("ir").argv().get(0)).startsWith("/").endsWith("/R");
    }

    @Test
    void aValueIsShownInEveryFormatRHasAndKernelInfoNamesR() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      ExecutionResult result = kernel.client().execute("1 + 1", ExecuteOptions.defaults(), recorder);

      assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
      // IRkernel shows values as display_data, not execute_result.
      assertThat(recorder.next(DisplayData.class).data()).containsEntry("text/plain", "[1] 2")
          .containsKeys("text/html", "text/latex", "text/markdown");
      KernelInfo info = kernel.client().kernelInfo();
      assertThat(info.languageName()).isEqualTo("R");
      assertThat(info.fileExtension()).isEqualToIgnoringCase(".r");
    }

    @Test
    void aBaseRPlotArrivesAsAPng() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("plot(1:10)", ExecuteOptions.defaults(), recorder);

      DisplayData plot = recorder.next(DisplayData.class);
      assertThat(plot.data()).containsKey("image/png");
      assertThat(java.util.Base64.getMimeDecoder().decode((String) plot.data().get("image/png")))
          .startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void anErrorCarriesRsMessage() {
      ExecutionResult result = kernel.client().execute("stop('the data is wrong')", ExecuteOptions.defaults(),
          new OutputRecorder());

      assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(result.error().evalue()).contains("the data is wrong");
    }

    @Test
    void aBusyKernelIsNotTakenForDeadAndAnInterruptEndsItsSleep() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "cat('started\\n'); Sys.sleep(60)", ExecuteOptions.defaults(), recorder));
      assertThat(recorder.nextLine()).isEqualTo("started\n");
      // Longer than the heartbeat takes to give up on a kernel that does not answer.
      Thread.sleep(7_000);
      assertThat(kernel.isAlive()).isTrue();

      kernel.interrupt();

      // IRkernel answers an interrupt with the protocol's old status "abort".
      assertThat(running.get(10, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(kernel.client().execute("x <- 3; x * 2", ExecuteOptions.defaults(), new OutputRecorder()).status())
          .isEqualTo(ExecutionStatus.OK);
    }

    @Test
    void aRestartWhileACellRunsEndsThatCellSayingSoAndTheNewKernelWorks() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "cat('started\\n'); Sys.sleep(60)", ExecuteOptions.defaults(), recorder));
      assertThat(recorder.nextLine()).isEqualTo("started\n");

      kernel.restart();

      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(KernelDiedException.class).hasMessageContaining("was restarted");
      OutputRecorder after = new OutputRecorder();
      kernel.client().execute("exists('x')", ExecuteOptions.defaults(), after);
      assertThat(after.next(DisplayData.class).data()).containsEntry("text/plain", "[1] FALSE");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OctaveKernel {
    private KernelManager kernel;

    @BeforeAll
    void start() {
      kernel = KernelManager.start(spec("octave"), KernelLaunchOptions.defaults());
    }

    @AfterAll
    void stop() {
      kernel.shutdown();
    }

    @Test
    void itsBarePythonBecomesAPythonThatHasTheKernelsModule() {
      String python = spec("octave").argv().get(0);

      assertThat(python).startsWith("/");
      assertThat(io.kernelchat.jupyter.internal.PythonProbe.imports(java.nio.file.Path.of(python), "octave_kernel"))
          .isTrue();
    }

    @Test
    void kernelInfoIsReadDespiteItsTupleVersion() {
      long start = System.nanoTime();
      KernelInfo info = kernel.client().kernelInfo();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(info.languageName()).isEqualTo("octave");
      assertThat(info.implementationVersion()).isNotBlank();
    }

    @Test
    void codeRunsAndPrints() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      ExecutionResult result = kernel.client().execute("disp(6 * 7)", ExecuteOptions.defaults(), recorder);

      assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualToIgnoringWhitespace("42");
    }

    @Test
    void aRestartWhileACellRunsEndsThatCellSayingSoAndTheNewKernelWorks() throws Exception {
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "disp('started'); pause(60)", ExecuteOptions.defaults(), recorder));
      assertThat(recorder.next(StreamOutput.class).text()).startsWith("started");

      kernel.restart();

      assertThatThrownBy(() -> running.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(KernelDiedException.class).hasMessageContaining("was restarted");
      OutputRecorder after = new OutputRecorder();
      assertThat(kernel.client().execute("disp(1 + 1)", ExecuteOptions.defaults(), after).status())
          .isEqualTo(ExecutionStatus.OK);
      assertThat(after.streamText(StreamName.STDOUT)).isEqualToIgnoringWhitespace("2");
    }
  }
}
