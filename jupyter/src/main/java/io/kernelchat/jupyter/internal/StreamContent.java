package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kernelchat.jupyter.StreamOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code stream} message's content into pieces of at most {@link StreamOutput#MAX_CHARS} chars. A print
 * loop arrives as a few messages of megabytes each; one string per message would be a large object for the
 * garbage collector at every step from here to the page. When the text is Latin-1, as printed text mostly
 * is, it is decoded here straight into pieces; anything else (a character above U+00FF, malformed JSON) is
 * read by Jackson and then cut, so the pieces always join to what Jackson would read.
 */
final class StreamContent {
  /** Below this, Jackson's own path is as fast. */
  static final int DIRECT_BYTES = 64 * 1024;

  /** Bytes that stand for themselves inside a JSON string: printable ASCII but the quote and backslash. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN[b] = b != '"' && b != '\\';
    }
  }

  private StreamContent() {}

  static MessageContents.StreamPieces parse(byte[] content) throws IOException {
    if (content.length >= DIRECT_BYTES) {
      MessageContents.StreamPieces direct = parseDirect(content);
      if (direct != null) {
        return direct;
      }
    }
    MessageContents.Stream whole = Session.JSON.readValue(content, MessageContents.Stream.class);
    return new MessageContents.StreamPieces(whole.name(), cut(whole.text() == null ? "" : whole.text()));
  }

  /** {@code text} in pieces of at most {@link StreamOutput#MAX_CHARS} chars; never splits a surrogate pair. */
  static List<String> cut(String text) {
    if (text.length() <= StreamOutput.MAX_CHARS) {
      return List.of(text);
    }
    List<String> pieces = new ArrayList<>(text.length() / StreamOutput.MAX_CHARS + 2);
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(start + StreamOutput.MAX_CHARS, text.length());
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  /** The content with its text decoded here, or null to let Jackson read it. */
  private static MessageContents.StreamPieces parseDirect(byte[] content) throws IOException {
    String name = null;
    List<String> pieces = null;
    try (JsonParser parser = Session.JSON.getFactory().createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && "text".equals(field)) {
          // The parser has not decoded the string yet (it does so lazily); it would skip it on the next token.
          Latin1Text text = latin1Pieces(content, (int) parser.currentTokenLocation().getByteOffset());
          if (text == null) {
            return null;
          }
          pieces = text.pieces();
          if (name != null && onlyClosingBrace(content, text.next())) {
            break;   // what ipykernel sends: name, then text, then the end; no need to scan the text again
          }
        } else if (value == JsonToken.VALUE_STRING && "name".equals(field)) {
          name = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    }
    return pieces == null ? null : new MessageContents.StreamPieces(name, pieces);
  }

  /** A decoded string and the index just past its closing quote. */
  record Latin1Text(List<String> pieces, int next) {}

  private static boolean onlyClosingBrace(byte[] json, int at) {
    int i = skipSpace(json, at);
    return i < json.length && json[i] == '}' && skipSpace(json, i + 1) == json.length;
  }

  private static int skipSpace(byte[] json, int at) {
    int i = at;
    while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
      i++;
    }
    return i;
  }

  /**
   * The JSON string whose opening quote is at {@code quote}, in pieces of at most {@link StreamOutput#MAX_CHARS}
   * chars, if every character in it is Latin-1; else null. Runs of plain bytes are copied whole: printed text
   * has an escape every line, not every byte.
   */
  static Latin1Text latin1Pieces(byte[] json, int quote) {
    if (quote < 0 || quote >= json.length || json[quote] != '"') {
      return null;
    }
    List<String> pieces = new ArrayList<>();
    byte[] piece = new byte[Math.min(StreamOutput.MAX_CHARS, json.length - quote)];
    int n = 0;
    int i = quote + 1;
    while (true) {
      int run = i;
      int room = piece.length - n;
      int end = json.length - run > room ? run + room : json.length;
      while (i < end && PLAIN[json[i] & 0xff]) {
        i++;
      }
      System.arraycopy(json, run, piece, n, i - run);
      n += i - run;
      if (n == piece.length) {
        pieces.add(new String(piece, 0, n, StandardCharsets.ISO_8859_1));
        n = 0;
        continue;
      }
      if (i >= json.length) {
        return null;   // no closing quote
      }
      int b = json[i++] & 0xff;
      if (b == '"') {
        if (n > 0 || pieces.isEmpty()) {
          pieces.add(new String(piece, 0, n, StandardCharsets.ISO_8859_1));
        }
        return new Latin1Text(pieces, i);
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
        piece[n++] = (byte) c;
      } else if ((b & 0xe0) == 0xc0 && b >= 0xc2 && b <= 0xc3 && i < json.length && (json[i] & 0xc0) == 0x80) {
        piece[n++] = (byte) (((b & 0x1f) << 6) | (json[i++] & 0x3f));   // two UTF-8 bytes for U+0080..U+00FF
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
