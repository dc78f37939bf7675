package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "a\\..\\x", "nul\0x", "", "a//b", ".", "./x",
      "../ws-10/secret", ".kernelchat/upload-1"})
  void namesThatWouldLeaveTheWorkspaceAreRefused(String name) {
    WorkspaceFiles files = workspace("ws-1");
    assertThatThrownBy(() -> files.resolve(name)).isInstanceOf(ConversationException.class)
        .satisfies(e -> assertThat(((ConversationException) e).code()).isEqualTo("bad_request:filename"));
  }

  @Test
  void aSymlinkTheKernelMadeToOutsideCannotBeReadOrWrittenThrough() throws Exception {
    WorkspaceFiles files = workspace("ws-1");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(files.root().resolve("link.txt"), outside);
    Files.createSymbolicLink(files.root().resolve("linkdir"), dir);

    assertThatThrownBy(() -> files.existingFile("link.txt")).isInstanceOf(ConversationException.class);
    assertThatThrownBy(() -> files.save("linkdir/evil.txt", WorkspaceFiles.Content.of(stream("x")))).isInstanceOf(ConversationException.class);
    assertThat(files.list()).isEmpty();
    assertThat(Files.readString(outside)).isEqualTo("secret");
  }

  @Test
  void aSiblingDirectorySharingThePrefixIsOutside() throws Exception {
    WorkspaceFiles files = workspace("ws-1");
    Path sibling = Files.createDirectories(dir.resolve("ws-10"));
    Files.createSymbolicLink(files.root().resolve("s"), sibling);
    assertThatThrownBy(() -> files.resolve("s/x")).isInstanceOf(ConversationException.class);
  }

  @Test
  void savedFilesAreListedWithSizeAndCanBeDeleted() throws Exception {
    WorkspaceFiles files = workspace("ws-1");
    FileInfo saved = files.save("data/sales.csv", WorkspaceFiles.Content.of(stream("a,b\n1,2\n")));
    assertThat(saved.name()).isEqualTo("data/sales.csv");
    assertThat(saved.size()).isEqualTo(8);
    assertThat(files.list()).extracting(FileInfo::name).containsExactly("data/sales.csv");
    files.delete("data/sales.csv");
    assertThat(files.list()).isEmpty();
    assertThatThrownBy(() -> files.delete("data/sales.csv")).isInstanceOf(ConversationException.class)
        .satisfies(e -> assertThat(((ConversationException) e).code()).isEqualTo("not_found:file"));
  }

  private WorkspaceFiles workspace(String name) {
    WorkspaceFiles files = new WorkspaceFiles(dir.resolve(name));
    files.create();
    return files;
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
