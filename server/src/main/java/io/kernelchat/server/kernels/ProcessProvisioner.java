package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;

/**
 * A provisioner of kernel processes on this machine: each has a process group, recorded in the store so that the
 * next start kills what a server killed with -9 left behind, and can be started ahead of its conversation by the
 * {@link KernelPool}.
 */
public interface ProcessProvisioner extends KernelProvisioner {
  @Override
  KernelManager start(KernelSpec spec, KernelPlacement placement);
}
