package io.kernelchat.server.agent;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol for models without tool calling: they write code blocks fenced in the kernel's language
 * (```python, ```r…) and get the output back as the next user message. The stored history stays in tool form
 * (a block becomes a call with a {@code fenced-} id) so that either kind of model can continue a conversation;
 * this class renders it for fenced models. A block fenced in another language's name is not run: it becomes a
 * call of that language's tool, which the model is told does not exist here.
 */
final class FencedCode {
  static final String OUTPUT_HEADER = "Output of your code";
  private static final String ID_PREFIX = "fenced-";
  // A block must be closed: a reply cut inside a block yields nothing to run.
  private static final Pattern BLOCK = Pattern.compile("```([A-Za-z0-9_+-]*)[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private FencedCode() {}

  /**
   * The closed blocks of a reply fenced in the kernel's language, as calls of its tool, and those fenced in
   * another language's name, as calls of that language's tool (not run, and the model is told why). Other
   * blocks (plain, output, data, shell commands for the person) are text.
   */
  static List<ToolCall> calls(String reply, KernelLanguage language) {
    List<ToolCall> calls = new ArrayList<>();
    Set<String> others = language.otherLanguagesFences();
    Matcher block = BLOCK.matcher(reply);
    while (block.find()) {
      String fence = block.group(1).toLowerCase(Locale.ROOT);
      String code = block.group(2).stripTrailing();
      boolean ours = language.fences().contains(fence);
      if (!code.isBlank() && (ours || others.contains(fence))) {
        // Short ids: OpenAI caps tool call ids at 40 characters, Anthropic allows only [A-Za-z0-9_-].
        String id = ID_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        calls.add(new ToolCall(id, ours ? language.toolName() : fence, CodeTool.arguments(code)));
      }
    }
    return calls;
  }

  /** Whether a call came from a code block rather than from tool calling. */
  static boolean isFenced(ToolCall call) {
    return call.id().startsWith(ID_PREFIX);
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
      if (!isFenced(call)) { // fenced calls are already in the text
        // Fenced in the language the call's tool ran (a conversation may have changed kernel since).
        KernelLanguage ran = new KernelLanguage(call.name());
        text.append(text.length() == 0 ? "" : "\n\n").append("```").append(ran.fence()).append("\n")
            .append(CodeTool.code(call, ran).orElse(call.argumentsJson())).append("\n```");
      }
    }
    return new AssistantMessage(text.toString());
  }
}
