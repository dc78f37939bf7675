package io.kernelchat.jupyter.testing;

import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerException;
import io.kernelchat.jupyter.JupyterServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final Path certificate;

  private TestJupyterServer(Process process, URI url, String token, Path root, Path log, Path certificate) {
    this.process = process;
    this.url = url;
    this.token = token;
    this.root = root;
    this.log = log;
    this.certificate = certificate;
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
   * Starts one and returns once it answers. IOPub rate limits are off, deleted files are deleted rather than
   * sent to the user's trash, and kernel WebSockets send at once, as docs/scale-out.md says to run a server for
   * kernelchat: the stock limits drop a flood's output, a deleted conversation's files would pile up in the
   * trash, and Nagle's algorithm adds about 40 ms to every round trip.
   */
  public static TestJupyterServer start(Path python) throws IOException, InterruptedException {
    return start(python, null, null);
  }

  /**
   * The same over https, with a certificate for 127.0.0.1 made by openssl in {@code directory} and signed by
   * itself: no client trusts it unless told to ({@link #certificate()}).
   */
  public static TestJupyterServer startWithTls(Path python, Path directory) throws IOException, InterruptedException {
    Path certificate = directory.resolve("jupyter-server.pem");
    Path key = directory.resolve("jupyter-server.key");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
        "-out", certificate.toString()).redirectErrorStream(true).start();
    String said = new String(openssl.getInputStream().readAllBytes());
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl could not make a certificate: " + said);
    }
    return start(python, certificate, key);
  }

  /** Over https when {@code certificate} is not null. */
  private static TestJupyterServer start(Path python, Path certificate, Path key) throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String token = UUID.randomUUID().toString();
    Path root = Files.createTempDirectory("jupyter-server-root-");
    Path log = Files.createTempFile("jupyter-server-", ".log");
    List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "jupyter_server", "--no-browser",
        "--allow-root", "--ServerApp.terminals_enabled=False", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
        "--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + root,
        "--ZMQChannelsWebsocketConnection.iopub_data_rate_limit=0",
        "--ZMQChannelsWebsocketConnection.iopub_msg_rate_limit=0", "--FileContentsManager.delete_to_trash=False",
        "--config=" + config()));
    if (certificate != null) {
      command.addAll(List.of("--ServerApp.certfile=" + certificate, "--ServerApp.keyfile=" + key));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Its connection files and cookie secret stay out of the user's ~/.local/share/jupyter.
    builder.environment().put("JUPYTER_RUNTIME_DIR", Files.createTempDirectory("jupyter-runtime-").toString());
    Process process = builder.start();
    URI url = URI.create((certificate != null ? "https" : "http") + "://127.0.0.1:" + port + "/");
    TestJupyterServer server = new TestJupyterServer(process, url, token, root, log, certificate);
    server.awaitReady();
    return server;
  }

  /** The config file docs/scale-out.md gives: kernel WebSockets without Nagle's algorithm. */
  private static Path config() throws IOException {
    Path file = Files.createTempFile("jupyter_server_config", ".py");
    file.toFile().deleteOnExit();
    try (InputStream in = TestJupyterServer.class.getResourceAsStream("jupyter_server_config.py")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private void awaitReady() throws IOException, InterruptedException {
    JupyterServer client = new JupyterServer(new JupyterServerOptions(url, token, Map.of(), Duration.ofSeconds(2),
        Duration.ofSeconds(10), certificate));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Jupyter Server exited: " + Files.readString(log));
      }
      try {
        client.kernelIds();
        return;
      } catch (JupyterServerException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    close();
    throw new IOException("the Jupyter Server did not answer within 60 s: " + Files.readString(log));
  }

  /** The certificate an https one serves (trust it to reach it), or null for plain http. */
  public Path certificate() {
    return certificate;
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
