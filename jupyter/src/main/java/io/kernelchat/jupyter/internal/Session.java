package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire format, protocol 5.3: {@code [ids..., "<IDS|MSG>", hmac, header, parent, metadata, content,
 * buffers...]}, signed with HMAC-SHA256 over the four JSON frames. Knows nothing of sockets or processes.
 */
public final class Session {
  static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private static final String PROTOCOL_VERSION = "5.3";
  private static final int MAX_FIELDS_DROPPED = 8;
  private static final byte[] EMPTY_DICT = "{}".getBytes(StandardCharsets.US_ASCII);

  /** Jackson with the string limit raised: a single stream message can be hundreds of megabytes. */
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
      // Kernels in the wild bend the protocol's types (metakernel sends a tuple as implementation_version
      // and a string as a traceback): read a one-element list as its value and a lone value as a list.
      .configure(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, true)
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private final String sessionId = UUID.randomUUID().toString();
  private final Mac prototype;

  /** A session signing with the key's ASCII bytes; an empty key means unsigned messages. */
  public Session(String key) {
    try {
      if (key.isEmpty()) {
        prototype = null;
      } else {
        prototype = Mac.getInstance("HmacSHA256");
        prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** A new request message with a fresh id. */
  public Message request(Object content) {
    Header header = new Header(UUID.randomUUID().toString(), sessionId, "kernelchat",
        OffsetDateTime.now(ZoneOffset.UTC).toString(), MessageContents.msgTypeOf(content), PROTOCOL_VERSION);
    return new Message(List.of(), header, null, Map.of(), content, List.of());
  }

  /** A reply on the stdin channel to a kernel's request, e.g. {@code input_reply}. */
  public Message reply(Message parent, Object content) {
    Message m = request(content);
    return new Message(List.of(), m.header(), parent.header(), Map.of(), content, List.of());
  }

  /** The frames to send, signed. */
  public List<byte[]> serialize(Message message) {
    try {
      byte[] header = JSON.writeValueAsBytes(message.header());
      byte[] parent = message.parentHeader() == null ? EMPTY_DICT : JSON.writeValueAsBytes(message.parentHeader());
      byte[] metadata = JSON.writeValueAsBytes(message.metadata());
      byte[] content = JSON.writeValueAsBytes(message.content());
      List<byte[]> frames = new ArrayList<>(message.identities());
      frames.add(DELIMITER);
      frames.add(sign(header, parent, metadata, content));
      frames.add(header);
      frames.add(parent);
      frames.add(metadata);
      frames.add(content);
      frames.addAll(message.buffers());
      return frames;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize " + message.msgType(), e);
    }
  }

  /** The message, or empty (logged) when the frames are malformed or the signature does not match. */
  public Optional<Message> parse(List<byte[]> frames) {
    int delimiter = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(frames.get(i), DELIMITER)) {
        delimiter = i;
        break;
      }
    }
    if (delimiter < 0 || frames.size() < delimiter + 6) {
      log.warn("dropping a message without a delimiter or with missing frames ({} frames)", frames.size());
      return Optional.empty();
    }
    byte[] header = frames.get(delimiter + 2);
    byte[] parent = frames.get(delimiter + 3);
    byte[] metadata = frames.get(delimiter + 4);
    byte[] content = frames.get(delimiter + 5);
    if (!MessageDigest.isEqual(sign(header, parent, metadata, content), frames.get(delimiter + 1))) {
      log.warn("dropping a message with a bad signature");
      return Optional.empty();
    }
    try {
      Header h = JSON.readValue(header, Header.class);
      Header p = JSON.readValue(parent, Header.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = JSON.readValue(metadata, Map.class);
      Class<?> type = MessageContents.INBOUND.getOrDefault(h.msgType(), Map.class);
      Object body = type == MessageContents.StreamPieces.class ? StreamContent.parse(content) : read(content, type);
      return Optional.of(new Message(List.copyOf(frames.subList(0, delimiter)), h, p, meta, body,
          List.copyOf(frames.subList(delimiter + 6, frames.size()))));
    } catch (IOException | RuntimeException e) {
      log.warn("dropping a message that does not parse: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The content as {@code type}; a field whose value has a shape the protocol does not give it is left out
   * (logged) rather than the whole message, as jupyter_client, which reads contents as plain dicts, would
   * still see the rest: a dropped reply would leave its request waiting until it times out.
   */
  static <T> T read(byte[] content, Class<T> type) throws IOException {
    try {
      return JSON.readValue(content, type);
    } catch (MismatchedInputException first) {
      JsonNode tree = JSON.readTree(content);
      MismatchedInputException failure = first;
      for (int dropped = 0; dropped < MAX_FIELDS_DROPPED && tree instanceof ObjectNode object; dropped++) {
        String field = failure.getPath().isEmpty() ? null : failure.getPath().get(0).getFieldName();
        if (field == null || object.remove(field) == null) {
          break;
        }
        log.debug("reading a {} without its field '{}': {}", type.getSimpleName(), field, failure.getOriginalMessage());
        try {
          return JSON.treeToValue(object, type);
        } catch (MismatchedInputException again) {
          failure = again;
        }
      }
      throw failure;
    }
  }

  private byte[] sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
    if (prototype == null) {
      return new byte[0];
    }
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HMAC cannot be cloned", e);
    }
    mac.update(header);
    mac.update(parent);
    mac.update(metadata);
    mac.update(content);
    return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
  }
}
