package io.kernelchat.jupyter.internal;

import java.util.List;
import java.util.Map;

/**
 * One protocol message. {@code content} is the typed record {@link MessageContents} maps {@code msg_type}
 * to, or a {@code Map} for types it does not know.
 */
public record Message(List<byte[]> identities, Header header, Header parentHeader, Map<String, Object> metadata,
                      Object content, List<byte[]> buffers) {
  public String msgType() {
    return header.msgType();
  }

  /** The id of the request this message answers, or null. */
  public String parentId() {
    return parentHeader == null ? null : parentHeader.msgId();
  }
}
