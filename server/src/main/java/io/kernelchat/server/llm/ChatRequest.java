package io.kernelchat.server.llm;

import java.util.List;

/** A history to complete and the tools on offer (empty for plain chat). */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools) {
  public ChatRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }
}
