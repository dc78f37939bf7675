package io.kernelchat.server.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A request the fake server received, with its JSON body parsed (a missing node for GETs). */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body,
                              Instant receivedAt) {

  /** A header by lower-case name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase());
  }

  public String model() {
    return body.path("model").asText(null);
  }

  public boolean offersTools() {
    return body.path("tools").size() > 0;
  }

  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    body.path("messages").forEach(messages::add);
    return messages;
  }

  /** The last message's role ("user", "tool", ...), or "" when there are none. */
  public String lastRole() {
    List<JsonNode> messages = messages();
    return messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("role").asText();
  }

  /** The text of the last message with this role, whether its content is a string or a list of parts. */
  public String lastTextOf(String role) {
    List<JsonNode> messages = messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (role.equals(messages.get(i).path("role").asText())) {
        return textOf(messages.get(i).path("content"));
      }
    }
    return "";
  }

  /** Every message's text joined, to check what the model was shown. */
  public String allText() {
    StringBuilder all = new StringBuilder(body.path("system").asText(""));
    for (JsonNode message : messages()) {
      all.append('\n').append(textOf(message.path("content")));
    }
    return all.toString();
  }

  private static String textOf(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (part.has("text")) {
        text.append(part.get("text").asText());
      } else if (part.has("content")) {
        text.append(textOf(part.get("content")));
      }
    }
    return text.toString();
  }
}
