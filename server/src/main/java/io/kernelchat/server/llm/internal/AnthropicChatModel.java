package io.kernelchat.server.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.server.llm.ChatRequest;
import io.kernelchat.server.llm.ChatResponse;
import io.kernelchat.server.llm.ModelInfo;
import io.kernelchat.server.llm.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A model behind Anthropic's Messages API, streamed. */
public final class AnthropicChatModel extends StreamingChatModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String remoteModel;
  private final URI messagesUri;
  private final ProviderHttp http;

  public AnthropicChatModel(ModelInfo info, String remoteModel, ProviderEndpoint endpoint, ProviderHttp http) {
    super(info, endpoint);
    this.remoteModel = remoteModel;
    this.messagesUri = URI.create(endpoint.baseUrl() + "/v1/messages");
    this.http = http;
  }

  @Override
  protected ChatResponse exchange(ChatRequest request, Consumer<String> textDeltas, BooleanSupplier cancelled)
      throws IOException {
    // Claude 3 (not 3.5+) models cap output at 4096 tokens and reject a larger max_tokens.
    int maxTokens = remoteModel.startsWith("claude-3-") && !remoteModel.startsWith("claude-3-5")
        && !remoteModel.startsWith("claude-3-7") ? 4096 : 8192;
    String body = AnthropicRequestBody.of(remoteModel, maxTokens, request);
    StringBuilder text = new StringBuilder();
    ToolCallAssembler toolCalls = new ToolCallAssembler();
    long inputTokens = 0;
    long outputTokens = 0;
    long cachedInputTokens = 0;
    String stopReason = null;
    boolean stopped = false;
    try (SseEvents events = http.postForEvents(endpoint, messagesUri, body, info.id(), cancelled)) {
      try {
        SseEvent event;
        while (!stopped && (event = events.next()) != null) {
          JsonNode data = JSON.readTree(event.data());
          switch (data.path("type").asText()) {
            case "message_start" -> {
              // Anthropic counts what it read from or wrote to its cache apart from input_tokens.
              JsonNode usage = data.path("message").path("usage");
              cachedInputTokens = usage.path("cache_read_input_tokens").asLong(0);
              inputTokens = usage.path("input_tokens").asLong() + cachedInputTokens
                  + usage.path("cache_creation_input_tokens").asLong(0);
            }
            case "content_block_start" -> {
              JsonNode block = data.path("content_block");
              if ("tool_use".equals(block.path("type").asText())) {
                toolCalls.add(data.path("index").asInt(), block.path("id").asText(), block.path("name").asText(), null);
              }
            }
            case "content_block_delta" -> {
              JsonNode delta = data.path("delta");
              if ("text_delta".equals(delta.path("type").asText())) {
                String piece = delta.path("text").asText("");
                text.append(piece);
                textDeltas.accept(piece);
              } else if ("input_json_delta".equals(delta.path("type").asText())) {
                toolCalls.add(data.path("index").asInt(), null, null, delta.path("partial_json").asText(""));
              }
            }
            case "message_delta" -> {
              stopReason = data.path("delta").path("stop_reason").asText(stopReason);
              outputTokens = data.path("usage").path("output_tokens").asLong(outputTokens);
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw ProviderErrors.fromStreamError(event.data(), endpoint);
            default -> { } // ping, content_block_stop
          }
        }
      } catch (IOException e) {
        throw endedEarly(events, e);
      }
      if (!stopped) {
        throw endedEarly(events, null);
      }
    }
    return new ChatResponse(text.toString(), toolCalls.calls(), new TokenUsage(inputTokens, outputTokens, cachedInputTokens),
        stopReason == null ? "end_turn" : stopReason);
  }
}
