package io.kernelchat.server.conversation;

import io.kernelchat.server.store.OwnerOnly;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's workspace: the files its kernel sees in its working directory, which the person uploads,
 * lists and downloads. A directory of this machine ({@link LocalWorkspace}) or of a Jupyter Server's contents
 * ({@link ServerWorkspace}, with {@code --gateway-url}). Names are checked alike ({@link #checkName}).
 */
public interface WorkspaceFiles {
  /** The workspace as a directory of this machine; empty when it lives on a Jupyter Server. */
  Optional<Path> directory();

  /** Makes the workspace, if it is not there. */
  void create();

  /** Refuses, with bad_request:filename, a name that is not a file name inside the workspace. */
  default void checkName(String name) {
    WorkspaceNames.components(name);
  }

  /** Opens the regular file {@code name}; not_found:file if there is none, bad_request:filename for a bad name. */
  OpenFile open(String name);

  /**
   * Writes {@code content} to {@code name}, in place only once whole (a failed upload leaves nothing half-written);
   * missing directories are made.
   */
  FileInfo save(String name, Content content);

  /** Removes the regular file {@code name} and returns what it was. */
  FileInfo delete(String name);

  /** Regular files under the workspace, by name; kernelchat's own directory and caches left out. */
  List<FileInfo> list();

  /** Makes the new file {@code name} at the top, for a name kernelchat chose (a cell's overflow); fails if it is there. */
  OutputStream createNew(String name) throws IOException;

  /** Removes what {@link #createNew} made. */
  void deleteMade(String name) throws IOException;

  /** Removes the whole workspace (the conversation was deleted). */
  void deleteAll();

  /** A regular file of the workspace, open for reading: read it from here, never again by name. */
  record OpenFile(String fileName, long size, SeekableByteChannel channel) implements Closeable {
    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** The bytes of a new file. */
  final class Content {
    private final InputStream stream;
    private final Path file;

    private Content(InputStream stream, Path file) {
      this.stream = stream;
      this.file = file;
    }

    /** Copied from {@code in}, which stays open. */
    public static Content of(InputStream in) {
      return new Content(in, null);
    }

    /** A file of kernelchat's own outside the workspace (a spooled upload): renamed into it, copied from another disk. */
    public static Content movedFrom(Path file) {
      return new Content(null, file);
    }

    /** The bytes as a stream, for a workspace elsewhere; close it (a stream given to {@link #of} stays open). */
    InputStream open() throws IOException {
      if (file != null) {
        return Files.newInputStream(file);
      }
      return new java.io.FilterInputStream(stream) {
        @Override
        public void close() {
          // the caller's to close
        }
      };
    }

    void writeTo(NoFollowDirectory dir, String name) throws IOException {
      if (file == null) {
        copy(stream, dir, name);
        return;
      }
      OwnerOnly.tighten(file);   // a part Jetty kept in memory was written out with the umask's permissions
      try (NoFollowDirectory from = NoFollowDirectory.open(file.getParent())) {
        from.move(file.getFileName().toString(), dir, name);
      } catch (AtomicMoveNotSupportedException e) {
        try (InputStream in = Files.newInputStream(file)) {
          copy(in, dir, name);
        }
      }
    }

    private static void copy(InputStream in, NoFollowDirectory dir, String name) throws IOException {
      try (OutputStream out = Channels.newOutputStream(dir.createNew(name))) {
        in.transferTo(out);
      }
    }
  }
}
