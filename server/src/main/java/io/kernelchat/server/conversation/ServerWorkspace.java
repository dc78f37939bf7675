package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerException;
import io.kernelchat.jupyter.RemoteFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A conversation's workspace as a directory of a Jupyter Server's contents ({@code --gateway-url}), the working
 * directory of its kernel there. Files go up through the contents API in pieces and come down as a stream, so none
 * is held whole here. Names are kernelchat's ({@link WorkspaceNames}); the server's own rules apply on top: it
 * hides dot-files unless told to allow them, and what its contents manager does with a symlink is its own.
 */
final class ServerWorkspace implements WorkspaceFiles {
  /** The partial name {@link JupyterServer#upload} writes under until a file is whole: not a file of the person's. */
  private static final String PARTIAL_UPLOAD = "kernelchat-upload-";
  private final JupyterServer server;
  private final String root;

  ServerWorkspace(JupyterServer server, String root) {
    this.server = server;
    this.root = root;
  }

  @Override
  public Optional<Path> directory() {
    return Optional.empty();
  }

  @Override
  public void create() {
    server.makeDirectories(root);
  }

  @Override
  public OpenFile open(String name) {
    List<String> parts = WorkspaceNames.components(name);
    RemoteFile file = server.stat(path(name)).filter(f -> !f.directory())
        .orElseThrow(() -> WorkspaceNames.notFound(name));
    return new OpenFile(parts.get(parts.size() - 1), file.size(), new ContentsChannel(server, file.path(),
        file.size()));
  }

  @Override
  public FileInfo save(String name, Content content) {
    List<String> parts = WorkspaceNames.components(name);
    String path = path(name);
    if (parts.size() > 1) {
      server.makeDirectories(path.substring(0, path.lastIndexOf('/')));
    }
    if (server.stat(path).filter(RemoteFile::directory).isPresent()) {
      throw WorkspaceNames.invalid(name);
    }
    try (InputStream in = content.open()) {
      return info(name, server.upload(path, in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public FileInfo delete(String name) {
    WorkspaceNames.components(name);
    RemoteFile file = server.stat(path(name)).filter(f -> !f.directory())
        .orElseThrow(() -> WorkspaceNames.notFound(name));
    server.deleteFile(file.path());
    return info(name, file);
  }

  @Override
  public List<FileInfo> list() {
    List<FileInfo> files = new ArrayList<>();
    try {
      collect(root, "", files);
    } catch (JupyterServerException e) {
      if (e.status() != 404) {
        throw e;
      }
      // not made yet: nothing in it
    }
    files.sort(Comparator.comparing(FileInfo::name));
    return files;
  }

  private void collect(String directory, String prefix, List<FileInfo> files) {
    for (RemoteFile entry : server.list(directory)) {
      if (files.size() >= WorkspaceNames.MAX_LISTED) {
        return;
      }
      if (!entry.directory() && !entry.name().startsWith(PARTIAL_UPLOAD)) {
        files.add(info(prefix + entry.name(), entry));
      } else if (entry.directory() && !WorkspaceNames.NOT_LISTED.contains(entry.name())) {
        collect(entry.path(), prefix + entry.name() + "/", files);
      }
    }
  }

  /** Uploaded from another thread as it is written; {@code close} returns once the file is whole on the server. */
  @Override
  public OutputStream createNew(String name) throws IOException {
    String path = path(name);
    if (server.stat(path).isPresent()) {
      throw new FileAlreadyExistsException(name);
    }
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(in);
    CompletableFuture<RemoteFile> uploaded = new CompletableFuture<>();
    Thread upload = new Thread(() -> {
      try (in) {
        uploaded.complete(server.upload(path, in));
      } catch (IOException | RuntimeException e) {
        uploaded.completeExceptionally(e);
      }
    }, "workspace-upload");
    upload.setDaemon(true);
    upload.start();
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.close();
        try {
          uploaded.get();
        } catch (ExecutionException e) {
          throw new IOException("cannot write " + name + " on the Jupyter Server: " + e.getCause().getMessage(),
              e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing " + name, e);
        }
      }
    };
  }

  @Override
  public void deleteMade(String name) {
    server.deleteFile(path(name));
  }

  @Override
  public void deleteAll() {
    try {
      empty(root);
      server.deleteFile(root);
    } catch (JupyterServerException e) {
      if (e.status() != 404) {
        throw e;
      }
      // never made, or gone already
    }
  }

  /** File by file: a Jupyter Server refuses to delete a directory that is not empty unless it sends it to a trash. */
  private void empty(String directory) {
    for (RemoteFile entry : server.list(directory)) {
      if (entry.directory()) {
        empty(entry.path());
      }
      server.deleteFile(entry.path());
    }
  }

  private String path(String name) {
    return root + "/" + name;
  }

  private static FileInfo info(String name, RemoteFile file) {
    return new FileInfo(name, file.size(), file.modified());
  }
}
