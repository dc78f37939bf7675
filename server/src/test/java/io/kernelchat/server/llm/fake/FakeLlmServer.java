package io.kernelchat.server.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The machinery shared by the fake model servers: a real HTTP server on 127.0.0.1, a queue of scripted
 * replies (then a rule for whatever is left), a model list, and a record of every chat request.
 */
public abstract class FakeLlmServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ConcurrentLinkedQueue<ScriptedReply> script = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final List<RecordedRequest> all = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, ScriptedReply> rule = request ->
      ScriptedReply.httpError(500, ScriptedReply.errorJson("the fake server has no scripted reply left", "server_error"));
  private volatile List<String> models = List.of("fake-model");

  protected FakeLlmServer(int port, String chatPath, String modelsPath) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "fake-llm-server");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext(chatPath, this::chat);
    server.createContext(modelsPath, this::listModels);
    server.start();
  }

  /** Also answers chat requests under this path prefix (e.g. Azure's deployment URLs). */
  protected void addChatPath(String path) {
    server.createContext(path, this::chat);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Replies to give, in order, to the next chat requests. */
  public FakeLlmServer enqueue(ScriptedReply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** How to answer once the queue is empty. */
  public FakeLlmServer respondBy(Function<RecordedRequest, ScriptedReply> rule) {
    this.rule = rule;
    return this;
  }

  /** The ids the models endpoint reports. */
  public FakeLlmServer models(String... ids) {
    this.models = List.of(ids);
    return this;
  }

  /** The next chat request not yet taken, waiting up to {@code timeout}; null if none came. */
  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    return unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every chat request so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      RecordedRequest request = record(exchange);
      all.add(request);
      unread.add(request);
      ScriptedReply reply = script.poll();
      (reply != null ? reply : rule.apply(request)).respond(exchange);
    } catch (IOException clientWentAway) {
      // the client hung up mid-reply (a stop or a timeout); nothing more to do
    }
  }

  private void listModels(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    models.forEach(id -> body.withArray("data").addObject().put("id", id).put("object", "model")
        .put("display_name", id));
    ScriptedReply.json(200, body.toString(), Map.of()).respond(exchange);
  }

  private static RecordedRequest record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
    return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
        Instant.now());
  }

  /** Splits text into pieces of at most {@code size} characters, as a model streams tokens. */
  protected static List<String> pieces(String text, int size) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      pieces.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return pieces;
  }

  protected static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
