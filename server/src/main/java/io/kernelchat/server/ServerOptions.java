package io.kernelchat.server;

import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.kernels.Kernels;
import io.kernelchat.server.kernels.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a start needs, after the command line, the environment and .env were merged. {@code modelEnvironment}
 * is the environment-style map the model settings are read from; it stays in the server and never reaches a kernel.
 * {@code gateway}, when present, is the Jupyter Server that runs every kernel instead of this machine ({@code --gateway-url}).
 */
public record ServerOptions(String host, int port, Path home, String token, boolean openBrowser,
                            List<String> allowedHosts, Optional<Path> python, int maxKernels, Duration idleTimeout,
                            Duration executionTimeout, long outputLimitBytes, long uploadLimitBytes,
                            Map<String, String> modelEnvironment, int kernelPool, SandboxSettings sandbox,
                            String kernel, ApprovalMode approval, Optional<JupyterServerOptions> gateway) {
  public ServerOptions {
    allowedHosts = List.copyOf(allowedHosts);
    modelEnvironment = Map.copyOf(modelEnvironment);
  }

  /** With the default pool (one ready kernel) and sandbox (on where bubblewrap works, no network, default limits). */
  public ServerOptions(String host, int port, Path home, String token, boolean openBrowser, List<String> allowedHosts,
                       Optional<Path> python, int maxKernels, Duration idleTimeout, Duration executionTimeout,
                       long outputLimitBytes, long uploadLimitBytes, Map<String, String> modelEnvironment) {
    this(host, port, home, token, openBrowser, allowedHosts, python, maxKernels, idleTimeout, executionTimeout,
        outputLimitBytes, uploadLimitBytes, modelEnvironment, 1, SandboxSettings.defaults());
  }

  /** With kernelchat's Python kernel for new conversations, whose model's code runs without asking ({@code --approval auto}). */
  public ServerOptions(String host, int port, Path home, String token, boolean openBrowser, List<String> allowedHosts,
                       Optional<Path> python, int maxKernels, Duration idleTimeout, Duration executionTimeout,
                       long outputLimitBytes, long uploadLimitBytes, Map<String, String> modelEnvironment,
                       int kernelPool, SandboxSettings sandbox) {
    this(host, port, home, token, openBrowser, allowedHosts, python, maxKernels, idleTimeout, executionTimeout,
        outputLimitBytes, uploadLimitBytes, modelEnvironment, kernelPool, sandbox, Kernels.PYTHON,
        ApprovalMode.AUTO);
  }

  /** With kernels on this machine, not on a gateway. */
  public ServerOptions(String host, int port, Path home, String token, boolean openBrowser, List<String> allowedHosts,
                       Optional<Path> python, int maxKernels, Duration idleTimeout, Duration executionTimeout,
                       long outputLimitBytes, long uploadLimitBytes, Map<String, String> modelEnvironment,
                       int kernelPool, SandboxSettings sandbox, String kernel, ApprovalMode approval) {
    this(host, port, home, token, openBrowser, allowedHosts, python, maxKernels, idleTimeout, executionTimeout,
        outputLimitBytes, uploadLimitBytes, modelEnvironment, kernelPool, sandbox, kernel, approval, Optional.empty());
  }
}
