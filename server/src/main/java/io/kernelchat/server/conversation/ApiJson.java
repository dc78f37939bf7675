package io.kernelchat.server.conversation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The one JSON mapper for what the API and the event stream send, so both serialise alike. */
public final class ApiJson {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final ObjectWriter STREAMING = MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private ApiJson() {}

  /**
   * Writes {@code value} as JSON to {@code out} as it goes, with no copy of the whole (a cell can be megabytes).
   * An IOException is the stream's; a value that cannot be serialised is an IllegalArgumentException.
   */
  public static void writeTo(OutputStream out, Object value) throws IOException {
    try {
      STREAMING.writeValue(out, value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

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
   * The {@code output} event of a stream chunk: the same bytes as Jackson writes for an {@code OutputEvent}
   * holding {@code {type: "stream", name, text}}, written by hand instead of through Jackson's generator (a
   * print loop sends megabytes of it, on the thread that receives from the kernel).
   */
  private static byte[] streamOutputEvent(String cellId, String name, String text) {
    JsonBytes out = new JsonBytes(text.length() + (text.length() >> 4) + 128)
        .raw("{\"cellId\":").string(List.of(cellId)).raw(",\"output\":").streamOutput(name, List.of(text)).raw("}");
    return out.leftToJackson ? jackson(new Views.OutputEvent(cellId, OutputJson.stream(name, text))) : out.toByteArray();
  }

  /**
   * A stream output's JSON in UTF-8, {@code {type: "stream", name, text}} with the chunks joined, as Jackson
   * writes it, without joining them first (a cell's output can be megabytes).
   */
  static byte[] streamOutput(String name, List<String> chunks) {
    long chars = 0;
    for (String chunk : chunks) {
      chars += chunk.length();
    }
    JsonBytes out = new JsonBytes((int) Math.min(Integer.MAX_VALUE - 64, chars + (chars >> 4) + 64))
        .streamOutput(name, chunks);
    return out.leftToJackson ? jackson(OutputJson.stream(name, String.join("", chunks))) : out.toByteArray();
  }

  /** A growing UTF-8 buffer that escapes strings as Jackson does. */
  private static final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /**
     * ASCII bytes copied in runs; UTF-8 bytes of other characters always are. The others are escaped, but for
     * '?', which is written as it is and noted: UTF-8 encoding turns a broken surrogate pair into one.
     */
    private static final boolean[] PLAIN = new boolean[128];

    static {
      for (int b = 0x20; b < 0x80; b++) {
        PLAIN[b] = b != '"' && b != '\\' && b != '?';
      }
    }

    private byte[] buf;
    private int n;
    private boolean questionMark;
    /** Set when a string had a surrogate: Jackson writes a pair as one 4-byte character and a broken one as an escape. */
    boolean leftToJackson;

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

    /** Writes the chunks, joined, as one JSON string literal. */
    JsonBytes string(List<String> chunks) {
      ensure(1);
      buf[n++] = '"';
      for (String chunk : chunks) {
        byte[] utf8 = chunk.getBytes(StandardCharsets.UTF_8);
        questionMark = false;
        escaped(utf8);
        // Encoding turns a broken pair into '?' and any other non-ASCII character into more than one byte.
        if ((utf8.length != chunk.length() || questionMark) && hasSurrogates(chunk)) {
          leftToJackson = true;
          return this;
        }
      }
      ensure(1);
      buf[n++] = '"';
      return this;
    }

    JsonBytes streamOutput(String name, List<String> chunks) {
      return raw("{\"type\":\"stream\",\"name\":").string(List.of(name)).raw(",\"text\":").string(chunks).raw("}");
    }

    private static boolean hasSurrogates(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (Character.isSurrogate(s.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    /** Writes UTF-8 text escaped for a JSON string; runs of plain bytes are copied whole. */
    private void escaped(byte[] utf8) {
      ensure(utf8.length);
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
    }

    private void escape(byte c) {
      if (c == '?') {
        questionMark = true;
        buf[n++] = c;
        return;
      }
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
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  public static JsonNode read(byte[] utf8) {
    try {
      return MAPPER.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);   // not from a byte array
    }
  }
}
