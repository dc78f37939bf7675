package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamTextTest {
  private static String shown(String... chunks) {
    StreamText text = new StreamText(StreamName.STDERR);
    for (String chunk : chunks) {
      text.append(chunk);
    }
    assertThat(text.length()).isEqualTo(text.text().length());
    return text.text();
  }

  @Test
  void aProgressBarRedrawnTenThousandTimesIsItsLastState() {
    StreamText text = new StreamText(StreamName.STDERR);
    for (int i = 0; i <= 10_000; i++) {
      text.append("\r" + i * 100 / 10_000 + "%| " + i + "/10000");
    }
    text.append("\n");
    assertThat(text.text()).isEqualTo("100%| 10000/10000\n");
  }

  @Test
  void whatFollowsACarriageReturnOverwritesTheLineLikeATerminal() {
    assertThat(shown("abcdef\rXY")).isEqualTo("XYcdef");
    assertThat(shown("one\ntwo\r2\nthree")).isEqualTo("one\n2wo\nthree");
    assertThat(shown("line\r\nnext\n")).isEqualTo("line\nnext\n");
  }

  @Test
  void chunksMayEndBetweenTheCarriageReturnAndWhatOverwrites() {
    assertThat(shown("50%", "\r", "100%", "\n", "done")).isEqualTo("100%\ndone");
    assertThat(shown("abc\r", "\n")).isEqualTo("abc\n");
  }

  @Test
  void aFloodWithoutCarriageReturnsIsKeptInItsOwnChunks() {
    String big = "x".repeat(100_000) + "\n";
    StreamText text = new StreamText(StreamName.STDOUT);
    text.append(big);
    text.append(big + "tail");
    assertThat(text.chunks()).containsExactly(big, big, "tail");
  }
}
