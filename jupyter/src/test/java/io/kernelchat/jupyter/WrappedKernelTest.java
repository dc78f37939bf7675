package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real kernel run inside bubblewrap with a network namespace of its own: its channels reach this client
 * only through the run directory's Unix sockets, spoken to without ZeroMQ's library.
 */
class WrappedKernelTest {
  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  /** The host's file system as it is, plus a private /run holding the run directory: only the network differs. */
  private static final KernelWrapper NO_NETWORK = new KernelWrapper() {
    @Override
    public Path runDirectoryInside() {
      return Path.of("/run/kernel");
    }

    @Override
    public List<String> command(List<String> kernelArgv, Path runDirectory) {
      List<String> command = new ArrayList<>(List.of(BWRAP.toString(), "--dev-bind", "/", "/", "--unshare-net",
          "--unshare-pid", "--die-with-parent", "--proc", "/proc", "--tmpfs", "/run",
          "--bind", runDirectory.toString(), "/run/kernel", "--setenv", "JPY_PARENT_PID", "1", "--"));
      command.addAll(kernelArgv);
      return command;
    }
  };

  private static KernelManager kernel;

  @BeforeAll
  static void startKernel() {
    assumeThat(Files.isExecutable(BWRAP)).as("bubblewrap is installed (./test installs it)").isTrue();
    kernel = KernelManager.start(TestKernels.python(), KernelLaunchOptions.builder().wrapper(NO_NETWORK).build());
  }

  @AfterAll
  static void stopKernel() {
    if (kernel != null) {
      kernel.shutdown();
    }
  }

  @Test
  void codeRunsAndItsOutputsArriveThroughTheUnixSockets() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    ExecutionResult result = kernel.client().execute("print('hi')\n6*7", ExecuteOptions.defaults(), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
    assertThat(recorder.nextLine()).isEqualTo("hi\n");
    assertThat(recorder.next(ExecuteResult.class).data()).containsEntry("text/plain", "42");
  }

  @Test
  void tenMegabytesOfOutputArriveWhole() {
    OutputRecorder recorder = new OutputRecorder();
    kernel.client().execute("print('x' * 10_000_000)", ExecuteOptions.defaults(), recorder);

    assertThat(recorder.streamText(StreamName.STDOUT)).hasSize(10_000_001);
  }

  @Test
  void theKernelCannotReachThisMachinesLoopback() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("""
          import socket
          try:
              socket.create_connection(('127.0.0.1', %d), timeout=2)
              print('connected')
          except OSError as e:
              print('refused')
          """.formatted(listening.getLocalPort()), ExecuteOptions.defaults(), recorder);

      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("refused\n");
    }
  }

  @Test
  void interruptAndRestartWorkThroughTheWrapper() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
        "x = 1\nprint('started', flush=True)\nwhile True: pass", ExecuteOptions.defaults().withStopOnError(false),
        recorder));
    assertThat(recorder.nextLine()).isEqualTo("started\n");
    kernel.interrupt();
    assertThat(running.get(10, TimeUnit.SECONDS).error().ename()).isEqualTo("KeyboardInterrupt");

    kernel.restart();
    OutputRecorder after = new OutputRecorder();
    kernel.client().execute("print('x' in globals())", ExecuteOptions.defaults(), after);
    assertThat(after.streamText(StreamName.STDOUT)).isEqualTo("False\n");
  }

  @Test
  void inputIsAskedAndAnsweredOnStdin() {
    List<InputRequest> asked = new ArrayList<>();
    OutputRecorder recorder = new OutputRecorder() {
      @Override
      public String onInputRequest(InputRequest request) {
        asked.add(request);
        return "Ada";
      }
    };
    ExecutionResult result = kernel.client().execute("name = input('Name? ')\nprint('hello', name)",
        ExecuteOptions.defaults(), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
    assertThat(asked).containsExactly(new InputRequest("Name? ", false));
    assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("hello Ada\n");
  }

  @Test
  void aWrappedKernelThatStopsAnsweringHeartbeatsIsReportedDead() throws Exception {
    try (KernelManager stopped = KernelManager.start(TestKernels.python(),
        KernelLaunchOptions.builder().wrapper(NO_NETWORK).build())) {
      LinkedBlockingQueue<KernelDiedException> deaths = new LinkedBlockingQueue<>();
      stopped.addListener(new KernelLifecycleListener() {
        @Override
        public void onDied(KernelDiedException cause) {
          deaths.add(cause);
        }
      });
      // A cell that has ended leaves the kernel idle as this client last heard it: a kernel last heard busy may
      // miss heartbeats without being taken for dead, and the startup's own statuses may not all be read yet.
      stopped.client().execute("pass", ExecuteOptions.defaults(), new ExecutionListener() {});
      // bubblewrap itself stays running: only what runs inside it, the kernel, stops.
      List<ProcessHandle> inside = ProcessHandle.of(stopped.pid()).orElseThrow().descendants().toList();
      signal("STOP", inside);
      try {
        KernelDiedException died = deaths.poll(15, TimeUnit.SECONDS);
        assertThat(died).isNotNull();
        assertThat(died.getMessage()).contains("heartbeat");
      } finally {
        signal("CONT", inside);
      }
    }
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle process : processes) {
      new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start().waitFor();
    }
  }
}
