package io.kernelchat.server.agent;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol for models without tool calling: they write ```python blocks and get the output back as the
 * next user message. The stored history stays in tool form (a block becomes a call with a {@code fenced-}
 * id) so that either kind of model can continue a conversation; this class renders it for fenced models.
 */
final class FencedCode {
  static final String OUTPUT_HEADER = "Output of your code";
  private static final String ID_PREFIX = "fenced-";
  // A block must be closed: a reply cut inside a block yields nothing to run.
  private static final Pattern BLOCK = Pattern.compile("```(?:python|py|python3)[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private FencedCode() {}

  /** The closed python blocks of a reply, as tool calls of the python tool. */
  static List<ToolCall> calls(String reply) {
    List<ToolCall> calls = new ArrayList<>();
    Matcher block = BLOCK.matcher(reply);
    while (block.find()) {
      String code = block.group(1).stripTrailing();
      if (!code.isBlank()) {
        // Short ids: OpenAI caps tool call ids at 40 characters, Anthropic allows only [A-Za-z0-9_-].
        String id = ID_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        calls.add(new ToolCall(id, PythonTool.NAME, PythonTool.arguments(code)));
      }
    }
    return calls;
  }

  /** The history as a fenced model understands it: calls as code blocks, results as user messages. */
  static List<ChatMessage> render(List<ChatMessage> history) {
    List<ChatMessage> rendered = new ArrayList<>();
    StringBuilder outputs = null;
    for (ChatMessage message : history) {
      if (message instanceof ToolResultMessage result) {
        outputs = outputs == null ? new StringBuilder(OUTPUT_HEADER + ":\n") : outputs.append("\n");
        outputs.append("```\n").append(result.text().stripTrailing()).append("\n```");
        continue;
      }
      if (outputs != null) {
        rendered.add(new UserMessage(outputs.toString()));
        outputs = null;
      }
      rendered.add(message instanceof AssistantMessage assistant ? asText(assistant) : message);
    }
    if (outputs != null) {
      rendered.add(new UserMessage(outputs.toString()));
    }
    return rendered;
  }

  private static AssistantMessage asText(AssistantMessage message) {
    StringBuilder text = new StringBuilder(message.text());
    for (ToolCall call : message.toolCalls()) {
      if (!call.id().startsWith(ID_PREFIX)) { // fenced calls are already in the text
        text.append(text.length() == 0 ? "" : "\n\n").append("```python\n")
            .append(PythonTool.code(call).orElse(call.argumentsJson())).append("\n```");
      }
    }
    return new AssistantMessage(text.toString());
  }
}
