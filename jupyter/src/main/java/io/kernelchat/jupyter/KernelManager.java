package io.kernelchat.jupyter;

/**
 * Owns one kernel's lifecycle: starts it, interrupts, restarts and shuts it down, and reports its death.
 * The {@link KernelClient} it hands out stays the same object across restarts.
 */
public final class KernelManager implements AutoCloseable {
  private KernelManager() {}

  /** Launches the kernel and returns once it is ready (its IOPub channel has joined). */
  public static KernelManager start(KernelSpec spec, KernelLaunchOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The client for this kernel; the same object across restarts. */
  public KernelClient client() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** SIGINT to the kernel's process group, or {@code interrupt_request} when the spec asks for messages. */
  public void interrupt() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Stops the kernel and starts a fresh process; pending executions end with {@link KernelDiedException}. */
  public void restart() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@code shutdown_request}, wait, SIGTERM the group, wait, SIGKILL; then delete the connection file. */
  public void shutdown() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /** Whether the kernel process is running. */
  public boolean isAlive() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The kernel's process id, which is also its process group id. */
  public long pid() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Adds a listener for death and restarts. */
  public void addListener(KernelLifecycleListener listener) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
