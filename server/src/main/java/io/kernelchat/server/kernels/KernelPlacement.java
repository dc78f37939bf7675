package io.kernelchat.server.kernels;

import java.nio.file.Path;
import java.util.Map;

/** Where one conversation's kernel runs: its workspace, its log, its environment, and whether it has a network. */
public record KernelPlacement(Path workspace, Path logFile, Map<String, String> environment, boolean network) {
  public KernelPlacement {
    environment = Map.copyOf(environment);
  }
}
