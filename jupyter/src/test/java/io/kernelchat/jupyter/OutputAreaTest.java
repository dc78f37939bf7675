package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The final states here are what nbclient 0.7 leaves after re-executing the same code (streams aside: it keeps \r). */
class OutputAreaTest {
  private final OutputArea area = new OutputArea(o -> 10);

  private static StreamOutput out(String text) {
    return new StreamOutput(StreamName.STDOUT, text);
  }

  private static DisplayData display(String text, String id) {
    return new DisplayData(Map.of("text/plain", text), Map.of(), id);
  }

  private List<String> shown() {
    return area.map((name, chunks) -> name + ":" + String.join("", chunks), o -> o instanceof DisplayData d
        ? "display:" + d.data().get("text/plain") : o instanceof UpdateDisplayData u ? "update:" + u.data().get("text/plain")
        : o.toString());
  }

  @Test
  void aDisplayUpdatedThenAPrintClearedLeavesOnlyTheLastPrint() {
    area.add(display("v1", "d1"));
    area.add(new UpdateDisplayData(Map.of("text/plain", "v2"), Map.of(), "d1"));
    area.add(out("a\n"));
    area.add(new ClearOutput(false));
    area.add(out("b\n"));
    assertThat(shown()).containsExactly("STDOUT:b\n");
    assertThat(area.size()).isEqualTo(2);
  }

  @Test
  void aClearThatWaitsClearsWhenTheNextOutputComesAndNotAtTheEnd() {
    for (int i = 0; i < 100; i++) {
      area.add(new ClearOutput(true));
      area.add(out(i + "\n"));
    }
    area.add(new ClearOutput(true));
    assertThat(shown()).containsExactly("STDOUT:99\n");
  }

  @Test
  void anUpdateReplacesTheDisplayInPlaceAndDoesNotTriggerAWaitingClear() {
    area.add(out("before\n"));
    area.add(display("v1", "d1"));
    area.add(new ClearOutput(true));
    area.add(new UpdateDisplayData(Map.of("text/plain", "v2"), Map.of(), "d1"));
    assertThat(shown()).containsExactly("STDOUT:before\n", "display:v2");
  }

  @Test
  void anUpdateOfAnEarlierCellsDisplayIsKeptInItsLastStateOnly() {
    area.add(new UpdateDisplayData(Map.of("text/plain", "v2"), Map.of(), "elsewhere"));
    area.add(out("x\n"));
    area.add(new UpdateDisplayData(Map.of("text/plain", "v3"), Map.of(), "elsewhere"));
    assertThat(shown()).containsExactly("update:v3", "STDOUT:x\n");
  }

  @Test
  void anUpdateOfADisplayClearedHereGoesNowhere() {
    area.add(display("v1", "d1"));
    area.add(new ClearOutput(false));
    area.add(new UpdateDisplayData(Map.of("text/plain", "v2"), Map.of(), "d1"));
    assertThat(shown()).isEmpty();
  }
}
