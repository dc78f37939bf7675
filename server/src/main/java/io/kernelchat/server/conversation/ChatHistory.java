package io.kernelchat.server.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.SystemMessage;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import io.kernelchat.server.store.HistoryRepository;
import java.util.List;
import java.util.Map;

/** A conversation's model history, stored as one JSON object per message tagged with its kind. */
final class ChatHistory {
  private static final Map<String, Class<? extends ChatMessage>> KINDS = Map.of("system", SystemMessage.class,
      "user", UserMessage.class, "assistant", AssistantMessage.class, "tool_result", ToolResultMessage.class);
  private final HistoryRepository repository;
  private final String conversationId;

  ChatHistory(HistoryRepository repository, String conversationId) {
    this.repository = repository;
    this.conversationId = conversationId;
  }

  void append(List<? extends ChatMessage> messages) {
    repository.append(conversationId, messages.stream().map(ChatHistory::encode).toList());
  }

  List<ChatMessage> load() {
    return repository.load(conversationId).stream().map(ChatHistory::decode).toList();
  }

  static String encode(ChatMessage message) {
    ObjectNode node = ApiJson.MAPPER.createObjectNode();
    String kind = KINDS.entrySet().stream().filter(e -> e.getValue() == message.getClass()).findFirst()
        .orElseThrow().getKey();
    node.put("kind", kind);
    node.set("message", ApiJson.MAPPER.valueToTree(message));
    return node.toString();
  }

  static ChatMessage decode(String json) {
    JsonNode node = ApiJson.read(json);
    Class<? extends ChatMessage> type = KINDS.get(node.path("kind").asText());
    if (type == null) {
      throw new IllegalStateException("stored history has an unknown message kind: " + node.path("kind"));
    }
    try {
      return ApiJson.MAPPER.treeToValue(node.get("message"), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored history is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
