package io.kernelchat.server.llm.fake;

import java.io.IOException;

/**
 * A fake Anthropic Messages API: {@code POST /v1/messages} streamed as Anthropic's named SSE events
 * (tool input split over many {@code input_json_delta} events) and {@code GET /v1/models}.
 */
public final class FakeAnthropicServer extends FakeLlmServer {
  private FakeAnthropicServer(int port) {
    super(port, "/v1/messages", "/v1/models");
  }

  public static FakeAnthropicServer start() {
    return new FakeAnthropicServer(0);
  }

  /** The value for ANTHROPIC_BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public static ScriptedReply text(String text) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        start(sse);
        textBlock(sse, 0, text);
        stop(sse, "end_turn");
      }
    };
  }

  /** Prose, then a {@code python} tool_use block whose input arrives in small pieces. */
  public static ScriptedReply toolCall(String prose, String code) {
    return exchange -> {
      try (SseWriter sse = new SseWriter(exchange)) {
        start(sse);
        textBlock(sse, 0, prose);
        sse.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"python\",\"input\":{}}}");
        for (String piece : pieces(FakeOpenAiServer.argumentsFor(code), 6)) {
          sse.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
              + "{\"type\":\"input_json_delta\",\"partial_json\":" + quote(piece) + "}}");
        }
        sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        stop(sse, "tool_use");
      }
    };
  }

  private static void start(SseWriter sse) throws IOException {
    sse.event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":21,\"cache_read_input_tokens\":9,\"output_tokens\":1}}}");
    sse.event("ping", "{\"type\":\"ping\"}");
  }

  private static void textBlock(SseWriter sse, int index, String text) throws IOException {
    sse.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    for (String piece : pieces(text, 4)) {
      sse.event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
          + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(piece) + "}}");
    }
    sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  private static void stop(SseWriter sse, String reason) throws IOException {
    sse.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + reason
        + "\"},\"usage\":{\"output_tokens\":7}}");
    sse.event("message_stop", "{\"type\":\"message_stop\"}");
  }
}
