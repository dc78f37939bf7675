package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written stream JSON must be byte for byte what Jackson writes for the same value. */
class ApiJsonTest {
  private static Views.OutputEvent event(String cellId, String name, String text) {
    ObjectNode output = ApiJson.MAPPER.createObjectNode().put("type", "stream").put("name", name).put("text", text);
    return new Views.OutputEvent(cellId, output);
  }

  private static void assertWrittenAsJacksonWrites(Views.OutputEvent event) throws Exception {
    assertThat(ApiJson.writeBytes(event)).as(event.output().path("text").asText())
        .isEqualTo(ApiJson.MAPPER.writeValueAsBytes(event));
  }

  @Test
  void streamEventsAreWhatJacksonWrites() throws Exception {
    String[] texts = {
        "", "plain line\n", "quote \" backslash \\ slash / tab \t cr \r bell \u0007 nul \u0000 esc \u001b[31m del \u007f",
        "caf\u00e9 \u00ff \u0100 \u07ff \u0800 \u20ac \uffff", "x".repeat(70_000) + "\n", "emoji \ud83d\ude00 end",
        "lone \ud800 surrogate", "why? \udc00 and why?", "what? nothing broken?",
        "\u0001\"\n".repeat(20_000) /* escapes outgrow the first buffer */};
    for (String text : texts) {
      assertWrittenAsJacksonWrites(event("cell-1", "stdout", text));
    }
    assertWrittenAsJacksonWrites(event("cell-\"2\"", "std\u00e9rr", "a"));
    ObjectNode withMore = event("cell-3", "stdout", "a").output().deepCopy();
    assertWrittenAsJacksonWrites(new Views.OutputEvent("cell-3", withMore.put("extra", 1)));
  }

  @Test
  void aStreamOutputWrittenFromChunksIsWhatJacksonWritesForTheJoinedText() throws Exception {
    List<List<String>> cases = List.of(List.of(), List.of(""), List.of("a\n", "b\"c\\", "\u0001"),
        List.of("x".repeat(70_000), "caf\u00e9 \u20ac\n", "y".repeat(10)), List.of("pair \ud83d", "\ude00 split"),
        List.of("ok", "broken \udc00?"));
    for (List<String> chunks : cases) {
      String joined = String.join("", chunks);
      byte[] jackson = ApiJson.MAPPER.writeValueAsBytes(
          ApiJson.MAPPER.createObjectNode().put("type", "stream").put("name", "stderr").put("text", joined));
      assertThat(ApiJson.streamOutput("stderr", chunks)).as(joined).isEqualTo(jackson);
    }
  }

  @Test
  void utf8JsonIsWrittenAsItIsToBytesAndToText() throws Exception {
    for (String json : List.of("{\"text\":\"caf\u00e9 \u20ac\"}", "{\"text\":\"" + "x".repeat(100_000) + "\"}")) {
      Map<String, Object> value = Map.of("outputs",
          List.of(new Utf8Json(json.getBytes(StandardCharsets.UTF_8)), new Utf8Json("[1]".getBytes(StandardCharsets.UTF_8))));
      String expected = "{\"outputs\":[" + json + ",[1]]}";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ApiJson.writeTo(out, value);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
      assertThat(ApiJson.write(value)).isEqualTo(expected);
    }
  }
}
