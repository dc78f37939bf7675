package io.kernelchat.server.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.server.agent.OutputBudget;
import io.kernelchat.server.store.TranscriptItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An uploaded {@code .ipynb}, any nbformat 4 notebook, read into what a conversation holds: code cells become cells
 * with their outputs in the API's shape, markdown and raw cells become context messages (our own export's
 * "**You:** " cells get their role back), and a summary tells the model what the notebook did. Nothing runs: the
 * kernel has none of its state until the person runs all. Outputs of a kind or MIME type we do not know are kept as
 * they are (the page says what it cannot show); what cannot be read at all is bad_request:notebook saying why.
 */
final class NotebookImport {
  /** How much of the notebook the model reads at once; the person sees all of it. */
  private static final int SUMMARY_CHARS = 20_000;

  record Imported(String title, String kernelspec, List<TranscriptItem> items, String summary) {}

  private NotebookImport() {}

  /** @param cellOutputCap the most output bytes a cell keeps, as when it runs here */
  static Imported read(byte[] bytes, String fileName, long cellOutputCap) {
    JsonNode nb;
    try {
      nb = ApiJson.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid("it is not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw invalid("it could not be read: " + e.getMessage());
    }
    if (nb == null || !nb.isObject()) {
      throw invalid("it is not a JSON object");
    }
    int major = nb.path("nbformat").asInt(-1);
    if (major != 4) {
      throw invalid(major < 0 ? "it has no nbformat version" : "it is nbformat " + major + "; only nbformat 4 can be"
          + " imported (Jupyter converts an older notebook to 4 when it saves it)");
    }
    if (!nb.path("cells").isArray()) {
      throw invalid("it has no list of cells");
    }
    String title = nb.at("/metadata/title").asText("");
    if (title.isBlank()) {
      title = fileName == null ? "" : fileName.replaceFirst("(?i)\\.ipynb$", "");
    }
    String kernelspec = nb.at("/metadata/kernelspec/name").asText(null);
    long now = System.currentTimeMillis();
    List<TranscriptItem> items = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    int codeCells = 0;
    for (JsonNode cell : nb.get("cells")) {
      String type = cell.path("cell_type").asText();
      String source = text(cell.path("source"));
      long at = now + items.size();   // in the notebook's order
      if (type.equals("code")) {
        codeCells++;
        Integer count = cell.path("execution_count").isInt() ? cell.get("execution_count").asInt() : null;
        List<byte[]> outputs = new ArrayList<>();
        boolean failed = outputs(cell.path("outputs"), cellOutputCap, outputs, summary.append("In [")
            .append(count == null ? " " : count).append("]:\n").append(source).append('\n'));
        items.add(new TranscriptItem.Cell("cell-" + UUID.randomUUID(), source,
            cell.at("/metadata/kernelchat_source").asText("user"), failed ? "error" : "ok", count, 0L, at, outputs));
      } else if (!source.isBlank()) {
        Message m = message(source);
        items.add(new TranscriptItem.Message("msg-" + UUID.randomUUID(), m.role, m.text, at));
        summary.append(m.role.equals("context") ? "" : m.role + ": ").append(m.text).append("\n\n");
      }
    }
    String intro = "This conversation was imported from the notebook " + (fileName == null ? "" : fileName + " ")
        + "(" + codeCells + " code cells). Its cells and outputs are what the notebook holds; the kernel has not run"
        + " them, so none of its variables exist until the person runs all. The notebook:\n\n";
    return new Imported(title, kernelspec, items,
        intro + OutputBudget.cut(summary.toString(), SUMMARY_CHARS, "the person sees the whole notebook"));
  }

  private record Message(String role, String text) {}

  /** Our export writes "**You:** " and the like before a message: those get their role back, the rest is context. */
  private static Message message(String source) {
    for (Map.Entry<String, String> speaker : NotebookExport.SPEAKERS.entrySet()) {
      if (source.startsWith(speaker.getValue())) {
        return new Message(speaker.getKey(), source.substring(speaker.getValue().length()));
      }
    }
    return new Message("context", source);
  }

  /** Adds the cell's outputs, up to the cap, and their text to {@code summary}; whether one was an error. */
  private static boolean outputs(JsonNode outputs, long cap, List<byte[]> out, StringBuilder summary) {
    boolean failed = false;
    long size = 0;
    for (JsonNode o : outputs) {
      ObjectNode shown = output(o);
      byte[] json = ApiJson.writeBytes(shown);
      if (size + json.length > cap) {
        out.add(ApiJson.writeBytes(OutputJson.stream("stderr", "[the rest of this cell's outputs were over "
            + cap / (1024 * 1024) + " MB and were not imported]\n")));
        break;
      }
      size += json.length;
      out.add(json);
      failed |= shown.path("type").asText().equals("error");
      summary.append(summaryOf(shown));
    }
    summary.append('\n');
    return failed;
  }

  private static ObjectNode output(JsonNode o) {
    String type = o.path("output_type").asText();
    return switch (type) {
      case "stream" -> OutputJson.stream(o.path("name").asText("stdout").equals("stderr") ? "stderr" : "stdout",
          text(o.path("text")));
      case "display_data", "execute_result" -> {
        ObjectNode shown = ApiJson.MAPPER.createObjectNode().put("type", type);
        if (type.equals("execute_result") && o.path("execution_count").isInt()) {
          shown.put("executionCount", o.get("execution_count").asInt());
        }
        ObjectNode data = shown.putObject("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("data").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> mime = it.next();
          // nbformat may split text into a list of lines; JSON MIME types hold JSON as it is.
          data.set(mime.getKey(), mime.getValue().isArray() && !mime.getKey().contains("json")
              ? ApiJson.MAPPER.getNodeFactory().textNode(text(mime.getValue())) : mime.getValue());
        }
        shown.set("metadata", o.path("metadata").isObject() ? o.get("metadata") : ApiJson.MAPPER.createObjectNode());
        yield shown;
      }
      case "error" -> {
        ObjectNode shown = ApiJson.MAPPER.createObjectNode().put("type", "error")
            .put("ename", o.path("ename").asText("Error")).put("evalue", o.path("evalue").asText(""));
        shown.set("traceback", o.path("traceback").isArray() ? o.get("traceback") : ApiJson.MAPPER.createArrayNode());
        yield shown;
      }
      default -> OutputJson.stream("stderr", "[an output of type \"" + type + "\" that kernelchat cannot show]\n");
    };
  }

  /** What the model reads of an output: text as it is, a note for what only the person sees. */
  private static String summaryOf(ObjectNode shown) {
    return switch (shown.path("type").asText()) {
      case "stream" -> shown.path("text").asText();
      case "error" -> shown.path("ename").asText() + ": " + shown.path("evalue").asText() + "\n";
      default -> {
        JsonNode data = shown.path("data");
        if (data.path("text/plain").isTextual()) {
          yield data.get("text/plain").asText() + "\n";
        }
        Iterator<String> mimes = data.fieldNames();
        yield mimes.hasNext() ? "[" + mimes.next() + " shown to the person]\n" : "";
      }
    };
  }

  /** nbformat's multiline string: a string, or a list of strings to join. */
  private static String text(JsonNode value) {
    if (value.isArray()) {
      StringBuilder joined = new StringBuilder();
      value.forEach(part -> joined.append(part.asText()));
      return joined.toString();
    }
    return value.isValueNode() ? value.asText() : "";
  }

  private static ConversationException invalid(String why) {
    return ConversationException.badRequest("notebook", "this file cannot be imported as a notebook: " + why);
  }
}
