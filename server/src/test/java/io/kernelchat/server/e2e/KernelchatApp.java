package io.kernelchat.server.e2e;

import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server jar running as its own process, as a person starts it: it prints the address with the
 * token, which the tests open. Its output goes to a log file under target/e2e-logs for post-mortems.
 */
final class KernelchatApp implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/\\?token=([A-Za-z0-9_\\-]+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final String origin;
  private final String token;
  private AutoCloseable model;

  private KernelchatApp(Process process, String origin, String token) {
    this.process = process;
    this.origin = origin;
    this.token = token;
  }

  /** Starts the jar talking to a fake model that plays {@link ScenarioModel}; closing the app closes both. */
  static KernelchatApp withScenarioModel(String name, Path dataDir) throws IOException {
    FakeOpenAiServer fake = FakeOpenAiServer.start();
    try {
      fake.models("fake-model");
      fake.respondBy(new ScenarioModel());
      // Priced, so that the page shows money: $2.50 / $10 / $1.25 per million input / output / cached tokens.
      KernelchatApp app = start(name, dataDir, Map.of("OPENAI_BASE_URL", fake.baseUrl(), "OPENAI_API_KEY", "test-key",
          "KERNELCHAT_MODEL", "fake-model", "KERNELCHAT_PRICES", "fake-model=2.50/10/1.25"));
      app.model = fake;
      return app;
    } catch (IOException | RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /** Starts the jar with a fresh data directory and these extra environment variables (model settings). */
  static KernelchatApp start(String name, Path dataDir, Map<String, String> env) throws IOException {
    Path jar = Path.of(System.getProperty("kernelchat.jar", "target/kernelchat.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through `mvn verify`");
    }
    Path log = Path.of("target", "e2e-logs", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(),
        "--port", "0", "--home", dataDir.toString(), "--no-browser"));
    // Run inside the data directory so no stray .env from the checkout configures a model.
    ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("ANTHROPIC_")
        || k.startsWith("AZURE_OPENAI_") || k.startsWith("KERNELCHAT_MODEL"));
    builder.environment().put("KERNELCHAT_PROBE_LOCAL", "false");
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<Matcher> address = new CompletableFuture<>();
    Thread pump = new Thread(() -> pumpOutput(process, log, address), "kernelchat-output-" + name);
    pump.setDaemon(true);
    pump.start();
    try {
      Matcher m = address.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
      return new KernelchatApp(process, m.group(1), m.group(2));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("kernelchat did not print its address within " + STARTUP
          + "; see " + log.toAbsolutePath(), e);
    }
  }

  private static void pumpOutput(Process process, Path log, CompletableFuture<Matcher> address) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.println(line);
        Matcher m = ADDRESS.matcher(line);
        if (!address.isDone() && m.find()) {
          address.complete(m);
        }
      }
      address.completeExceptionally(new IllegalStateException("kernelchat exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      address.completeExceptionally(e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The address a person opens: with the token, which the server swaps for a cookie. */
  String urlWithToken() {
    return origin + "/?token=" + token;
  }

  String origin() {
    return origin;
  }

  String token() {
    return token;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (model != null) {
      model.close();
    }
  }
}
