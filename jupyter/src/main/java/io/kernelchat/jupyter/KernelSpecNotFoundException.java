package io.kernelchat.jupyter;

/** No usable kernel was found; the message names every place and Python that was tried. */
public class KernelSpecNotFoundException extends KernelException {
  public KernelSpecNotFoundException(String message) {
    super(message);
  }
}
