package io.kernelchat.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.agent.CellDigest;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.conversation.ConversationEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Prints a turn's events for {@code kernelchat ask}: as JSON lines, or for a person (the model's text, each cell's
 * code and output, each plot saved as a file whose path is printed, errors on stderr). Returns the turn's end reason
 * at its {@code turn_end}.
 */
final class TurnPrinter {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final Path plots;
  private final String fence;
  private int plotCount;

  /** @param fence the code fence of the kernel's language, e.g. {@code python}, {@code r} */
  TurnPrinter(PrintStream out, PrintStream err, boolean json, Path plots, String fence) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.plots = plots;
    this.fence = fence;
  }

  /** The end reason when {@code e} ends the turn, else null. */
  String print(ConversationEvents.Event e) {
    JsonNode data = ApiJson.read(e.data());
    if (json) {
      out.println(ApiJson.write(Map.of("event", e.type(), "id", e.id(), "data", data)));
    } else {
      printForAPerson(e.type(), data);
    }
    out.flush();
    return e.type().equals("turn_end") ? data.path("reason").asText("error") : null;
  }

  private void printForAPerson(String type, JsonNode data) {
    switch (type) {
      case "text_delta" -> out.print(data.path("delta").asText());
      case "cell_start" -> out.println("\n```" + fence + "\n" + data.path("code").asText() + "\n```");
      case "output" -> printOutput(data.path("output"));
      case "error" -> err.println("error: " + data.path("code").asText() + ": " + data.path("message").asText());
      case "turn_end" -> out.println();
      default -> { }   // messages repeat what was streamed; kernel and file events are the page's
    }
  }

  private void printOutput(JsonNode output) {
    switch (output.path("type").asText()) {
      case "stream" -> out.print(output.path("text").asText());
      case "error" -> {
        String traceback = joinTraceback(output.path("traceback"));
        out.println(traceback.isBlank() ? output.path("ename").asText() + ": " + output.path("evalue").asText()
            : CellDigest.stripAnsi(traceback));
      }
      case "execute_result", "display_data" -> printRich(output.path("data"));
      default -> { }
    }
  }

  private void printRich(JsonNode data) {
    if (data.hasNonNull("image/png")) {
      Path file = plots.resolve("plot-" + (++plotCount) + ".png");
      try {
        Files.write(file, Base64.getMimeDecoder().decode(data.get("image/png").asText()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save a plot as " + file + ": " + e.getMessage(), e);
      }
      out.println("[plot: " + file + "]");
    } else if (data.hasNonNull("text/plain")) {
      out.println(data.get("text/plain").asText());
    }
  }

  private static String joinTraceback(JsonNode traceback) {
    StringBuilder s = new StringBuilder();
    traceback.forEach(line -> s.append(line.asText()).append('\n'));
    return s.toString().stripTrailing();
  }
}
