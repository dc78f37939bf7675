package io.kernelchat.jupyter;

/** The root of every error this library throws; unchecked. */
public class KernelException extends RuntimeException {
  public KernelException(String message) {
    super(message);
  }

  public KernelException(String message, Throwable cause) {
    super(message, cause);
  }
}
