package io.kernelchat.server.conversation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.jupyter.ClearOutput;
import io.kernelchat.jupyter.DisplayData;
import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecuteResult;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.jupyter.UpdateDisplayData;
import java.util.Locale;
import java.util.Map;

/** A kernel output as the API's Output shape (and, with few changes, nbformat's). */
final class OutputJson {
  private OutputJson() {}

  static ObjectNode of(Output output) {
    ObjectNode o = ApiJson.MAPPER.createObjectNode();
    if (output instanceof StreamOutput s) {
      return stream(s.name(), s.text());
    } else if (output instanceof DisplayData d) {
      o.put("type", "display_data");
      bundle(o, d.data(), d.metadata());
      if (d.displayId() != null) {
        o.put("displayId", d.displayId());
      }
    } else if (output instanceof UpdateDisplayData u) {
      o.put("type", "update_display_data");
      bundle(o, u.data(), u.metadata());
      o.put("displayId", u.displayId());
    } else if (output instanceof ExecuteResult r) {
      o.put("type", "execute_result");
      o.put("executionCount", r.executionCount());
      bundle(o, r.data(), r.metadata());
    } else if (output instanceof ErrorOutput e) {
      o.put("type", "error");
      o.put("ename", e.ename());
      o.put("evalue", e.evalue());
      o.set("traceback", ApiJson.MAPPER.valueToTree(e.traceback()));
    } else if (output instanceof ClearOutput c) {
      o.put("type", "clear_output");
      o.put("wait", c.waitForNext());
    }
    return o;
  }

  static ObjectNode stream(StreamName name, String text) {
    return stream(nameOf(name), text);
  }

  static ObjectNode stream(String name, String text) {
    return ApiJson.MAPPER.createObjectNode().put("type", "stream").put("name", name).put("text", text);
  }

  static String nameOf(StreamName name) {
    return name.name().toLowerCase(Locale.ROOT);
  }

  /** Roughly how many bytes an output holds, for the per-cell cap. */
  static long size(Output output) {
    if (output instanceof StreamOutput s) {
      return s.text().length();
    }
    return of(output).toString().length();
  }

  private static void bundle(ObjectNode o, Map<String, Object> data, Map<String, Object> metadata) {
    o.set("data", ApiJson.MAPPER.valueToTree(data == null ? Map.of() : data));
    o.set("metadata", ApiJson.MAPPER.valueToTree(metadata == null ? Map.of() : metadata));
  }
}
