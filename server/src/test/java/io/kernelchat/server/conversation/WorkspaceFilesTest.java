package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kernelchat.server.testing.SymlinkSwapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  private static final int READS = 400;
  private static final String PUBLIC = "workspace bytes";
  private static final String SECRET = "SECRET bytes from outside the workspace";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "a\\..\\x", "nul\0x", "", "a//b", ".", "./x",
      "../ws-10/secret", ".kernelchat/upload-1"})
  void namesThatWouldLeaveTheWorkspaceAreRefused(String name) {
    LocalWorkspace files = workspace("ws-1");
    assertThatThrownBy(() -> files.checkName(name)).satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
  }

  @Test
  void aSymlinkTheKernelMadeToOutsideCannotBeReadOrWrittenThrough() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(files.root().resolve("link.txt"), outside);
    Files.createSymbolicLink(files.root().resolve("linkdir"), dir);

    assertThatThrownBy(() -> files.open("link.txt")).satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    assertThatThrownBy(() -> files.open("linkdir/secret.txt"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    for (String name : new String[] {"link.txt", "linkdir/secret.txt", "linkdir/evil.txt"}) {
      assertThatThrownBy(() -> files.save(name, WorkspaceFiles.Content.of(stream("x")))).as(name)
          .satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    }
    assertThat(files.list()).isEmpty();
    assertThat(Files.readString(outside)).isEqualTo("secret");
    assertThat(dir.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void aSymlinkInsideTheWorkspaceIsNotFollowedEither() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    files.save("data/real.txt", WorkspaceFiles.Content.of(stream(PUBLIC)));
    Files.createSymbolicLink(files.root().resolve("alias.txt"), files.root().resolve("data/real.txt"));
    Files.createSymbolicLink(files.root().resolve("alias"), files.root().resolve("data"));
    assertThatThrownBy(() -> files.open("alias.txt")).satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    assertThatThrownBy(() -> files.open("alias/real.txt"))
        .satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
  }

  @Test
  void readsRacingAThreadThatSwapsTheFileForASymlinkToOutsideNeverReturnTheSecret() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    Path file = Files.writeString(files.root().resolve("a.txt"), PUBLIC);
    Map<String, Integer> outcomes;
    try (SymlinkSwapper swapper = SymlinkSwapper.start(file, secret)) {
      outcomes = read(files, "a.txt", swapper);
    }
    assertThat(outcomes.keySet()).as("outcomes of %s reads: %s", READS, outcomes)
        .isSubsetOf(PUBLIC, "bad_request:filename", "not_found:file");
  }

  @Test
  void readsThroughADirectorySwappedForASymlinkToOutsideNeverReturnTheSecret() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("a.txt"), SECRET);
    files.save("sub/a.txt", WorkspaceFiles.Content.of(stream(PUBLIC)));
    Map<String, Integer> outcomes;
    try (SymlinkSwapper swapper = SymlinkSwapper.start(files.root().resolve("sub"), outside)) {
      outcomes = read(files, "sub/a.txt", swapper);
    }
    assertThat(outcomes.keySet()).as("outcomes of %s reads: %s", READS, outcomes)
        .isSubsetOf(PUBLIC, "bad_request:filename", "not_found:file");
  }

  @Test
  void deletesThroughADirectorySwappedForASymlinkNeverDeleteTheTarget() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("a.txt"), SECRET);
    files.save("sub/a.txt", WorkspaceFiles.Content.of(stream(PUBLIC)));
    Map<String, Integer> outcomes = new TreeMap<>();
    try (SymlinkSwapper swapper = SymlinkSwapper.start(files.root().resolve("sub"), outside)) {
      for (int i = 0; i < READS; i++) {
        outcomes.merge(outcome(() -> files.delete("sub/a.txt").name()), 1, Integer::sum);
      }
    }
    assertThat(outcomes.keySet()).as("outcomes of %s deletes: %s", READS, outcomes)
        .isSubsetOf("sub/a.txt", "bad_request:filename", "not_found:file");
    assertThat(Files.readString(secret)).isEqualTo(SECRET);
  }

  @Test
  void aSymlinkIsDeletedNeitherThroughNorAsItself() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    Path link = Files.createSymbolicLink(files.root().resolve("link.txt"), secret);
    Files.createSymbolicLink(files.root().resolve("linkdir"), dir);
    for (String name : new String[] {"link.txt", "linkdir/secret.txt"}) {
      assertThatThrownBy(() -> files.delete(name)).as(name)
          .satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    }
    assertThat(secret).hasContent(SECRET);
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void anUploadDoesNotGoThroughKernelchatsOwnDirectoryWhenTheKernelReplacedItWithASymlink() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(files.root().resolve(WorkspaceNames.PRIVATE_DIR), outside);
    assertThatThrownBy(() -> files.save("a.txt", WorkspaceFiles.Content.of(stream(PUBLIC))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
    try (var written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void anUploadMovesAFileOfKernelchatsOwnIntoPlaceAndMakesItPrivate() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path spooled = Files.writeString(Files.createDirectories(dir.resolve("spool")).resolve("part-1"), PUBLIC);
    FileInfo saved = files.save("in/up.txt", WorkspaceFiles.Content.movedFrom(spooled));
    assertThat(saved.size()).isEqualTo(PUBLIC.length());
    assertThat(spooled).doesNotExist();
    assertThat(files.root().resolve("in/up.txt")).hasContent(PUBLIC);
    assertThat(Files.getPosixFilePermissions(files.root().resolve("in/up.txt"))).isEqualTo(OWNER_ONLY_FILE);
    assertThat(Files.getPosixFilePermissions(files.root().resolve("in"))).isEqualTo(OWNER_ONLY_DIRECTORY);
    try (var partials = Files.list(files.root().resolve(WorkspaceNames.PRIVATE_DIR))) {
      assertThat(partials).isEmpty();
    }
  }

  @Test
  void aSiblingDirectorySharingThePrefixIsOutside() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path sibling = Files.createDirectories(dir.resolve("ws-10"));
    Files.writeString(sibling.resolve("x"), SECRET);
    Files.createSymbolicLink(files.root().resolve("s"), sibling);
    assertThatThrownBy(() -> files.open("s/x")).satisfies(e -> assertThat(code(e)).isEqualTo("bad_request:filename"));
  }

  @Test
  void savedFilesAreListedWithSizeAndCanBeDeleted() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    FileInfo saved = files.save("data/sales.csv", WorkspaceFiles.Content.of(stream("a,b\n1,2\n")));
    assertThat(saved.name()).isEqualTo("data/sales.csv");
    assertThat(saved.size()).isEqualTo(8);
    assertThat(files.list()).extracting(FileInfo::name).containsExactly("data/sales.csv");
    assertThat(files.delete("data/sales.csv")).isEqualTo(saved);
    assertThat(files.list()).isEmpty();
    assertThatThrownBy(() -> files.delete("data/sales.csv")).satisfies(e -> assertThat(code(e)).isEqualTo("not_found:file"));
  }

  @Test
  void theListingLeavesOutSymlinksAndKernelchatsOwnFilesButWalksRealDirectories() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    files.save("b/c/deep.txt", WorkspaceFiles.Content.of(stream("1")));
    files.save("a.txt", WorkspaceFiles.Content.of(stream("22")));
    Files.writeString(Files.createDirectories(files.root().resolve("__pycache__")).resolve("m.pyc"), "x");
    Files.writeString(files.root().resolve(WorkspaceNames.PRIVATE_DIR).resolve("upload-1"), "x");
    Files.createSymbolicLink(files.root().resolve("link"), files.root().resolve("b"));
    assertThat(files.list()).extracting(FileInfo::name, FileInfo::size)
        .containsExactly(tuple("a.txt", 2L), tuple("b/c/deep.txt", 1L));
  }

  @Test
  void removingTheWorkspaceRemovesSymlinksInItButNotWhatTheyPointTo() throws Exception {
    LocalWorkspace files = workspace("ws-1");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("keep.txt"), SECRET);
    files.save("sub/a.txt", WorkspaceFiles.Content.of(stream(PUBLIC)));
    Files.createSymbolicLink(files.root().resolve("sub/out"), outside);
    Files.createSymbolicLink(files.root().resolve("keep.txt"), secret);
    files.deleteAll();
    assertThat(files.root()).doesNotExist();
    assertThat(secret).hasContent(SECRET);
  }

  /**
   * Reads {@code name} {@value #READS} times while {@code swapper} swaps it; counts each outcome: the bytes read, or
   * the error code.
   */
  private static Map<String, Integer> read(WorkspaceFiles files, String name, SymlinkSwapper swapper) {
    Map<String, Integer> outcomes = new TreeMap<>();
    long before = swapper.rounds();
    for (int i = 0; i < READS; i++) {
      outcomes.merge(outcome(() -> {
        try (WorkspaceFiles.OpenFile file = files.open(name)) {
          ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
          while (bytes.hasRemaining() && file.channel().read(bytes) >= 0) {
            // reads until the buffer is full
          }
          return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        }
      }), 1, Integer::sum);
    }
    assertThat(swapper.rounds()).as("swaps while reading").isGreaterThan(before);
    return outcomes;
  }

  private interface Attempt {
    String run() throws IOException;
  }

  private static String outcome(Attempt attempt) {
    try {
      return attempt.run();
    } catch (ConversationException e) {
      return e.code();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String code(Throwable e) {
    assertThat(e).isInstanceOf(ConversationException.class);
    return ((ConversationException) e).code();
  }

  private LocalWorkspace workspace(String name) {
    LocalWorkspace files = new LocalWorkspace(dir.resolve(name));
    files.create();
    return files;
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
