package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel WebSocket's two wire forms, to and from the ZeroMQ frames the session reads. Over the WebSocket
 * messages are unsigned (the Jupyter Server signs for the kernel), so the signature frame here is empty.
 *
 * <ul>
 *   <li>{@value #V1}: one binary message of little-endian 64-bit offsets, then the channel name, then the
 *       header, parent header, metadata, content and buffers exactly as the kernel sent them: no JSON is
 *       re-read on the server;</li>
 *   <li>the legacy JSON form: one text message {@code {header, parent_header, metadata, content, channel,
 *       buffers}}; a message with buffers comes as a binary message of big-endian 32-bit offsets whose first
 *       part is that JSON.</li>
 * </ul>
 */
public final class WebSocketFrames {
  /** The binary subprotocol's name, as a client offers it and the server selects it. */
  public static final String V1 = "v1.kernel.websocket.jupyter.org";
  private static final byte[] NO_SIGNATURE = new byte[0];

  /** A message as it came off the WebSocket: its channel and its ZeroMQ frames. */
  public record Received(Channel channel, List<byte[]> frames) {}

  private WebSocketFrames() {}

  /** The v1 form of ZeroMQ frames ({@code [<IDS|MSG>, signature, header, ...]}) for a channel. */
  public static ByteBuffer v1(Channel channel, List<byte[]> frames) {
    List<byte[]> parts = frames.subList(2, frames.size());
    byte[] name = channelName(channel);
    int offsets = parts.size() + 2;
    long total = 8L * (offsets + 1) + name.length;
    for (byte[] part : parts) {
      total += part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(offsets);
    long at = 8L * (offsets + 1);
    out.putLong(at);
    at += name.length;
    out.putLong(at);
    for (byte[] part : parts) {
      at += part.length;
      out.putLong(at);
    }
    out.put(name);
    parts.forEach(out::put);
    // Back to the default order before it leaves: the JDK's WebSocket masks a frame eight bytes at a time with
    // getLong on our buffer and putLong on its own, so a little-endian buffer went out with every 8 bytes
    // reversed (the Jupyter Server then read a count of offsets in the quintillions and hung building them).
    return out.flip().order(ByteOrder.BIG_ENDIAN);
  }

  /** Reads a v1 binary message. */
  public static Received fromV1(ByteBuffer message) {
    ByteBuffer in = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int count = Math.toIntExact(in.getLong(0));
    if (count < 2 || 8L * (count + 1) > in.limit()) {
      throw new IllegalArgumentException("a v1 kernel message with " + count + " offsets");
    }
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      offsets[i] = in.getLong(8 * (i + 1));
    }
    Channel channel = channel(new String(slice(in, offsets[0], offsets[1]), StandardCharsets.UTF_8));
    List<byte[]> frames = new ArrayList<>(count + 1);
    frames.add(Session.DELIMITER);
    frames.add(NO_SIGNATURE);
    for (int i = 1; i < count - 1; i++) {
      frames.add(slice(in, offsets[i], offsets[i + 1]));
    }
    return new Received(channel, frames);
  }

  /** The legacy JSON form of ZeroMQ frames, built from their bytes (the JSON parts are not parsed again). */
  public static String json(Channel channel, List<byte[]> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{\"channel\":\"" + new String(channelName(channel), StandardCharsets.US_ASCII)
        + "\",\"header\":").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(frames.get(2));
    out.writeBytes(",\"parent_header\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(frames.get(3));
    out.writeBytes(",\"metadata\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(frames.get(4));
    out.writeBytes(",\"content\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(frames.get(5));
    out.writeBytes(",\"buffers\":[]}".getBytes(StandardCharsets.US_ASCII));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Reads a legacy JSON text message. */
  public static Received fromJson(String text) {
    return fromJson(text.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** Reads a legacy binary message: a JSON message followed by its buffers. */
  public static Received fromLegacyBinary(ByteBuffer message) {
    ByteBuffer in = message.duplicate().order(ByteOrder.BIG_ENDIAN);
    int count = in.getInt(0);
    if (count < 1 || 4L * (count + 1) > in.limit()) {
      throw new IllegalArgumentException("a binary kernel message with " + count + " parts");
    }
    List<byte[]> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long start = in.getInt(4 * (i + 1));
      long end = i + 1 < count ? in.getInt(4 * (i + 2)) : in.limit();
      parts.add(slice(in, start, end));
    }
    return fromJson(parts.get(0), parts.subList(1, parts.size()));
  }

  private static Received fromJson(byte[] json, List<byte[]> buffers) {
    try {
      JsonNode message = Session.JSON.readTree(json);
      List<byte[]> frames = new ArrayList<>(6 + buffers.size());
      frames.add(Session.DELIMITER);
      frames.add(NO_SIGNATURE);
      for (String part : List.of("header", "parent_header", "metadata", "content")) {
        JsonNode node = message.get(part);
        frames.add(node == null || node.isNull() ? "{}".getBytes(StandardCharsets.US_ASCII)
            : Session.JSON.writeValueAsBytes(node));
      }
      frames.addAll(buffers);
      JsonNode channel = message.get("channel");
      return new Received(channel(channel == null ? "" : channel.asText()), frames);
    } catch (IOException e) {
      throw new IllegalArgumentException("a kernel message that is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] slice(ByteBuffer in, long start, long end) {
    if (start < 0 || end < start || end > in.limit()) {
      throw new IllegalArgumentException("a kernel message part at " + start + ".." + end + " of " + in.limit());
    }
    byte[] part = new byte[(int) (end - start)];
    in.get((int) start, part);
    return part;
  }

  private static byte[] channelName(Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
  }

  private static Channel channel(String name) {
    try {
      return Channel.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a kernel message on an unknown channel '" + name + "'", e);
    }
  }
}
