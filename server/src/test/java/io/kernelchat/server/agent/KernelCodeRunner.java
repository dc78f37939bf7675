package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

  /** Runs the cell, then reports files that appeared, changed or vanished, by comparing listings. */
  @Override
  public ExecutionResult run(String code, CellListener listener) {
    Map<String, WorkspaceFileInfo> before = listing();
    ExecutionResult result = kernel.client().execute(code, ExecuteOptions.defaults(), listener);
    Map<String, WorkspaceFileInfo> after = listing();
    after.forEach((name, file) -> {
      WorkspaceFileInfo old = before.get(name);
      if (old == null || !old.equals(file)) {
        listener.onFileChange(new FileChange(old == null ? FileChange.Kind.CREATED : FileChange.Kind.MODIFIED,
            name, file.size(), workspace.resolve(name).toFile().lastModified()));
      }
    });
    before.keySet().stream().filter(name -> !after.containsKey(name))
        .forEach(name -> listener.onFileChange(new FileChange(FileChange.Kind.DELETED, name, 0, 0)));
    return result;
  }

  private Map<String, WorkspaceFileInfo> listing() {
    Map<String, WorkspaceFileInfo> files = new TreeMap<>();
    files().forEach(f -> files.put(f.name(), f));
    return files;
  }

  @Override
  public void interrupt() {
    kernel.interrupt();
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
