package io.kernelchat.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolSpec;
import java.util.Optional;

/**
 * The one tool the model gets: named after the kernel's language ({@code python}, {@code r}, {@code octave}…),
 * with a single string argument {@code code}.
 */
final class CodeTool {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CodeTool() {}

  static ToolSpec spec(KernelLanguage language) {
    String prose = language.prose();
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("code").put("type", "string")
        .put("description", "The " + prose + " code to run");
    schema.putArray("required").add("code");
    return new ToolSpec(language.toolName(), "Run " + prose + " code in the user's stateful Jupyter kernel. Variables "
        + "persist between calls. Returns stdout, stderr, the value of the last expression and any error with its "
        + "traceback.", schema.toString());
  }

  /** The code to run, or empty when the call is not a well-formed call of this language's tool. */
  static Optional<String> code(ToolCall call, KernelLanguage language) {
    if (!language.toolName().equals(call.name())) {
      return Optional.empty();
    }
    try {
      JsonNode code = JSON.readTree(call.argumentsJson()).path("code");
      return code.isTextual() ? Optional.of(code.asText()) : Optional.empty();
    } catch (Exception notJson) {
      return Optional.empty();
    }
  }

  /** What the model is told when its call could not be run. */
  static String whyNotRun(ToolCall call, KernelLanguage language) {
    if (FencedCode.isFenced(call)) {
      return "Nothing was run: that block is ```" + call.name() + ", but this conversation's kernel runs "
          + language.prose() + ". Write " + language.prose() + " code in ```" + language.fence() + " blocks.";
    }
    return language.toolName().equals(call.name())
        ? "Nothing was run: the arguments must be a JSON object with a string field \"code\"."
        : "Nothing was run: there is no tool named \"" + call.name() + "\"; the only tool is \"" + language.toolName()
            + "\", which runs " + language.prose() + ".";
  }

  static String arguments(String code) {
    return JSON.createObjectNode().put("code", code).toString();
  }
}
