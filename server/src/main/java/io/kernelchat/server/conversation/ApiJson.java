package io.kernelchat.server.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper for what the API and the event stream send, so both serialise alike. */
public final class ApiJson {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ApiJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@code value} as UTF-8 JSON: straight to bytes, with no String in between (outputs can be megabytes). */
  public static byte[] writeBytes(Object value) {
    if (value instanceof Views.OutputEvent event && event.output().size() == 3
        && "stream".equals(event.output().path("type").asText())) {
      JsonNode output = event.output();
      return streamOutputEvent(event.cellId(), output.path("name").asText(), output.path("text").asText());
    }
    return jackson(value);
  }

  private static byte[] jackson(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * The {@code output} event of a stream piece: the same bytes as Jackson writes for an {@code OutputEvent}
   * holding {@code {type: "stream", name, text}}, written in two passes over the text instead of through
   * Jackson's generator (a print loop sends megabytes of it, on the thread that receives from the kernel).
   * Text with surrogates (characters beyond the BMP) goes through Jackson.
   */
  private static byte[] streamOutputEvent(String cellId, String name, String text) {
    String head = "{\"cellId\":";
    String middle = ",\"output\":{\"type\":\"stream\",\"name\":";
    String beforeText = ",\"text\":";
    int idLength = jsonLength(cellId);
    int nameLength = jsonLength(name);
    int textLength = jsonLength(text);
    if (idLength < 0 || nameLength < 0 || textLength < 0) {
      ObjectNode output = MAPPER.createObjectNode().put("type", "stream").put("name", name).put("text", text);
      return jackson(new Views.OutputEvent(cellId, output));
    }
    byte[] out = new byte[head.length() + idLength + middle.length() + nameLength + beforeText.length() + textLength + 2];
    int n = ascii(out, 0, head);
    n = jsonString(out, n, cellId);
    n = ascii(out, n, middle);
    n = jsonString(out, n, name);
    n = ascii(out, n, beforeText);
    n = jsonString(out, n, text);
    out[n++] = '}';
    out[n] = '}';
    return out;
  }

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** The UTF-8 length of {@code s} as a JSON string literal with its quotes, or -1 if it has surrogates. */
  private static int jsonLength(String s) {
    int length = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += c == '"' || c == '\\' ? 2 : c >= 0x20 ? 1 : shortEscape(c) != 0 ? 2 : 6;
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        length += c < 0x800 ? 2 : 3;
      }
    }
    return length;
  }

  /** Writes {@code s} as a JSON string literal, escaped as Jackson escapes it; {@link #jsonLength} sized it. */
  private static int jsonString(byte[] out, int n, String s) {
    out[n++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out[n++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        out[n++] = '\\';
        out[n++] = (byte) c;
      } else if (c < 0x20) {
        out[n++] = '\\';
        char e = shortEscape(c);
        if (e != 0) {
          out[n++] = (byte) e;
        } else {
          out[n++] = 'u';
          out[n++] = '0';
          out[n++] = '0';
          out[n++] = HEX[c >> 4];
          out[n++] = HEX[c & 0xf];
        }
      } else if (c < 0x800) {
        out[n++] = (byte) (0xc0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3f);
      } else {
        out[n++] = (byte) (0xe0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[n++] = (byte) (0x80 | c & 0x3f);
      }
    }
    out[n++] = '"';
    return n;
  }

  private static char shortEscape(char c) {
    return switch (c) {
      case '\b' -> 'b';
      case '\t' -> 't';
      case '\n' -> 'n';
      case '\f' -> 'f';
      case '\r' -> 'r';
      default -> 0;
    };
  }

  private static int ascii(byte[] out, int n, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[n++] = (byte) s.charAt(i);
    }
    return n;
  }

  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
