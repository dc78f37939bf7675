package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.server.kernels.Kernels;
import io.kernelchat.server.kernels.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How conversations run: where they live, which Python, the kernelspec a new one gets, the limits, the pool of
 * ready kernels, how kernels are confined, and whether the model's code waits for the person by default
 * ({@code approval}). {@code interruptGrace} is how long an interrupt has to be honoured before the
 * kernel is restarted instead. {@code gateway}, when present, is the Jupyter Server that runs every kernel and
 * holds every workspace ({@code --gateway-url}).
 */
public record ConversationSettings(Path home, Optional<Path> python, String kernel, int maxKernels, Duration idleTimeout,
                                   Duration executionTimeout, Duration interruptGrace, long outputCapBytes,
                                   int replayEvents, long replayBytes, int kernelPool, SandboxSettings sandbox,
                                   ApprovalMode approval, Optional<JupyterServerOptions> gateway) {
  public static ConversationSettings defaults(Path home, Optional<Path> python) {
    return new ConversationSettings(home, python, Kernels.PYTHON, 8, Duration.ofHours(1), Duration.ofMinutes(10),
        Duration.ofSeconds(5), 10L * 1024 * 1024, 20_000, 32L * 1024 * 1024, 1, SandboxSettings.defaults(),
        ApprovalMode.AUTO, Optional.empty());
  }

  public ConversationSettings withKernel(String value) {
    return new ConversationSettings(home, python, value, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, approval, gateway);
  }

  public ConversationSettings withMaxKernels(int value) {
    return new ConversationSettings(home, python, kernel, value, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, approval, gateway);
  }

  public ConversationSettings withIdleTimeout(Duration value) {
    return new ConversationSettings(home, python, kernel, maxKernels, value, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, approval, gateway);
  }

  public ConversationSettings withExecutionTimeout(Duration value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, value, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, approval, gateway);
  }

  public ConversationSettings withOutputCapBytes(long value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        value, replayEvents, replayBytes, kernelPool, sandbox, approval, gateway);
  }

  public ConversationSettings withKernelPool(int value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, value, sandbox, approval, gateway);
  }

  public ConversationSettings withSandbox(SandboxSettings value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, value, approval, gateway);
  }

  public ConversationSettings withApproval(ApprovalMode value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, value, gateway);
  }

  public ConversationSettings withGateway(Optional<JupyterServerOptions> value) {
    return new ConversationSettings(home, python, kernel, maxKernels, idleTimeout, executionTimeout, interruptGrace,
        outputCapBytes, replayEvents, replayBytes, kernelPool, sandbox, approval, value);
  }

  Path workspaces() {
    return home.resolve("workspaces");
  }

  Path logs() {
    return home.resolve("logs");
  }
}
