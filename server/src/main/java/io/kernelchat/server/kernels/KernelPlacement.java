package io.kernelchat.server.kernels;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where one conversation's kernel runs: its workspace, its log, its environment, and whether it has a network.
 * {@code serverDirectory} is the workspace as a directory of a Jupyter Server's contents, where a remote kernel
 * starts; empty for a kernel of this machine.
 */
public record KernelPlacement(Path workspace, Path logFile, Map<String, String> environment, boolean network,
                              String serverDirectory) {
  public KernelPlacement {
    environment = Map.copyOf(environment);
  }

  /** For a kernel of this machine. */
  public KernelPlacement(Path workspace, Path logFile, Map<String, String> environment, boolean network) {
    this(workspace, logFile, environment, network, "");
  }
}
