package io.kernelchat.server.conversation;

import io.kernelchat.server.store.OwnerOnly;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation's workspace as a directory of this machine, the local kernel's working directory. A name that comes from a user or a URL is
 * checked (no absolute paths, no {@code ..}, no backslashes or NUL, not kernelchat's own directory), then used one
 * component at a time from a handle on the workspace ({@link NoFollowDirectory}), so what was looked at is what is
 * opened: the kernel can make symlinks and swap them in at any moment, and a symlink anywhere on the way fails the
 * operation instead of being followed. The workspace's own path is kernelchat's and is trusted.
 */
public final class LocalWorkspace implements WorkspaceFiles {
  private final Path root;
  /** Held while a missing directory is made: two uploads must not both make one (the second would replace it). */
  private final Object makingDirectories = new Object();

  public LocalWorkspace(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<Path> directory() {
    return Optional.of(root);
  }

  /** Makes the workspace, or makes it private to its owner if an older version made it. */
  @Override
  public void create() {
    try {
      OwnerOnly.directories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the workspace " + root, e);
    }
  }

  /** Opens the regular file {@code name}; not_found:file if there is none, bad_request:filename for a symlink. */
  @Override
  public OpenFile open(String name) {
    List<String> parts = WorkspaceNames.components(name);
    String file = parts.get(parts.size() - 1);
    try (NoFollowDirectory top = NoFollowDirectory.open(root); NoFollowDirectory dir = walk(top, parts, name, false)) {
      requireFile(dir.attributes(file), name);
      SeekableByteChannel channel = dir.read(file);
      try {
        return new OpenFile(file, channel.size(), channel);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw WorkspaceNames.notFound(name);   // gone, or swapped for a symlink, since it was looked at
    }
  }

  /**
   * Writes {@code content} to {@code name} through a partial file in kernelchat's own directory of the workspace,
   * renamed into place when whole, so a failed upload leaves nothing half-written. Missing directories are made;
   * a symlink on the way, or anything but a regular file at the name, is bad_request:filename.
   */
  @Override
  public FileInfo save(String name, Content content) {
    List<String> parts = WorkspaceNames.components(name);
    String file = parts.get(parts.size() - 1);
    try (NoFollowDirectory top = NoFollowDirectory.open(root);
         NoFollowDirectory partials = directoryMadeIfMissing(top, top, WorkspaceNames.PRIVATE_DIR, WorkspaceNames.PRIVATE_DIR);
         NoFollowDirectory dir = walk(top, parts, name, true)) {
      BasicFileAttributes there = dir.attributes(file);
      if (there != null && !there.isRegularFile()) {
        throw WorkspaceNames.invalid(name);
      }
      String partial = "upload-" + UUID.randomUUID();
      BasicFileAttributes written;
      try {
        content.writeTo(partials, partial);
        written = partials.attributes(partial);
        partials.move(partial, dir, file);   // a file or symlink swapped in meanwhile is replaced, never written through
      } catch (IOException | RuntimeException e) {
        try {
          partials.deleteFile(partial);
        } catch (NoSuchFileException notMade) {
          // failed before it was made
        } catch (IOException left) {
          e.addSuppressed(left);
        }
        throw e;
      }
      return info(name, written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + name + ": " + e.getMessage(), e);
    }
  }

  /** Removes the regular file {@code name} and returns what it was; a symlink is bad_request:filename. */
  @Override
  public FileInfo delete(String name) {
    List<String> parts = WorkspaceNames.components(name);
    String file = parts.get(parts.size() - 1);
    try (NoFollowDirectory top = NoFollowDirectory.open(root); NoFollowDirectory dir = walk(top, parts, name, false)) {
      BasicFileAttributes gone = dir.attributes(file);
      requireFile(gone, name);
      dir.deleteFile(file);   // a symlink swapped in since the look goes itself; its target stays
      return info(name, gone);
    } catch (NoSuchFileException e) {
      throw WorkspaceNames.notFound(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + name + ": " + e.getMessage(), e);
    }
  }

  /** Regular files under the workspace, by name; symlinks and kernelchat's own directory are left out. */
  @Override
  public List<FileInfo> list() {
    List<FileInfo> files = new ArrayList<>();
    try (NoFollowDirectory top = NoFollowDirectory.open(root)) {
      collect(top, "", files);
    } catch (NoSuchFileException e) {
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the workspace: " + e.getMessage(), e);
    } catch (DirectoryIteratorException e) {
      throw new UncheckedIOException("cannot list the workspace: " + e.getCause().getMessage(), e.getCause());
    }
    files.sort(Comparator.comparing(FileInfo::name));
    return files;
  }

  private static void collect(NoFollowDirectory dir, String prefix, List<FileInfo> files) throws IOException {
    for (String entry : dir.names()) {
      if (files.size() >= WorkspaceNames.MAX_LISTED) {
        return;
      }
      BasicFileAttributes a = dir.attributes(entry);
      if (a != null && a.isRegularFile()) {
        files.add(new FileInfo(prefix + entry, a.size(), a.lastModifiedTime().toMillis()));
      } else if (a != null && a.isDirectory() && !WorkspaceNames.NOT_LISTED.contains(entry)) {
        NoFollowDirectory sub;
        try {
          sub = dir.directory(entry);
        } catch (IOException e) {
          continue;   // vanished, swapped for a symlink or unreadable: not listed
        }
        try (sub) {
          collect(sub, prefix + entry + "/", files);
        }
      }
    }
  }

  /**
   * Makes the new file {@code name} at the top of the workspace, for a name kernelchat chose (a cell's overflow);
   * fails if anything, a symlink too, has the name.
   */
  @Override
  public OutputStream createNew(String name) throws IOException {
    try (NoFollowDirectory top = NoFollowDirectory.open(root)) {
      return Channels.newOutputStream(top.createNew(name));
    }
  }

  /** Removes what {@link #createNew} made: the name itself, whatever it has become since. */
  @Override
  public void deleteMade(String name) throws IOException {
    try (NoFollowDirectory top = NoFollowDirectory.open(root)) {
      top.deleteFile(name);
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  /** Removes the whole workspace (the conversation was deleted); symlinks in it go, never what they point to. */
  @Override
  public void deleteAll() {
    try {
      try (NoFollowDirectory top = NoFollowDirectory.open(root)) {
        empty(top);
      }
      Files.delete(root);
    } catch (NoSuchFileException e) {
      // never made, or gone already
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the workspace " + root + ": " + e.getMessage(), e);
    }
  }

  private static void empty(NoFollowDirectory dir) throws IOException {
    List<String> entries = new ArrayList<>();
    dir.names().forEach(entries::add);
    for (String entry : entries) {
      BasicFileAttributes a = dir.attributes(entry);
      if (a != null && a.isDirectory()) {
        try (NoFollowDirectory sub = dir.directory(entry)) {
          empty(sub);
        }
        dir.deleteDirectory(entry);
      } else if (a != null) {
        dir.deleteFile(entry);
      }
    }
  }

  /**
   * The directory that holds the last of {@code parts}, reached from {@code top} through the others, as a handle
   * of its own. A symlink on the way is bad_request:filename; a missing directory is made when {@code make}, else
   * not_found:file, as is a file where a directory should be.
   */
  private NoFollowDirectory walk(NoFollowDirectory top, List<String> parts, String name, boolean make)
      throws IOException {
    NoFollowDirectory at = top.directory(".");
    for (String part : parts.subList(0, parts.size() - 1)) {
      try (NoFollowDirectory up = at) {
        at = make ? directoryMadeIfMissing(top, up, part, name) : subdirectory(up, part, name);
      }
    }
    return at;
  }

  private static NoFollowDirectory subdirectory(NoFollowDirectory dir, String part, String name) throws IOException {
    BasicFileAttributes a = dir.attributes(part);
    if (a != null && a.isSymbolicLink()) {
      throw WorkspaceNames.invalid(name);
    }
    if (a == null || !a.isDirectory()) {
      throw WorkspaceNames.notFound(name);
    }
    try {
      return dir.directory(part);
    } catch (IOException e) {
      throw WorkspaceNames.notFound(name);   // swapped since the look
    }
  }

  /**
   * The subdirectory {@code part} of {@code dir}, made if missing. Java cannot make a directory relative to a handle,
   * so it is made at the top of the workspace, whose path is kernelchat's own, and renamed into {@code dir}.
   */
  private NoFollowDirectory directoryMadeIfMissing(NoFollowDirectory top, NoFollowDirectory dir, String part,
                                                   String name) throws IOException {
    synchronized (makingDirectories) {
      BasicFileAttributes a = dir.attributes(part);
      if (a == null) {
        Path made = Files.createDirectory(root.resolve(WorkspaceNames.PRIVATE_DIR + "-" + UUID.randomUUID()),
            OwnerOnly.directoryAttributes());
        try {
          top.move(made.getFileName().toString(), dir, part);
        } catch (IOException e) {
          Files.deleteIfExists(made);
          throw e;
        }
      } else if (!a.isDirectory()) {
        throw WorkspaceNames.invalid(name);
      }
      try {
        return dir.directory(part);
      } catch (IOException e) {
        throw WorkspaceNames.invalid(name);   // swapped since the look
      }
    }
  }

  private static void requireFile(BasicFileAttributes a, String name) {
    if (a != null && a.isSymbolicLink()) {
      throw WorkspaceNames.invalid(name);
    }
    if (a == null || !a.isRegularFile()) {
      throw WorkspaceNames.notFound(name);
    }
  }

  private static FileInfo info(String name, BasicFileAttributes a) {
    return new FileInfo(name, a.size(), a.lastModifiedTime().toMillis());
  }
}
