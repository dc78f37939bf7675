package io.kernelchat.server.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ChatRequest;
import io.kernelchat.server.llm.Image;
import io.kernelchat.server.llm.SystemMessage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.ToolSpec;
import io.kernelchat.server.llm.UserMessage;
import java.util.List;

/**
 * Builds the JSON body of an Anthropic {@code /v1/messages} streaming request: the system prompt goes
 * top-level, tool results are user content blocks, and consecutive messages of one role are merged.
 */
final class AnthropicRequestBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnthropicRequestBody() {}

  static String of(String model, int maxTokens, ChatRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model).put("max_tokens", maxTokens).put("stream", true);
    StringBuilder system = new StringBuilder();
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages()) {
      if (message instanceof SystemMessage m) {
        system.append(system.length() == 0 ? "" : "\n\n").append(m.text());
      } else if (message instanceof UserMessage m) {
        ArrayNode content = contentFor(messages, "user");
        if (!m.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", m.text());
        }
        addImages(content, m.images());
      } else if (message instanceof AssistantMessage m) {
        ArrayNode content = contentFor(messages, "assistant");
        if (!m.text().isBlank()) {
          content.addObject().put("type", "text").put("text", m.text());
        }
        for (ToolCall call : m.toolCalls()) {
          content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
              .set("input", argumentsObject(call.argumentsJson()));
        }
      } else if (message instanceof ToolResultMessage m) {
        ObjectNode result = contentFor(messages, "user").addObject().put("type", "tool_result")
            .put("tool_use_id", m.toolCallId());
        ArrayNode resultContent = result.putArray("content");
        resultContent.addObject().put("type", "text").put("text", m.text().isEmpty() ? "(no output)" : m.text());
        addImages(resultContent, m.images());
      }
    }
    for (JsonNode message : messages) {
      if (message.path("content").isEmpty()) { // the API rejects empty content, e.g. of an empty reply
        ((ArrayNode) message.get("content")).addObject().put("type", "text").put("text", "(empty)");
      }
    }
    if (system.length() > 0) {
      body.put("system", system.toString());
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec tool : request.tools()) {
        tools.addObject().put("name", tool.name()).put("description", tool.description())
            .set("input_schema", argumentsObject(tool.parametersSchemaJson()));
      }
    }
    return body.toString();
  }

  /** The content array of the last message if it has this role, else of a new message. */
  private static ArrayNode contentFor(ArrayNode messages, String role) {
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      return (ArrayNode) last.get("content");
    }
    ObjectNode message = messages.addObject().put("role", role);
    return message.putArray("content");
  }

  private static void addImages(ArrayNode content, List<Image> images) {
    for (Image image : images) {
      content.addObject().put("type", "image").putObject("source").put("type", "base64")
          .put("media_type", image.mimeType()).put("data", image.base64Data());
    }
  }

  /** Tool input must be a JSON object; text the model wrote that is not one is passed as {"raw": text}. */
  private static JsonNode argumentsObject(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (Exception ignored) {
      // fall through: keep what the model wrote so the history stays truthful
    }
    return JSON.createObjectNode().put("raw", json);
  }
}
