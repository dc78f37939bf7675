package io.kernelchat.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.KernelchatServer;
import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.conversation.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole app on port 0 with a temporary home and a real kernel, plus a client that sends the token. */
public final class RunningServer implements AutoCloseable {
  public static final String TOKEN = "test-token-0123456789";
  private final KernelchatServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path home;

  private RunningServer(KernelchatServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  public static RunningServer start(Path home) {
    return start(home, Map.of(), 16, Duration.ofMinutes(2), 10L * 1024 * 1024, 64L * 1024 * 1024);
  }

  public static RunningServer start(Path home, Map<String, String> modelEnv, int maxKernels, Duration executionTimeout,
                                    long outputLimit, long uploadLimit) {
    return start(home, modelEnv, maxKernels, executionTimeout, outputLimit, uploadLimit, System.getenv());
  }

  /** {@code serverEnv} stands for the environment the server was started with. */
  public static RunningServer start(Path home, Map<String, String> modelEnv, int maxKernels, Duration executionTimeout,
                                    long outputLimit, long uploadLimit, Map<String, String> serverEnv) {
    Map<String, String> models = new java.util.HashMap<>(Map.of("KERNELCHAT_PROBE_LOCAL", "false"));
    models.putAll(modelEnv);
    return start(new ServerOptions("127.0.0.1", 0, home, TOKEN, false, List.of(), python(), maxKernels,
        Duration.ofHours(1), executionTimeout, outputLimit, uploadLimit, models), serverEnv);
  }

  public static RunningServer start(ServerOptions options, Map<String, String> serverEnv) {
    return new RunningServer(KernelchatServer.start(options, serverEnv), options.home());
  }

  public static Optional<Path> python() {
    String configured = System.getenv("KERNELCHAT_PYTHON");
    return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
  }

  public Path home() {
    return home;
  }

  public List<String> apiRoutes() {
    return server.apiRoutes();
  }

  public int port() {
    return server.port();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** A request that already carries the bearer token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends on a connection of its own, for requests after which the server may drop the connection. */
  public HttpResponse<String> sendAlone(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** POSTs and returns the JSON body, failing unless the status is {@code expected}. */
  public JsonNode postJson(String path, String json, int expected) {
    return expect(post(path, json), expected);
  }

  public JsonNode getJson(String path) {
    return expect(get(path), 200);
  }

  public String newConversation() {
    return postJson("/api/conversations", "{\"title\":\"test\"}", 201).get("id").asText();
  }

  public JsonNode execute(String conversationId, String code) {
    return postJson("/api/conversations/" + conversationId + "/execute",
        ApiJson.write(Map.of("code", code)), 200);
  }

  public static JsonNode expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : ApiJson.read(response.body());
  }

  @Override
  public void close() {
    server.close();
  }
}
