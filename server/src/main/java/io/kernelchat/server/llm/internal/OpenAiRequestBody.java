package io.kernelchat.server.llm.internal;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Builds the JSON body of an OpenAI-compatible {@code /chat/completions} streaming request. */
final class OpenAiRequestBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiRequestBody() {}

  static String of(String model, ChatRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    ArrayNode messages = body.putArray("messages");
    // Tool messages cannot carry images, so a run of tool results is followed by one user message with them.
    List<Image> pendingImages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (!(message instanceof ToolResultMessage)) {
        flushImages(messages, pendingImages);
      }
      if (message instanceof SystemMessage m) {
        messages.addObject().put("role", "system").put("content", m.text());
      } else if (message instanceof UserMessage m) {
        addUser(messages, m.text(), m.images());
      } else if (message instanceof AssistantMessage m) {
        addAssistant(messages.addObject(), m);
      } else if (message instanceof ToolResultMessage m) {
        messages.addObject().put("role", "tool").put("tool_call_id", m.toolCallId()).put("content", m.text());
        pendingImages.addAll(m.images());
      }
    }
    flushImages(messages, pendingImages);
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec tool : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name()).put("description", tool.description());
        function.set("parameters", parse(tool.parametersSchemaJson()));
      }
    }
    return body.toString();
  }

  private static void addUser(ArrayNode messages, String text, List<Image> images) {
    ObjectNode user = messages.addObject().put("role", "user");
    if (images.isEmpty()) {
      user.put("content", text);
      return;
    }
    ArrayNode parts = user.putArray("content");
    parts.addObject().put("type", "text").put("text", text);
    for (Image image : images) {
      parts.addObject().put("type", "image_url").putObject("image_url").put("url", image.dataUrl());
    }
  }

  private static void addAssistant(ObjectNode node, AssistantMessage message) {
    node.put("role", "assistant");
    if (message.text().isEmpty() && !message.toolCalls().isEmpty()) {
      node.putNull("content");
    } else {
      node.put("content", message.text());
    }
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
            .put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
  }

  private static void flushImages(ArrayNode messages, List<Image> images) {
    if (!images.isEmpty()) {
      addUser(messages, "The images the code above displayed:", List.copyOf(images));
      images.clear();
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("tool schema is not JSON", e);
    }
  }
}
