package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A ready kernel that no conversation has yet, with the directory it runs in (a sandboxed kernel sees it as
 * /workspace) and its log. A conversation adopts it by making that directory its workspace: the workspace's
 * files move in, then the directory is renamed over the (now empty) workspace in one step. The kernel's
 * working directory and a sandbox's bind mount follow the directory, not its name, so the kernel ends up in
 * the workspace without knowing it.
 */
record PooledKernel(KernelManager manager, Path directory, Path logFile) {
  private static final int ATTEMPTS = 3;

  /**
   * Makes {@link #directory} the workspace and the log the conversation's; false (nothing lost, the pool
   * kernel to be stopped) when the workspace kept changing under it.
   */
  boolean adoptInto(Path workspace, Path conversationLog) {
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        moveEntries(workspace, directory);
        try {
          // rename(2) replaces an empty directory atomically: the workspace's path never goes missing.
          Files.move(directory, workspace, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          Files.move(logFile, conversationLog, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          return true;
        } catch (java.nio.file.DirectoryNotEmptyException e) {
          // An upload landed in between: move it too and try again.
        }
      }
      moveEntries(directory, workspace);
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static void moveEntries(Path from, Path to) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
      for (Path entry : entries) {
        Files.move(entry, to.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }
}
