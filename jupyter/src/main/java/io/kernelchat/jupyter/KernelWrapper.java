package io.kernelchat.jupyter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a kernel inside something else, such as a sandbox with no network. For each launch the library makes
 * a private run directory on this machine (mode 0700) holding the kernel's connection file and its channels
 * as ZeroMQ ipc (Unix) sockets, which the client speaks ZeroMQ's wire protocol on itself. The wrapper
 * shows the run directory to the kernel at {@link #runDirectoryInside()} and returns the command to start.
 */
public interface KernelWrapper {
  /** Where the kernel sees its run directory, e.g. {@code /run/kernel}. */
  Path runDirectoryInside();

  /**
   * The command that runs {@code kernelArgv} (already naming the connection file as the kernel sees it)
   * with {@code runDirectory} visible, writable, at {@link #runDirectoryInside()}.
   */
  List<String> command(List<String> kernelArgv, Path runDirectory);

  /**
   * Why the launch's process ended, where the wrapper can tell (e.g. "out of memory: limit 4 GiB" when its
   * memory limit was hit); asked when it has exited, before {@link #cleanUp}. Empty when it cannot tell.
   */
  default Optional<String> whyExited(Path runDirectory) {
    return Optional.empty();
  }

  /** Called once the launch's processes are gone, before its run directory is deleted. */
  default void cleanUp(Path runDirectory) {}
}
