package io.kernelchat.jupyter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kernelchat.jupyter.StreamOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream texts come in pieces that join to exactly what Jackson reads, whichever way they were decoded. */
class StreamContentTest {
  private static final String LINES = "0001 caf\u00e9 \"quoted\" back\\slash\ttab/slash\u0001\u00ff\n".repeat(4000);

  private static byte[] content(String name, String text) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("text", text);
    return Session.JSON.writeValueAsBytes(m);
  }

  private static MessageContents.Stream jackson(byte[] content) throws Exception {
    return Session.JSON.readValue(content, MessageContents.Stream.class);
  }

  /** Asserts that {@code pieces} are full-size but the last and join to {@code text}. */
  private static void assertPiecesOf(List<String> pieces, String text) {
    assertThat(String.join("", pieces)).isEqualTo(text);
    for (int i = 0; i < pieces.size(); i++) {
      String piece = pieces.get(i);
      assertThat(piece.length()).isLessThanOrEqualTo(StreamOutput.MAX_CHARS);
      if (i < pieces.size() - 1) {
        assertThat(piece.length()).isGreaterThanOrEqualTo(StreamOutput.MAX_CHARS - 1);   // -1: a pair kept whole
        assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
      }
    }
  }

  @Test
  void aLargeLatin1TextIsDecodedIntoPiecesThatJoinToWhatJacksonReads() throws Exception {
    byte[] content = content("stdout", LINES);
    assertThat(content.length).isGreaterThan(StreamContent.DIRECT_BYTES);
    assertThat(LINES.length()).isGreaterThan(2 * StreamOutput.MAX_CHARS);

    MessageContents.StreamPieces parsed = StreamContent.parse(content);

    assertThat(parsed.name()).isEqualTo("stdout");
    assertThat(parsed.pieces()).hasSize(LINES.length() / StreamOutput.MAX_CHARS + 1);
    assertPiecesOf(parsed.pieces(), jackson(content).text());
    assertThat(jackson(content).text()).isEqualTo(LINES);
  }

  @Test
  void anEscapeThatFillsAPieceExactlyStartsNoEmptyPiece() throws Exception {
    String text = "x".repeat(StreamOutput.MAX_CHARS - 1) + "\n";
    List<String> pieces = StreamContent.parse(content("stdout", text)).pieces();
    assertThat(pieces).containsExactly(text);
    String twice = text + text;
    assertThat(StreamContent.parse(content("stdout", twice)).pieces()).containsExactly(text, text);
  }

  @Test
  void pythonsEscapesAndKeyOrderAndExtraFieldsAreRead() throws Exception {
    String body = "x".repeat(70_000);
    byte[] content = ("{ \"text\" : \"a\\u00e9\\u0041\\n\\/" + body + "\", \"extra\": {\"k\": [1, \"t\"]}, \"name\": \"stderr\" }")
        .getBytes(StandardCharsets.UTF_8);

    MessageContents.StreamPieces parsed = StreamContent.parse(content);

    assertThat(parsed.name()).isEqualTo("stderr");
    assertPiecesOf(parsed.pieces(), "a\u00e9A\n/" + body);
    assertThat(jackson(content).text()).isEqualTo("a\u00e9A\n/" + body);
  }

  @Test
  void whatFollowsTheTextIsStillRead() throws Exception {
    String body = "z".repeat(70_000);
    String ending = "{\"name\":\"stdout\",\"text\":\"" + body + "\" \n}\n";
    assertThat(StreamContent.parse(ending.getBytes(StandardCharsets.US_ASCII)).pieces()).hasSize(2);
    String again = "{\"name\":\"stdout\",\"text\":\"" + body + "\",\"name\":\"stderr\"}";
    assertThat(StreamContent.parse(again.getBytes(StandardCharsets.US_ASCII)).name()).isEqualTo("stderr");
    String broken = "{\"name\":\"stdout\",\"text\":\"" + body + "\" x}";
    assertThatThrownBy(() -> StreamContent.parse(broken.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IOException.class);
  }

  @Test
  void textBeyondLatin1IsReadByJacksonAndCutWithoutSplittingAPair() throws Exception {
    String emoji = "\ud83d\ude00".repeat(StreamOutput.MAX_CHARS);
    for (String text : new String[] {LINES + "\u20ac", LINES + "\ud83d\ude00", "\u4e2d".repeat(140_000), "a" + emoji}) {
      byte[] content = content("stdout", text);
      assertThat(StreamContent.latin1Pieces(content, indexOfText(content))).isNull();
      assertPiecesOf(StreamContent.parse(content).pieces(), text);
    }
    byte[] escaped = ("{\"name\":\"stdout\",\"text\":\"" + "y".repeat(70_000) + "\\u20ac\"}").getBytes(StandardCharsets.UTF_8);
    assertPiecesOf(StreamContent.parse(escaped).pieces(), "y".repeat(70_000) + "\u20ac");
  }

  @Test
  void smallAndEmptyTextsAreOnePiece() throws Exception {
    assertThat(StreamContent.parse(content("stderr", "hi\n")).pieces()).containsExactly("hi\n");
    assertThat(StreamContent.parse(content("stdout", "")).pieces()).containsExactly("");
    assertThat(StreamContent.parse("{\"name\":\"stdout\"}".getBytes(StandardCharsets.US_ASCII)).pieces()).containsExactly("");
    assertThat(StreamContent.latin1Pieces("\"\"".getBytes(StandardCharsets.US_ASCII), 0).pieces()).containsExactly("");
  }

  @Test
  void malformedStringsAreNotDecodedHere() {
    for (String json : new String[] {"\"abc", "\"a\\q\"", "\"a\\u00\"", "\"a\u0001b\"", "abc\""}) {
      assertThat(StreamContent.latin1Pieces(json.getBytes(StandardCharsets.ISO_8859_1), 0)).as(json).isNull();
    }
  }

  private static int indexOfText(byte[] content) {
    String s = new String(content, StandardCharsets.ISO_8859_1);
    return s.indexOf('"', s.indexOf("\"text\"") + 6);
  }
}
