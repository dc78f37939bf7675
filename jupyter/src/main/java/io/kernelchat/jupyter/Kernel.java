package io.kernelchat.jupyter;

/**
 * One running kernel, wherever it lives: a local process ({@link KernelManager}) or a kernel on a Jupyter
 * Server or Enterprise Gateway ({@link RemoteKernel}). The {@link KernelClient} it hands out stays the same
 * object across restarts.
 */
public interface Kernel extends AutoCloseable {
  /** The client for this kernel; the same object across restarts. */
  KernelClient client();

  /** Interrupts the running cell. */
  void interrupt();

  /** A fresh kernel in place of this one; pending executions end with {@link KernelDiedException}. */
  void restart();

  /** Stops the kernel for good; safe to call twice. */
  void shutdown();

  /** Same as {@link #shutdown()}. */
  @Override
  default void close() {
    shutdown();
  }

  /** Whether the kernel is running and answering. */
  boolean isAlive();

  /** Adds a listener for death and restarts. */
  void addListener(KernelLifecycleListener listener);
}
