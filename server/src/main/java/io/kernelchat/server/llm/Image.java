package io.kernelchat.server.llm;

import java.util.Objects;

/** An image for vision-capable models, as base64 data (no data: prefix). */
public record Image(String mimeType, String base64Data) {
  public Image {
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(base64Data, "base64Data");
  }

  public String dataUrl() {
    return "data:" + mimeType + ";base64," + base64Data;
  }
}
