package io.kernelchat.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The kernelchat home is its user's alone: its transcripts, uploads and kernel logs are nobody else's business on a
 * shared machine. Directories kernelchat makes there are 0700 and files 0600, set when they are created (the umask
 * can only take permissions away); ones an older version made with the umask's permissions are tightened when they
 * are next used. On a file system without POSIX permissions this does nothing.
 */
public final class OwnerOnly {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** For creating a file: rw------- (none on a file system without POSIX permissions). */
  public static FileAttribute<?>[] fileAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** For creating a directory: rwx------. */
  public static FileAttribute<?>[] directoryAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)} : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code dir} and any missing parents, each 0700, and makes {@code dir} itself 0700 if it was there
   * already; parents that were there are left as they are.
   */
  public static Path directories(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directories(parent);
    }
    try {
      Files.createDirectory(dir, directoryAttributes());
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      restrict(dir, DIRECTORY);
    }
    return dir;
  }

  /** Creates {@code file} empty and 0600 if it is missing, else makes it 0600. */
  public static Path file(Path file) throws IOException {
    try {
      Files.createFile(file, fileAttributes());
    } catch (FileAlreadyExistsException e) {
      restrict(file, FILE);
    }
    return file;
  }

  /** Makes the existing {@code file} 0600. */
  public static void tighten(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (POSIX && !Files.getPosixFilePermissions(path).equals(permissions)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }
}
