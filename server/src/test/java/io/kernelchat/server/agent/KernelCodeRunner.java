package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A CodeRunner over a real ipykernel in a temporary workspace ($KERNELCHAT_PYTHON, else discovered). */
final class KernelCodeRunner implements CodeRunner, AutoCloseable {
  private final Path workspace;
  private final KernelManager kernel;

  KernelCodeRunner() throws IOException {
    workspace = Files.createTempDirectory("kernelchat-agent-test");
    String python = System.getenv("KERNELCHAT_PYTHON");
    kernel = KernelManager.start(
        KernelSpecs.discover().python(Optional.ofNullable(python).filter(p -> !p.isBlank()).map(Path::of)),
        KernelLaunchOptions.builder().workingDirectory(workspace).build());
  }

  Path workspace() {
    return workspace;
  }

  @Override
  public ExecutionResult run(String code, ExecutionListener listener) {
    // Cells run one at a time, as in the server: stop-on-error would abort the one sent right after an error.
    return kernel.client().execute(code, ExecuteOptions.defaults().withStopOnError(false), listener);
  }

  @Override
  public void interrupt() {
    kernel.interrupt();
  }

  @Override
  public KernelLanguage language() {
    return KernelLanguage.PYTHON;
  }

  @Override
  public List<WorkspaceFileInfo> files() {
    try (Stream<Path> files = Files.list(workspace)) {
      return files.filter(Files::isRegularFile).sorted()
          .map(f -> new WorkspaceFileInfo(f.getFileName().toString(), f.toFile().length())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    kernel.close();
    try (Stream<Path> files = Files.walk(workspace)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
