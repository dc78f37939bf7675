package io.kernelchat.jupyter.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Jupyter Server for tests: started with a random token on a free port, serving a temporary root.
 * Its Python is {@code $KERNELCHAT_JUPYTER_SERVER_PYTHON}, else the virtualenv {@code scripts/provision-jupyter-server}
 * makes under the kernelchat home, else /usr/bin/python3 with Debian's python3-jupyter-server.
 */
public final class TestJupyterServer implements AutoCloseable {
  private final Process process;
  private final URI url;
  private final String token;
  private final Path root;
  private final Path log;

  private TestJupyterServer(Process process, URI url, String token, Path root, Path log) {
    this.process = process;
    this.url = url;
    this.token = token;
    this.root = root;
    this.log = log;
  }

  /** The Python that can run a Jupyter Server here, if any. */
  public static Optional<Path> python() {
    String configured = System.getenv("KERNELCHAT_JUPYTER_SERVER_PYTHON");
    List<String> candidates = List.of(configured == null ? "" : configured,
        System.getProperty("user.home") + "/.kernelchat/jupyter-server/bin/python", "/usr/bin/python3");
    for (String candidate : candidates) {
      if (!candidate.isBlank() && Files.isExecutable(Path.of(candidate)) && imports(candidate)) {
        return Optional.of(Path.of(candidate));
      }
    }
    return Optional.empty();
  }

  private static boolean imports(String python) {
    try {
      Process probe = new ProcessBuilder(python, "-c", "import jupyter_server, ipykernel").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts one and returns once {@code /api/status} answers. IOPub rate limits are off, and deleted files are
   * deleted rather than sent to the user's trash, as docs/scale-out.md says to run a server for kernelchat: the
   * stock limits drop a flood's output, and a deleted conversation's files would pile up in the trash.
   */
  public static TestJupyterServer start(Path python) throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String token = UUID.randomUUID().toString();
    Path root = Files.createTempDirectory("jupyter-server-root-");
    Path log = Files.createTempFile("jupyter-server-", ".log");
    ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", "jupyter_server", "--no-browser",
        "--allow-root", "--ServerApp.terminals_enabled=False", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
        "--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + root,
        "--ZMQChannelsWebsocketConnection.iopub_data_rate_limit=0",
        "--ZMQChannelsWebsocketConnection.iopub_msg_rate_limit=0", "--FileContentsManager.delete_to_trash=False")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // Its connection files and cookie secret stay out of the user's ~/.local/share/jupyter.
    builder.environment().put("JUPYTER_RUNTIME_DIR", Files.createTempDirectory("jupyter-runtime-").toString());
    Process process = builder.start();
    URI url = URI.create("http://127.0.0.1:" + port + "/");
    TestJupyterServer server = new TestJupyterServer(process, url, token, root, log);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Jupyter Server exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url.resolve("api/status"))
            .header("Authorization", "token " + token).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    close();
    throw new IOException("the Jupyter Server did not answer within 60 s: " + Files.readString(log));
  }

  public URI url() {
    return url;
  }

  public String token() {
    return token;
  }

  /** The directory it serves: its contents API's root, and its kernels' working directories. */
  public Path root() {
    return root;
  }

  /** Kills it at once, as a crash would: its kernels die with it. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
