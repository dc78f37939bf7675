package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server jar running in its own JVM, as `./kernelchat` starts it, and an HTTP client for it. */
final class ServerProcess implements AutoCloseable {
  private static final String TOKEN = "bench-token";
  private static final Pattern URL = Pattern.compile("running at http://127\\.0\\.0\\.1:(\\d+)/");
  private final Process process;
  private final int port;
  private final double startMillis;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerProcess(Process process, int port, double startMillis) {
    this.process = process;
    this.port = port;
    this.startMillis = startMillis;
  }

  /** This checkout's jar, with limits high enough for the floods and transfers of {@link ServerBench}. */
  static ServerProcess start(BenchOptions options, Path home, String... moreOptions) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("--output-limit", "64m", "--upload-limit", "2g"));
    args.addAll(List.of(moreOptions));
    return start(options.root().resolve("server/target/kernelchat.jar"), options, home, args);
  }

  /** Any kernelchat jar (the page bench's baseline is another commit's) with these options. */
  static ServerProcess start(Path jar, BenchOptions options, Path home, List<String> args) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build it with mvn -pl server -am package");
    }
    Files.createDirectories(home);
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
        "--home", home.toString(), "--port", "0", "--no-browser", "--token", TOKEN,
        "--python", options.python().toString()));
    command.addAll(args);
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = URL.matcher(line);
      if (m.find()) {
        return new ServerProcess(process, Integer.parseInt(m.group(1)), (System.nanoTime() - started) / 1e6);
      }
    }
    throw new IOException("the server exited without printing its URL");
  }

  double startMillis() {
    return startMillis;
  }

  long pid() {
    return process.pid();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + TOKEN);
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException,
      InterruptedException {
    return http.send(request, body);
  }

  JsonNode json(String method, String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new ObjectMapper().readTree(r.body());
  }

  KeepAliveHttp keepAlive() throws IOException {
    return new KeepAliveHttp(port, TOKEN);
  }

  String token() {
    return TOKEN;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Runs curl with the token; fails unless the HTTP status is {@code expectedStatus}. */
  void curl(String expectedStatus, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "-w", "%{http_code}",
        "-H", "Authorization: Bearer " + TOKEN));
    command.addAll(List.of(args));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (curl.waitFor() != 0 || !out.endsWith(expectedStatus)) {
      throw new IOException("curl " + args[args.length - 1] + " failed: " + out);
    }
  }

  long rssBytes() throws IOException {
    return statusKb("VmRSS:") * 1024;
  }

  long peakRssBytes() throws IOException {
    return statusKb("VmHWM:") * 1024;
  }

  private long statusKb(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
