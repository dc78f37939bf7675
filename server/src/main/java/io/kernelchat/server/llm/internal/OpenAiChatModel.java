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

/** A model behind an OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, Azure, Ollama, vLLM, ...). */
public final class OpenAiChatModel extends StreamingChatModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String remoteModel;
  private final URI chatUri;
  private final ProviderHttp http;

  public OpenAiChatModel(ModelInfo info, String remoteModel, ProviderEndpoint endpoint, URI chatUri, ProviderHttp http) {
    super(info, endpoint);
    this.remoteModel = remoteModel;
    this.chatUri = chatUri;
    this.http = http;
  }

  @Override
  protected ChatResponse exchange(ChatRequest request, Consumer<String> textDeltas, BooleanSupplier cancelled)
      throws IOException {
    String body = OpenAiRequestBody.of(remoteModel, request);
    StringBuilder text = new StringBuilder();
    ToolCallAssembler toolCalls = new ToolCallAssembler();
    String finishReason = null;
    TokenUsage usage = null;
    boolean done = false;
    try (SseEvents events = http.postForEvents(endpoint, chatUri, body, info.id(), cancelled)) {
      try {
        SseEvent event;
        while (!done && (event = events.next()) != null) {
          if (event.data().strip().equals("[DONE]")) {
            done = true;
            continue;
          }
          JsonNode chunk = JSON.readTree(event.data());
          if (chunk.has("error")) {
            throw ProviderErrors.fromStreamError(event.data(), endpoint);
          }
          JsonNode usageNode = chunk.path("usage");
          if (usageNode.isObject()) {
            usage = new TokenUsage(usageNode.path("prompt_tokens").asLong(), usageNode.path("completion_tokens").asLong(),
                usageNode.at("/prompt_tokens_details/cached_tokens").asLong(0));
          }
          JsonNode choice = chunk.path("choices").path(0);
          JsonNode delta = choice.path("delta");
          String content = delta.path("content").asText("");
          if (!delta.path("content").isNull() && !content.isEmpty()) {
            text.append(content);
            textDeltas.accept(content);
          }
          for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            toolCalls.add(call.path("index").asInt(toolCalls.size()), textOrNull(call.path("id")),
                textOrNull(function.path("name")), textOrNull(function.path("arguments")));
          }
          if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
          }
        }
      } catch (IOException e) {
        throw endedEarly(events, e);
      }
      // A complete reply has a finish reason or [DONE]; anything else was cut and must not be acted on.
      if (!done && finishReason == null) {
        throw endedEarly(events, null);
      }
    }
    return new ChatResponse(text.toString(), toolCalls.calls(), usage, finishReason == null ? "stop" : finishReason);
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
