package io.kernelchat.server.llm.fake;

import java.io.IOException;
import java.util.List;

/**
 * A fake OpenAI-compatible server speaking the real wire format: {@code POST /v1/chat/completions}
 * streamed as SSE chunks (tool-call arguments split over many chunks, a usage chunk, {@code [DONE]}) and
 * {@code GET /v1/models}; Azure's {@code /openai/deployments/<name>/chat/completions} too. Script it with {@link #enqueue} and {@link #respondBy}; run {@link #main} for a
 * standalone server that answers by keywords ({@link KeywordBehaviour}).
 */
public final class FakeOpenAiServer extends FakeLlmServer {
  /** The usage every complete reply reports. */
  public static final int PROMPT_TOKENS = 12;
  public static final int COMPLETION_TOKENS = 5;
  /** Of the prompt tokens, how many the provider says it read from its cache. */
  public static final int CACHED_TOKENS = 4;

  private FakeOpenAiServer(int port) {
    super(port, "/v1/chat/completions", "/v1/models");
    addChatPath("/openai/deployments/");
  }

  /** Starts on a free port. */
  public static FakeOpenAiServer start() {
    return new FakeOpenAiServer(0);
  }

  public static FakeOpenAiServer start(int port) {
    return new FakeOpenAiServer(port);
  }

  /** The value for OPENAI_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /**
   * The model settings of a server whose default model is this one's "fake-model", with no retries (a test
   * scripts each reply), plus {@code morePairs}: names and values, in turn.
   */
  public java.util.Map<String, String> asDefaultModel(String... morePairs) {
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("OPENAI_BASE_URL", baseUrl(),
        "OPENAI_API_KEY", "test-key", "KERNELCHAT_MODEL", "fake-model", "KERNELCHAT_LLM_MAX_RETRIES", "0"));
    for (int i = 0; i < morePairs.length; i += 2) {
      env.put(morePairs[i], morePairs[i + 1]);
    }
    return env;
  }

  /** A plain answer, streamed a few characters at a time. */
  public static ScriptedReply text(String text) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        streamText(sse, text);
        finish(sse, "stop");
      }
    };
  }

  /** A call of the {@code python} tool with this code, its arguments split over many chunks. */
  public static ScriptedReply toolCall(String code) {
    return toolCall("", code);
  }

  /** Some prose, then a {@code python} tool call. */
  public static ScriptedReply toolCall(String prose, String code) {
    return toolCall("python", prose, code);
  }

  /** Some prose, then a call of the tool {@code tool} (named after the kernel's language: python, r…). */
  public static ScriptedReply toolCall(String tool, String prose, String code) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        streamText(sse, prose);
        streamToolCall(sse, tool, "call_" + Integer.toHexString(code.hashCode()), argumentsFor(code), 1.0);
        finish(sse, "tool_calls");
      }
    };
  }

  /** Prose with a fenced python block, as models without tool calling write. */
  public static ScriptedReply fencedCode(String prose, String code) {
    return text(prose + "\n\n```python\n" + code + "\n```\n");
  }

  /** A tool call whose stream ends half-way through the arguments, with no finish reason. */
  public static ScriptedReply cutInToolCall(String code) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        streamToolCall(sse, "python", "call_cut", argumentsFor(code), 0.5);
      }
    };
  }

  /** Some text, then silence for {@code millis} (a stalled server), then the end of a normal reply. */
  public static ScriptedReply textThenStall(String text, long millis) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        streamText(sse, text);
        sse.stall(millis);
        finish(sse, "stop");
      }
    };
  }

  public static String argumentsFor(String code) {
    return "{\"code\": " + quote(code) + "}";
  }

  private static void streamText(SseWriter sse, String text) throws IOException {
    for (String piece : pieces(text, 4)) {
      sse.data(chunk("{\"content\":" + quote(piece) + "}", null));
    }
  }

  private static void streamToolCall(SseWriter sse, String tool, String id, String arguments, double fraction)
      throws IOException {
    sse.data(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"" + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":\"\"}}]}", null));
    List<String> pieces = pieces(arguments, 5);
    for (String piece : pieces.subList(0, (int) Math.ceil(pieces.size() * fraction))) {
      sse.data(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(piece) + "}}]}", null));
    }
  }

  private static void finish(SseWriter sse, String reason) throws IOException {
    sse.data(chunk("{}", reason));
    sse.data("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS + ",\"total_tokens\":"
        + (PROMPT_TOKENS + COMPLETION_TOKENS) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + CACHED_TOKENS + "}}}");
    sse.data("[DONE]");
  }

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"model\":\"fake\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}]}";
  }

  /** Runs standalone: {@code FakeOpenAiServer [port]}; prints the base URL and answers by keywords. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    FakeOpenAiServer server = start(port);
    server.models("fake-model", "fake-fenced-model");
    server.respondBy(new KeywordBehaviour());
    System.out.println(server.baseUrl());
    Thread.currentThread().join();
  }
}
