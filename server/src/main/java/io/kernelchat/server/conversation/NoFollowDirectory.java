package io.kernelchat.server.conversation;

import io.kernelchat.server.store.OwnerOnly;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Set;

/**
 * An open directory whose entries are used by name relative to its handle (openat, fstatat, renameat, unlinkat),
 * one name at a time, and never through a symlink: a symlink at the name is an error or is removed itself, never
 * followed. A path that was checked and then opened again can lead elsewhere by the time it is opened (the
 * kernel can swap any entry of its workspace for a symlink at any moment); a handle cannot.
 */
final class NoFollowDirectory implements Closeable {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final SecureDirectoryStream<Path> handle;

  private NoFollowDirectory(SecureDirectoryStream<Path> handle) {
    this.handle = handle;
  }

  /**
   * Opens {@code dir} by path (kernelchat's own directories only: its last component is followed if a link).
   * Fails closed where Java cannot open relative to a handle (no SecureDirectoryStream, e.g. on Windows).
   */
  static NoFollowDirectory open(Path dir) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new NoFollowDirectory(secure);
    }
    stream.close();
    throw new ConversationException("unavailable:file_access", "this system cannot open files without following"
        + " symbolic links (Java has no SecureDirectoryStream here), so kernelchat does not touch workspace files");
  }

  /** The entry's own attributes (a symlink's, not its target's), or null when there is none. */
  BasicFileAttributes attributes(String name) throws IOException {
    try {
      return handle.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The subdirectory {@code name}; fails if it is a symlink or not a directory. */
  NoFollowDirectory directory(String name) throws IOException {
    return new NoFollowDirectory(handle.newDirectoryStream(Path.of(name), NOFOLLOW));
  }

  /** Opens the file {@code name} to read; fails if it is a symlink. */
  SeekableByteChannel read(String name) throws IOException {
    return handle.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, NOFOLLOW));
  }

  /** Creates the file {@code name}, readable by its owner alone; fails if anything (a symlink too) has the name. */
  SeekableByteChannel createNew(String name) throws IOException {
    return handle.newByteChannel(Path.of(name), Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, NOFOLLOW),
        OwnerOnly.fileAttributes());
  }

  /** Renames {@code name} to {@code newName} in {@code target}, replacing a file (or a symlink itself) there. */
  void move(String name, NoFollowDirectory target, String newName) throws IOException {
    handle.move(Path.of(name), target.handle, Path.of(newName));
  }

  /** Removes the entry {@code name}, not a directory; a symlink goes itself, its target stays. */
  void deleteFile(String name) throws IOException {
    handle.deleteFile(Path.of(name));
  }

  void deleteDirectory(String name) throws IOException {
    handle.deleteDirectory(Path.of(name));
  }

  /** The names of the entries, read as they are iterated (once). */
  Iterable<String> names() {
    Iterator<Path> entries = handle.iterator();
    return () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public String next() {
        return entries.next().getFileName().toString();
      }
    };
  }

  @Override
  public void close() throws IOException {
    handle.close();
  }
}
