package io.kernelchat.server.kernels;

/**
 * No kernel can be had right now: {@code unavailable:kernel_limit} (every slot taken) or
 * {@code unavailable:sandbox} ({@code --sandbox required} and no sandbox here). {@code code} is the API's.
 */
public final class KernelUnavailableException extends RuntimeException {
  private final String code;

  public KernelUnavailableException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
