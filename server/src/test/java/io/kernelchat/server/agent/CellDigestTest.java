package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.jupyter.ClearOutput;
import io.kernelchat.jupyter.DisplayData;
import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecuteResult;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellDigestTest {
  @Test
  void tracebacksLoseTheirAnsiColourCodes() {
    CellDigest digest = new CellDigest();
    digest.add(new ErrorOutput("ZeroDivisionError", "division by zero",
        List.of("\u001b[0;31mZeroDivisionError\u001b[0m Traceback", "\u001b[1;32m----> 1\u001b[0m 1/0")));
    assertThat(digest.text()).isEqualTo("ZeroDivisionError Traceback\n----> 1 1/0\n");
  }

  @Test
  void richOutputsBecomeNotesWithTheirPlainTextAndImagesAreKept() {
    CellDigest digest = new CellDigest();
    digest.add(new StreamOutput(StreamName.STDOUT, "loading"));
    digest.add(new ExecuteResult(1, Map.of("text/plain", "   a\n0  1", "text/html", "<table/>"), Map.of()));
    digest.add(new DisplayData(Map.of("image/png", "iVBOR\nw0K", "text/plain", "<Figure>"), Map.of(), null));
    assertThat(digest.text()).isEqualTo("loading\n   a\n0  1\n[text/html shown to the user]\n[image/png shown to the user]\n");
    assertThat(digest.images()).singleElement().satisfies(image -> {
      assertThat(image.mimeType()).isEqualTo("image/png");
      assertThat(image.base64Data()).isEqualTo("iVBORw0K");
    });
  }

  @Test
  void clearOutputForgetsWhatWasClearedAsTheUserNoLongerSeesIt() {
    CellDigest digest = new CellDigest();
    digest.add(new StreamOutput(StreamName.STDOUT, "10%"));
    digest.add(new ClearOutput(true));
    digest.add(new StreamOutput(StreamName.STDOUT, "100%"));
    assertThat(digest.text()).isEqualTo("100%");
  }

  @Test
  void theBudgetKeepsHeadAndTailAndSaysHowMuchWasCut() {
    String text = "a".repeat(500) + "b".repeat(1000) + "c".repeat(500);
    String cut = OutputBudget.cut(text, 1000);
    assertThat(cut).startsWith("a".repeat(500)).endsWith("c".repeat(500)).contains("[... 1000 characters cut");
    assertThat(OutputBudget.cut("short", 1000)).isEqualTo("short");
  }
}
