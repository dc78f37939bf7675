package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code stream} message's content. A print loop arrives as a few messages of megabytes each, and
 * Jackson builds such a string through several copies (UTF-16 segments, then one array, then the compact
 * string); when the text is Latin-1, as printed text mostly is, it is decoded here in one pass into Latin-1
 * bytes, which the compact string copies once. Anything else (a character above U+00FF, malformed JSON) is left to
 * Jackson, so the result is always what Jackson would read.
 */
final class StreamContent {
  /** Below this, Jackson's own path is as fast. */
  static final int DIRECT_BYTES = 64 * 1024;

  private StreamContent() {}

  static MessageContents.Stream parse(byte[] content) throws IOException {
    if (content.length >= DIRECT_BYTES) {
      MessageContents.Stream direct = parseDirect(content);
      if (direct != null) {
        return direct;
      }
    }
    return Session.JSON.readValue(content, MessageContents.Stream.class);
  }

  /** The content with its text decoded here, or null to let Jackson read it. */
  private static MessageContents.Stream parseDirect(byte[] content) throws IOException {
    String name = null;
    String text = null;
    try (JsonParser parser = Session.JSON.getFactory().createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && "text".equals(field)) {
          // The parser has not decoded the string yet (it does so lazily); it skips it on the next token.
          text = latin1String(content, (int) parser.currentTokenLocation().getByteOffset());
          if (text == null) {
            return null;
          }
        } else if (value == JsonToken.VALUE_STRING && "name".equals(field)) {
          name = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    }
    return new MessageContents.Stream(name, text);
  }

  /** Bytes that stand for themselves inside a JSON string: printable ASCII but the quote and backslash. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
  }

  /**
   * The JSON string whose opening quote is at {@code quote}, if every character in it is Latin-1; else null.
   * Runs of plain bytes are copied whole: printed text has an escape every line, not every byte.
   */
  static String latin1String(byte[] json, int quote) {
    if (quote < 0 || quote >= json.length || json[quote] != '"') {
      return null;
    }
    byte[] out = new byte[json.length - quote];
    int n = 0;
    int i = quote + 1;
    while (true) {
      int run = i;
      while (i < json.length && PLAIN[json[i] & 0xff]) {
        i++;
      }
      System.arraycopy(json, run, out, n, i - run);
      n += i - run;
      if (i >= json.length) {
        return null;   // no closing quote
      }
      int b = json[i++] & 0xff;
      if (b == '"') {
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
      } else if (b == '\\') {
        if (i >= json.length) {
          return null;
        }
        int c = switch (json[i++]) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> i + 4 <= json.length ? hex4(json, (i += 4) - 4) : -1;
          default -> -1;
        };
        if (c < 0 || c > 0xff) {
          return null;
        }
        out[n++] = (byte) c;
      } else if ((b & 0xe0) == 0xc0 && b >= 0xc2 && b <= 0xc3 && i < json.length && (json[i] & 0xc0) == 0x80) {
        out[n++] = (byte) (((b & 0x1f) << 6) | (json[i++] & 0x3f));   // two UTF-8 bytes for U+0080..U+00FF
      } else {
        return null;   // a raw control character (not JSON), beyond Latin-1, or not UTF-8
      }
    }
  }

  private static int hex4(byte[] json, int at) {
    int value = 0;
    for (int k = at; k < at + 4; k++) {
      int digit = Character.digit(json[k], 16);
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
