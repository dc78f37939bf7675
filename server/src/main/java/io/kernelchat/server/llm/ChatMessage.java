package io.kernelchat.server.llm;

/** One message of a chat history, independent of any provider's wire format. */
public sealed interface ChatMessage permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {}
