package io.kernelchat.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A transcript as an nbformat 4.5 notebook: chat messages become markdown cells, cells become code cells with
 * their outputs. Display updates and clears are live-view events, not saved outputs, so they are left out. The
 * metadata names the conversation's kernelspec and carries its kernel's language_info, so Jupyter opens and
 * re-executes it with that kernel.
 */
final class NotebookExport {
  private static final Map<String, String> SPEAKERS = Map.of("user", "**You:** ", "assistant", "**Assistant:** ",
      "context", "**Context:** ", "notice", "*Notice:* ");

  private NotebookExport() {}

  /**
   * @param languageInfo the kernel's language_info as it sent it; empty when no kernel ran since the server started
   *     (then only its name, which is all nbformat requires)
   */
  static String of(Views.Transcript transcript, String displayName, String language,
                   Map<String, Object> languageInfo) {
    ObjectNode nb = ApiJson.MAPPER.createObjectNode();
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    ObjectNode metadata = nb.putObject("metadata");
    metadata.putObject("kernelspec").put("name", transcript.kernelspec()).put("display_name", displayName)
        .put("language", language);
    ObjectNode info = languageInfo.isEmpty() ? ApiJson.MAPPER.createObjectNode().put("name", language)
        : ApiJson.MAPPER.valueToTree(languageInfo);
    metadata.set("language_info", info);
    metadata.put("title", transcript.title());
    ArrayNode cells = nb.putArray("cells");
    for (Object item : transcript.items()) {
      if (item instanceof Views.MessageView m) {
        ObjectNode cell = cells.addObject().put("cell_type", "markdown").put("id", m.id());
        cell.putObject("metadata");
        cell.put("source", SPEAKERS.getOrDefault(m.role(), "") + m.text());
      } else if (item instanceof Views.CellView c) {
        ObjectNode cell = cells.addObject().put("cell_type", "code").put("id", c.id());
        if (c.executionCount() == null || c.executionCount() == 0) {
          cell.putNull("execution_count");
        } else {
          cell.put("execution_count", c.executionCount());
        }
        cell.putObject("metadata").put("kernelchat_source", c.source()).put("kernelchat_status", c.status());
        cell.put("source", c.code());
        ArrayNode outputs = cell.putArray("outputs");
        for (Utf8Json o : c.outputs()) {
          ObjectNode out = output(ApiJson.read(o.bytes()));
          if (out != null) {
            outputs.add(out);
          }
        }
      }
    }
    return nb.toString();
  }

  private static ObjectNode output(JsonNode o) {
    ObjectNode out = ApiJson.MAPPER.createObjectNode();
    String type = o.path("type").asText();
    switch (type) {
      case "stream" -> out.put("output_type", "stream").put("name", o.path("name").asText())
          .put("text", o.path("text").asText());
      case "display_data" -> {
        out.put("output_type", "display_data");
        out.set("data", o.path("data"));
        out.set("metadata", o.path("metadata"));
      }
      case "execute_result" -> {
        out.put("output_type", "execute_result").put("execution_count", o.path("executionCount").asInt());
        out.set("data", o.path("data"));
        out.set("metadata", o.path("metadata"));
      }
      case "error" -> {
        out.put("output_type", "error").put("ename", o.path("ename").asText()).put("evalue", o.path("evalue").asText());
        out.set("traceback", o.path("traceback"));
      }
      default -> {
        return null;
      }
    }
    return out;
  }
}
