package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.Kernel;
import io.kernelchat.jupyter.KernelSpec;

/**
 * Where and how a kernel lives, after jupyter_client's provisioners: the session above does not care which. A
 * child process of this machine, confined ({@link SandboxProvisioner}) or not ({@link LocalProvisioner}), or a
 * kernel on a Jupyter Server ({@link RemoteProvisioner}).
 */
public interface KernelProvisioner {
  /** Starts a kernel and returns once it is ready; KernelStartException (or a KernelException) otherwise. */
  Kernel start(KernelSpec spec, KernelPlacement placement);

  /** Whether its kernels are confined, as the API says it: {@code "on"} or {@code "off"}. */
  String sandbox();
}
