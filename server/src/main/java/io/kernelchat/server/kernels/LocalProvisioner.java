package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import java.time.Duration;

/** Kernels as plain child processes with the user's full authority: {@code --sandbox off}, or no bubblewrap. */
public final class LocalProvisioner implements ProcessProvisioner {
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public KernelManager start(KernelSpec spec, KernelPlacement placement) {
    return KernelManager.start(spec, options(placement).build());
  }

  static KernelLaunchOptions.Builder options(KernelPlacement placement) {
    return KernelLaunchOptions.builder().workingDirectory(placement.workspace())
        .environment(placement.environment()).logFile(placement.logFile()).startupTimeout(STARTUP_TIMEOUT);
  }

  @Override
  public String sandbox() {
    return "off";
  }
}
