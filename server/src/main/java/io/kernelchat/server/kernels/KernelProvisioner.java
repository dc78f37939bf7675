package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;

/**
 * Where and how a kernel process lives, after jupyter_client's provisioners: the session above does not care
 * which. Today a child process, confined ({@link SandboxProvisioner}) or not ({@link LocalProvisioner}).
 */
public interface KernelProvisioner {
  /** Starts a kernel and returns once it is ready; KernelStartException (or a KernelException) otherwise. */
  KernelManager start(KernelSpec spec, KernelPlacement placement);

  /** Whether its kernels are confined, as the API says it: {@code "on"} or {@code "off"}. */
  String sandbox();
}
