package io.kernelchat.jupyter;

/** Hears about a kernel's life outside any one request. Called from an internal thread; keep it quick. */
public interface KernelLifecycleListener {
  /** The kernel exited or stopped answering heartbeats without being asked to. */
  default void onDied(KernelDiedException cause) {}

  /** {@link Kernel#restart()} finished and the new kernel is ready. */
  default void onRestarted() {}
}
