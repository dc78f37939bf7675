package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelWrapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one launch of a kernel listens and where its client connects, and the files that takes; closed when
 * that process is gone. Loopback TCP for a kernel started directly; ipc sockets in a private run directory
 * for a wrapped one.
 */
public interface LaunchEndpoints extends AutoCloseable {
  /** Where the client connects. */
  ConnectionInfo clientInfo();

  /** The command to start, given the kernelspec's argv with its placeholders not yet filled in. */
  List<String> command(List<String> specArgv);

  /** Why the kernel's process ended, as its wrapper tells; empty when unwrapped or it cannot tell. */
  default Optional<String> whyExited() {
    return Optional.empty();
  }

  /** Deletes the connection file (and run directory). */
  @Override
  void close();

  /** A connection file in {@code dir} naming fresh loopback ports, which the kernel binds itself. */
  static LaunchEndpoints loopback(String kernelName, Path dir) throws IOException {
    ConnectionInfo info = ConnectionInfo.fresh(kernelName);
    Path file = info.writeTo(dir);
    return new LaunchEndpoints() {
      @Override
      public ConnectionInfo clientInfo() {
        return info;
      }

      @Override
      public List<String> command(List<String> specArgv) {
        return fill(specArgv, file);
      }

      @Override
      public void close() {
        deleteQuietly(file);
      }
    };
  }

  /**
   * A private run directory under {@code parent} for the kernel's ipc sockets, which the client speaks to
   * directly ({@link ZmtpChannels}): a kernel with no network of its own can still reach them.
   */
  static LaunchEndpoints unixSockets(String kernelName, Path parent, KernelWrapper wrapper) throws IOException {
    Path runDir = Files.createTempDirectory(parent, "kernel-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    ConnectionInfo info = ConnectionInfo.unixSockets(runDir.resolve("kernel"), kernelName);
    try {
      info.writeIpcFile(runDir.resolve("connection.json"), wrapper.runDirectoryInside().resolve("kernel").toString());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(runDir);
      throw e;
    }
    return new LaunchEndpoints() {
      @Override
      public ConnectionInfo clientInfo() {
        return info;
      }

      @Override
      public List<String> command(List<String> specArgv) {
        return wrapper.command(fill(specArgv, wrapper.runDirectoryInside().resolve("connection.json")), runDir);
      }

      @Override
      public Optional<String> whyExited() {
        return wrapper.whyExited(runDir);
      }

      @Override
      public void close() {
        wrapper.cleanUp(runDir);
        deleteQuietly(runDir);
      }
    };
  }

  private static List<String> fill(List<String> specArgv, Path connectionFile) {
    return specArgv.stream().map(arg -> arg.replace("{connection_file}", connectionFile.toString())).toList();
  }

  private static void deleteQuietly(Path path) {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left behind in the temporary directory: it holds no secret once the kernel is gone.
    }
  }
}
