package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.jupyter.ClearOutput;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StreamPiecesTest {
  @Test
  void largeStreamTextIsCutIntoPiecesThatJoinBackToTheWholeText() {
    String text = "0123456789".repeat(25) + "x";
    List<Output> pieces = StreamPieces.of(new StreamOutput(StreamName.STDERR, text), 100);
    assertThat(pieces).hasSize(3).allSatisfy(p -> {
      assertThat(p).isInstanceOf(StreamOutput.class);
      assertThat(((StreamOutput) p).name()).isEqualTo(StreamName.STDERR);
      assertThat(((StreamOutput) p).text().length()).isLessThanOrEqualTo(100);
    });
    assertThat(pieces.stream().map(p -> ((StreamOutput) p).text()).collect(Collectors.joining())).isEqualTo(text);
  }

  @Test
  void aCutNeverFallsInsideASurrogatePair() {
    String text = "ab" + "\uD83D\uDE00".repeat(10);   // an emoji is two chars
    List<Output> pieces = StreamPieces.of(new StreamOutput(StreamName.STDOUT, text), 3);
    assertThat(pieces).allSatisfy(p -> {
      String piece = ((StreamOutput) p).text();
      assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
      assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
    });
    assertThat(pieces.stream().map(p -> ((StreamOutput) p).text()).collect(Collectors.joining())).isEqualTo(text);
  }

  @Test
  void smallStreamsAndOtherOutputsPassThroughUnchanged() {
    StreamOutput small = new StreamOutput(StreamName.STDOUT, "hello\n");
    ClearOutput clear = new ClearOutput(true);
    assertThat(StreamPieces.of(small, 100)).containsExactly(small);
    assertThat(StreamPieces.of(clear, 1)).containsExactly(clear);
  }
}
