package io.kernelchat.jupyter;

/** How a kernel wants to be interrupted, from the {@code interrupt_mode} field of its kernel.json. */
public enum InterruptMode {
  /** SIGINT to the kernel's process group (the default). */
  SIGNAL,
  /** An {@code interrupt_request} on the control channel. */
  MESSAGE
}
