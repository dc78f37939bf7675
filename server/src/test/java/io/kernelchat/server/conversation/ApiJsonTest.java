package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The hand-written stream event must be byte for byte what Jackson writes for the same event. */
class ApiJsonTest {
  private static byte[] jackson(String cellId, String name, String text) {
    ObjectNode output = ApiJson.MAPPER.createObjectNode().put("type", "stream").put("name", name).put("text", text);
    return ApiJson.writeBytes(new Views.OutputEvent(cellId, output));
  }

  @Test
  void streamEventsAreWhatJacksonWrites() {
    String[] texts = {
        "", "plain line\n", "quote \" backslash \\ slash / tab \t cr \r bell \u0007 nul \u0000 esc \u001b[31m del \u007f",
        "caf\u00e9 \u00ff \u0100 \u07ff \u0800 \u20ac \uffff", "x".repeat(70_000) + "\n", "emoji \ud83d\ude00 end",
        "lone \ud800 surrogate"};
    for (String text : texts) {
      assertThat(ApiJson.streamOutputEvent("cell-1", "stdout", text)).as(text).isEqualTo(jackson("cell-1", "stdout", text));
    }
    assertThat(ApiJson.streamOutputEvent("cell-\"2\"", "std\u00e9rr", "a")).isEqualTo(jackson("cell-\"2\"", "std\u00e9rr", "a"));
  }
}
