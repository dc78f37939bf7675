package io.kernelchat.server.conversation;

import io.kernelchat.server.kernels.Kernels;
import io.kernelchat.server.kernels.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How conversations run: where they live, which Python, the kernelspec a new one gets, the limits, the pool of ready kernels and how
 * kernels are confined. {@code interruptGrace} is how long an interrupt has to be honoured before the
 * kernel is restarted instead.
 */
public record ConversationSettings(Path home, Optional<Path> python, String kernel, int maxKernels, Duration idleTimeout,
                                   Duration executionTimeout, Duration interruptGrace, long outputCapBytes,
                                   int replayEvents, long replayBytes, int kernelPool, SandboxSettings sandbox) {
  public static ConversationSettings defaults(Path home, Optional<Path> python) {
    return new ConversationSettings(home, python, Kernels.PYTHON, 8, Duration.ofHours(1), Duration.ofMinutes(10),
        Duration.ofSeconds(5), 10L * 1024 * 1024, 20_000, 32L * 1024 * 1024, 1, SandboxSettings.defaults());
  }

  public ConversationSettings withKernel(String value) {
    return new ConversationSettings(home, python, value, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox);
  }

  public ConversationSettings withMaxKernels(int value) {
    return new ConversationSettings(home, python, kernel, value, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox);
  }

  public ConversationSettings withIdleTimeout(Duration value) {
    return new ConversationSettings(home, python, kernel, maxKernels, value, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox);
  }

  public ConversationSettings withExecutionTimeout(Duration value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, value, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox);
  }

  public ConversationSettings withOutputCapBytes(long value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        value, replayEvents, replayBytes, kernelPool, sandbox);
  }

  public ConversationSettings withKernelPool(int value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, value, sandbox);
  }

  public ConversationSettings withSandbox(SandboxSettings value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, value);
  }

  Path workspaces() {
    return home.resolve("workspaces");
  }

  Path logs() {
    return home.resolve("logs");
  }
}
