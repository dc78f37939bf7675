package io.kernelchat.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolSpec;
import java.util.Optional;

/** The one tool the model gets: {@code python}, with a single string argument {@code code}. */
final class PythonTool {
  static final String NAME = "python";
  static final ToolSpec SPEC = new ToolSpec(NAME,
      "Run Python code in the user's stateful Jupyter kernel. Variables persist between calls. "
          + "Returns stdout, stderr, the value of the last expression and any error with its traceback.",
      "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"description\":\"The Python code to run\"}},"
          + "\"required\":[\"code\"]}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PythonTool() {}

  /** The code to run, or empty when the call is not a well-formed python call. */
  static Optional<String> code(ToolCall call) {
    if (!NAME.equals(call.name())) {
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
  static String whyNotRun(ToolCall call) {
    return NAME.equals(call.name())
        ? "Nothing was run: the arguments must be a JSON object with a string field \"code\"."
        : "Nothing was run: there is no tool named \"" + call.name() + "\"; the only tool is \"python\".";
  }

  static String arguments(String code) {
    return JSON.createObjectNode().put("code", code).toString();
  }
}
