package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ClearOutput;
import io.kernelchat.jupyter.DisplayData;
import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecuteResult;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.jupyter.UpdateDisplayData;
import io.kernelchat.server.llm.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the model is shown of a cell's outputs: stream text, results' plain text, tracebacks without ANSI
 * colour codes, and a note for each rich output the user sees; images are kept for vision models.
 */
public final class CellDigest {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
  private static final int MAX_IMAGES = 4;
  private final StringBuilder text = new StringBuilder();
  private final List<Image> images = new ArrayList<>();
  private boolean sawError;

  public void add(Output output) {
    if (output instanceof StreamOutput stream) {
      text.append(stream.text());
    } else if (output instanceof ExecuteResult result) {
      addRich(result.data());
    } else if (output instanceof DisplayData display) {
      addRich(display.data());
    } else if (output instanceof UpdateDisplayData update) {
      addRich(update.data());
    } else if (output instanceof ErrorOutput error) {
      sawError = true;
      addError(error);
    } else if (output instanceof ClearOutput) {
      text.setLength(0); // the user no longer sees it either (progress bars redraw this way)
    }
  }

  /** The error of a failed cell, when its outputs did not already include it. */
  public void addErrorIfMissing(ErrorOutput error) {
    if (error != null && !sawError) {
      addError(error);
    }
  }

  public String text() {
    return text.toString();
  }

  public List<Image> images() {
    return List.copyOf(images);
  }

  public static String stripAnsi(String value) {
    return ANSI.matcher(value).replaceAll("");
  }

  private void addError(ErrorOutput error) {
    endLine();
    String traceback = String.join("\n", error.traceback());
    text.append(traceback.isBlank() ? error.ename() + ": " + error.evalue() : stripAnsi(traceback)).append('\n');
  }

  private void addRich(Map<String, Object> data) {
    String image = data.keySet().stream().filter(m -> m.startsWith("image/")).findFirst().orElse(null);
    if (image != null) {
      endLine();
      text.append("[").append(image).append(" shown to the user]\n");
      if (data.get(image) instanceof String base64 && !image.equals("image/svg+xml") && images.size() < MAX_IMAGES) {
        images.add(new Image(image, base64.replace("\n", "")));
      }
      return;
    }
    if (data.get("text/plain") instanceof String plain) {
      endLine();
      text.append(plain).append('\n');
    }
    for (String rich : List.of("text/html", "text/markdown", "text/latex", "application/javascript")) {
      if (data.containsKey(rich)) {
        endLine();
        text.append("[").append(rich).append(" shown to the user]\n");
        break;
      }
    }
  }

  private void endLine() {
    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
  }
}
