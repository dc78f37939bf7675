package io.kernelchat.server.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A conversation's workspace directory, the kernel's working directory. Every name that comes from a user
 * or a URL goes through {@link #resolve}, which keeps it inside the directory: no absolute paths, no
 * {@code ..}, no backslashes or NUL, and no symlink (the kernel can make them) that leads outside.
 */
public final class WorkspaceFiles {
  /** Kernelchat's own files in the workspace (partial uploads); hidden from listings. */
  static final String PRIVATE_DIR = ".kernelchat";
  private static final int MAX_LISTED = 10_000;
  private final Path root;

  public WorkspaceFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  void create() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the workspace " + root, e);
    }
  }

  /** The path of an existing or future file named {@code name}, or bad_request:filename. */
  public Path resolve(String name) {
    if (name == null || name.isBlank() || name.length() > 1024 || name.indexOf('\0') >= 0 || name.contains("\\")
        || name.startsWith("/")) {
      throw invalid(name);
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(PRIVATE_DIR)) {
        throw invalid(name);
      }
    }
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw invalid(name);
    }
    try {
      Path realRoot = root.toRealPath();
      Path existing = path;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing != null && Files.exists(existing) && !existing.toRealPath().startsWith(realRoot)) {
        throw invalid(name);
      }
      if (existing != null && !Files.exists(existing)) {
        throw invalid(name);   // a dangling symlink: where it points is unknown
      }
    } catch (IOException e) {
      throw invalid(name);
    }
    return path;
  }

  /** An existing regular file, or not_found:file. */
  public Path existingFile(String name) {
    Path path = resolve(name);
    if (!Files.isRegularFile(path)) {
      throw ConversationException.notFound("file", "no file named " + name + " in this conversation");
    }
    return path;
  }

  /** Writes a new file's bytes to the path it is given (which does not exist yet). */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path path) throws IOException;

    static Content of(InputStream in) {
      return path -> Files.copy(in, path);
    }
  }

  /**
   * Writes {@code content} to {@code name} through a temporary file in the workspace, so a failed upload
   * leaves nothing half-written (and a spooled upload on the same disk is moved, not copied).
   */
  public FileInfo save(String name, Content content) {
    Path target = resolve(name);
    try {
      Path partial = Files.createDirectories(root.resolve(PRIVATE_DIR)).resolve("upload-" + System.nanoTime());
      try {
        content.writeTo(partial);
        Files.createDirectories(target.getParent());
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return info(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + name + ": " + e.getMessage(), e);
    }
  }

  public void delete(String name) {
    Path path = existingFile(name);
    try {
      Files.delete(path);
    } catch (NoSuchFileException e) {
      throw ConversationException.notFound("file", "no file named " + name + " in this conversation");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + name + ": " + e.getMessage(), e);
    }
  }

  /** Regular files under the workspace, by name; symlinks and kernelchat's own directory are left out. */
  public List<FileInfo> list() {
    List<FileInfo> files = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName().toString();
          return dir.equals(root) || !(n.equals(PRIVATE_DIR) || n.equals(".ipynb_checkpoints") || n.equals("__pycache__"))
              ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            files.add(new FileInfo(root.relativize(file).toString(), attrs.size(), attrs.lastModifiedTime().toMillis()));
          }
          return files.size() >= MAX_LISTED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;   // vanished while walking, or unreadable: not listed
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the workspace: " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(FileInfo::name));
    return files;
  }

  /** Removes the whole workspace (the conversation was deleted). */
  void deleteAll() {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the workspace " + root + ": " + e.getMessage(), e);
    }
  }

  private FileInfo info(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileInfo(root.relativize(file).toString(), a.size(), a.lastModifiedTime().toMillis());
  }

  private static ConversationException invalid(String name) {
    return ConversationException.badRequest("filename",
        "not a file name inside the workspace: " + (name == null ? "(none)" : name.replace("\0", "\\0")));
  }
}
