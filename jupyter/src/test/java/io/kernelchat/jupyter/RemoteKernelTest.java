package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kernelchat.jupyter.testing.TestJupyterServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernels on a real Jupyter Server, over its REST API and kernel WebSocket. */
class RemoteKernelTest {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static TestJupyterServer jupyter;
  private static JupyterServer server;

  @BeforeAll
  static void startServer() throws Exception {
    Optional<Path> python = TestJupyterServer.python();
    assumeTrue(python.isPresent(), "no Python with jupyter_server: run scripts/provision-jupyter-server");
    jupyter = TestJupyterServer.start(python.get());
    server = new JupyterServer(JupyterServerOptions.of(jupyter.url(), jupyter.token()));
  }

  @AfterAll
  static void stopServer() {
    if (jupyter != null) {
      jupyter.close();
    }
  }

  private static RemoteKernel start() {
    return RemoteKernel.start(server, server.kernelSpecs().get(0).name(), "", STARTUP);
  }

  @Test
  void aRemoteKernelRunsCodeAndStreamsItsOutputInOrder() throws Exception {
    try (RemoteKernel kernel = start()) {
      OutputRecorder recorder = new OutputRecorder();
      ExecutionResult result = kernel.client().execute("print('a'); print('b', flush=True); 6*7",
          ExecuteOptions.defaults(), recorder);
      assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("a\nb\n");
      assertThat(recorder.remaining()).filteredOn(o -> o instanceof ExecuteResult)
          .singleElement().satisfies(o -> assertThat(((ExecuteResult) o).data()).containsEntry("text/plain", "42"));
    }
  }

  @Test
  void tenMegabytesPrintedArriveWhole() {
    try (RemoteKernel kernel = start()) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("import sys\nfor _ in range(10 * 1024): sys.stdout.write('x' * 1023 + '\\n')",
          ExecuteOptions.defaults(), recorder);
      assertThat(recorder.streamText(StreamName.STDOUT)).hasSize(10 * 1024 * 1024);
    }
  }

  @Test
  void anInterruptThroughTheRestApiEndsARunningCell() throws Exception {
    try (RemoteKernel kernel = start()) {
      OutputRecorder recorder = new OutputRecorder();
      CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> kernel.client().execute(
          "import time\nprint('started', flush=True)\nwhile True: time.sleep(0.01)",
          ExecuteOptions.defaults().withStopOnError(false), recorder));
      assertThat(recorder.nextLine()).isEqualTo("started\n");
      kernel.interrupt();
      ExecutionResult result = running.get(20, TimeUnit.SECONDS);
      assertThat(result.error().ename()).isEqualTo("KeyboardInterrupt");
    }
  }

  @Test
  void aRestartForgetsVariablesAndKeepsTheSameClient() {
    try (RemoteKernel kernel = start()) {
      KernelClient client = kernel.client();
      client.execute("x = 1", ExecuteOptions.defaults(), new ExecutionListener() {});
      kernel.restart();
      assertThat(kernel.client()).isSameAs(client);
      ExecutionResult result = client.execute("x", ExecuteOptions.defaults(), new ExecutionListener() {});
      assertThat(result.error().ename()).isEqualTo("NameError");
    }
  }

  @Test
  void aKernelThatDiesOnTheServerIsReportedNotWaitedOn() throws Exception {
    try (RemoteKernel kernel = start()) {
      LinkedBlockingQueue<KernelDiedException> deaths = new LinkedBlockingQueue<>();
      kernel.addListener(new KernelLifecycleListener() {
        @Override
        public void onDied(KernelDiedException cause) {
          deaths.add(cause);
        }
      });
      assertThatThrownBy(() -> kernel.client().execute("import os; os._exit(1)",
          ExecuteOptions.defaults().withTimeout(Duration.ofSeconds(30)), new ExecutionListener() {}))
          .isInstanceOf(KernelDiedException.class).hasMessageContaining(kernel.id());
      assertThat(deaths.poll(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(kernel.isAlive()).isFalse();
    }
  }

  @Test
  void aKernelDeletedBehindItsBackIsReportedAsGone() throws Exception {
    try (RemoteKernel kernel = start()) {
      LinkedBlockingQueue<KernelDiedException> deaths = new LinkedBlockingQueue<>();
      kernel.addListener(new KernelLifecycleListener() {
        @Override
        public void onDied(KernelDiedException cause) {
          deaths.add(cause);
        }
      });
      server.deleteKernel(kernel.id());
      KernelDiedException death = deaths.poll(30, TimeUnit.SECONDS);
      assertThat(death).isNotNull();
      assertThat(death.getMessage()).contains("gone");
      assertThatThrownBy(() -> kernel.client().execute("1", ExecuteOptions.defaults(), new ExecutionListener() {}))
          .isInstanceOf(KernelDiedException.class);
    }
  }

  @Test
  void shutdownDeletesTheKernelOnTheServer() {
    RemoteKernel kernel = start();
    kernel.shutdown();
    assertThat(server.hasKernel(kernel.id())).isFalse();
  }

  @Test
  void aKernelStartsInTheDirectoryItWasGiven() throws Exception {
    server.makeDirectories("conversations/c1");
    try (RemoteKernel kernel = RemoteKernel.start(server, server.kernelSpecs().get(0).name(), "conversations/c1",
        STARTUP)) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("import os; print(os.getcwd())", ExecuteOptions.defaults(), recorder);
      assertThat(Path.of(recorder.streamText(StreamName.STDOUT).trim()).toRealPath())
          .isEqualTo(jupyter.root().resolve("conversations/c1").toRealPath());
    }
  }

  @Test
  void filesGoUpAndComeBackThroughTheContentsApiInChunks() throws Exception {
    server.makeDirectories("files");
    byte[] content = new byte[20 << 20];
    new java.util.Random(7).nextBytes(content);
    RemoteFile uploaded = server.upload("files/data.bin", new ByteArrayInputStream(content));
    assertThat(uploaded.size()).isEqualTo(content.length);
    assertThat(server.list("files")).extracting(RemoteFile::name).containsExactly("data.bin");
    try (InputStream in = server.download("files/data.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(Files.readAllBytes(jupyter.root().resolve("files/data.bin"))).isEqualTo(content);
    server.deleteFile("files/data.bin");
    assertThat(server.stat("files/data.bin")).isEmpty();
  }

  @Test
  void aWrongTokenIsRefusedWithItsStatus() {
    JupyterServer wrong = new JupyterServer(JupyterServerOptions.of(jupyter.url(), "not-the-token"));
    assertThatThrownBy(wrong::kernelSpecs).isInstanceOf(JupyterServerException.class)
        .hasMessageContaining("refused the token")
        .satisfies(e -> assertThat(((JupyterServerException) e).status()).isEqualTo(403));
  }

  @Test
  void anUnreachableServerIsStatusZeroAndNamesTheUrl() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    JupyterServer nowhere = new JupyterServer(JupyterServerOptions.of(URI.create("http://127.0.0.1:" + port + "/"), "t"));
    assertThatThrownBy(nowhere::kernelSpecs).isInstanceOf(JupyterServerException.class)
        .hasMessageContaining("cannot reach the Jupyter Server at http://127.0.0.1:" + port)
        .satisfies(e -> assertThat(((JupyterServerException) e).status()).isZero());
  }
}
