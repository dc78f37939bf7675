/**
 * A standalone client for the Jupyter messaging protocol (5.3): finds kernelspecs, launches kernels in
 * their own process group, runs code and streams typed outputs, interrupts, restarts and shuts down.
 *
 * <pre>{@code
 * KernelSpec spec = KernelSpecs.discover().python(Optional.empty());
 * try (KernelManager kernel = KernelManager.start(spec, KernelLaunchOptions.defaults())) {
 *   ExecutionResult result = kernel.client().execute("print(1 + 1)", ExecuteOptions.defaults(),
 *       new ExecutionListener() {
 *         public void onOutput(Output output) { System.out.println(output); }
 *       });
 * }
 * }</pre>
 *
 * <p>Everything under {@code io.kernelchat.jupyter.internal} is implementation: launcher
 * ({@code KernelProcess}), channels and heartbeat, session (wire format and signing).
 */
package io.kernelchat.jupyter;
