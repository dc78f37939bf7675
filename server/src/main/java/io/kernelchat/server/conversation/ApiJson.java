package io.kernelchat.server.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
   * holding {@code {type: "stream", name, text}}, written by hand instead of through Jackson's generator (a
   * print loop sends megabytes of it, on the thread that receives from the kernel). Text with surrogates
   * (characters beyond the BMP, or broken pairs) goes through Jackson.
   */
  private static byte[] streamOutputEvent(String cellId, String name, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    // Encoding turns a broken pair into '?' (one byte for one char); Jackson writes it as an escape.
    if ((utf8.length != text.length() || contains(utf8, (byte) '?')) && hasSurrogates(text)) {
      ObjectNode output = MAPPER.createObjectNode().put("type", "stream").put("name", name).put("text", text);
      return jackson(new Views.OutputEvent(cellId, output));
    }
    return new JsonBytes(utf8.length + (utf8.length >> 4) + 128)
        .raw("{\"cellId\":").string(cellId)
        .raw(",\"output\":{\"type\":\"stream\",\"name\":").string(name)
        .raw(",\"text\":").string(utf8)
        .raw("}}")
        .toByteArray();
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A growing UTF-8 buffer that escapes strings as Jackson does. */
  private static final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** ASCII bytes that stand for themselves in a JSON string; UTF-8 bytes of other characters always do. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
      for (int b = 0x20; b < 0x80; b++) {
        PLAIN[b] = b != '"' && b != '\\';
      }
    }

    private byte[] buf;
    private int n;

    JsonBytes(int capacity) {
      buf = new byte[capacity];
    }

    JsonBytes raw(String ascii) {
      ensure(ascii.length());
      for (int i = 0; i < ascii.length(); i++) {
        buf[n++] = (byte) ascii.charAt(i);
      }
      return this;
    }

    JsonBytes string(String s) {
      return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes UTF-8 text as a JSON string literal; runs of plain bytes are copied whole. */
    JsonBytes string(byte[] utf8) {
      ensure(utf8.length + 2);
      buf[n++] = '"';
      int i = 0;
      while (i < utf8.length) {
        int run = i;
        while (i < utf8.length && (utf8[i] < 0 || PLAIN[utf8[i]])) {
          i++;
        }
        ensure(i - run + 7);
        System.arraycopy(utf8, run, buf, n, i - run);
        n += i - run;
        if (i < utf8.length) {
          escape(utf8[i++]);
        }
      }
      ensure(1);
      buf[n++] = '"';
      return this;
    }

    private void escape(byte c) {
      buf[n++] = '\\';
      switch (c) {
        case '"', '\\' -> buf[n++] = c;
        case '\b' -> buf[n++] = 'b';
        case '\t' -> buf[n++] = 't';
        case '\n' -> buf[n++] = 'n';
        case '\f' -> buf[n++] = 'f';
        case '\r' -> buf[n++] = 'r';
        default -> {
          buf[n++] = 'u';
          buf[n++] = '0';
          buf[n++] = '0';
          buf[n++] = HEX[c >> 4];
          buf[n++] = HEX[c & 0xf];
        }
      }
    }

    private void ensure(int more) {
      if (buf.length - n < more) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    byte[] toByteArray() {
      return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
  }

  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
