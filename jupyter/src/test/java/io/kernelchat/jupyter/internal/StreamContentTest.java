package io.kernelchat.jupyter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct decoding of large stream texts must read exactly what Jackson reads, or step aside. */
class StreamContentTest {
  private static final String LINES = "0001 caf\u00e9 \"quoted\" back\\slash\ttab/slash\u0001\u00ff\n".repeat(3000);

  private static byte[] content(String name, String text) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("text", text);
    return Session.JSON.writeValueAsBytes(m);
  }

  private static MessageContents.Stream jackson(byte[] content) throws Exception {
    return Session.JSON.readValue(content, MessageContents.Stream.class);
  }

  @Test
  void aLargeLatin1TextReadsAsJacksonReadsIt() throws Exception {
    byte[] content = content("stdout", LINES);
    assertThat(content.length).isGreaterThan(StreamContent.DIRECT_BYTES);

    assertThat(StreamContent.parse(content)).isEqualTo(jackson(content)).isEqualTo(new MessageContents.Stream("stdout", LINES));
  }

  @Test
  void pythonsEscapesAndKeyOrderAndExtraFieldsAreRead() throws Exception {
    String body = "x".repeat(70_000);
    byte[] content = ("{ \"text\" : \"a\\u00e9\\u0041\\n\\/" + body + "\", \"extra\": {\"k\": [1, \"t\"]}, \"name\": \"stderr\" }")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(StreamContent.parse(content)).isEqualTo(jackson(content))
        .isEqualTo(new MessageContents.Stream("stderr", "a\u00e9A\n/" + body));
  }

  @Test
  void textBeyondLatin1IsLeftToJackson() throws Exception {
    for (String text : new String[] {LINES + "\u20ac", LINES + "\ud83d\ude00", "\u4e2d".repeat(40_000)}) {
      byte[] content = content("stdout", text);
      assertThat(StreamContent.latin1String(content, indexOfText(content))).isNull();
      assertThat(StreamContent.parse(content)).isEqualTo(new MessageContents.Stream("stdout", text));
    }
    byte[] escaped = ("{\"name\":\"stdout\",\"text\":\"" + "y".repeat(70_000) + "\\u20ac\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(StreamContent.parse(escaped).text()).endsWith("y\u20ac");
  }

  @Test
  void malformedStringsAreNotDecodedHere() {
    for (String json : new String[] {"\"abc", "\"a\\q\"", "\"a\\u00\"", "\"a\u0001b\"", "abc\""}) {
      assertThat(StreamContent.latin1String(json.getBytes(StandardCharsets.ISO_8859_1), 0)).as(json).isNull();
    }
    assertThat(StreamContent.latin1String("\"\"".getBytes(StandardCharsets.US_ASCII), 0)).isEmpty();
  }

  private static int indexOfText(byte[] content) {
    String s = new String(content, StandardCharsets.ISO_8859_1);
    return s.indexOf('"', s.indexOf("\"text\"") + 6);
  }
}
