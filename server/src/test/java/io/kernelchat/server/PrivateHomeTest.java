package io.kernelchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The kernelchat home on a shared machine: its directories are 0700, the files kernelchat writes there 0600, and no
 * file there holds the access token.
 */
class PrivateHomeTest {
  private static final String DIRECTORY = "rwx------";
  private static final String FILE = "rw-------";
  private static final String UPLOADED = "a,b\n1,2\n";
  @TempDir Path dir;

  @Test
  void aFreshHomeAndWhatKernelchatWritesInItAreTheUsersAlone() throws Exception {
    Path home = dir.resolve("home");
    try (RunningServer server = RunningServer.start(home, Map.of(), 4, Duration.ofMinutes(1), 1024, 1L << 20)) {
      String id = server.newConversation();
      upload(server, id, "data.csv");
      // Past the 1 KB output limit, so kernelchat writes the rest to a file in the workspace.
      server.execute(id, "open('made.txt', 'w').write('by the kernel')\nprint('x' * 5000)");
      Path workspace = home.resolve("workspaces").resolve(id);
      String overflow;
      try (Stream<Path> files = Files.list(workspace)) {
        overflow = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("output-")).findFirst().orElseThrow();
      }

      for (String path : List.of("", "workspaces", "workspaces/" + id, "workspaces/" + id + "/.kernelchat", "logs", "tmp",
          "ipython", "ipython/profile_default")) {
        assertThat(permissions(home.resolve(path))).as(path).isEqualTo(DIRECTORY);
      }
      for (String path : List.of("kernelchat.db", "kernelchat.db-wal", "kernelchat.db-shm", "logs/kernel-" + id + ".log",
          "workspaces/" + id + "/data.csv", "workspaces/" + id + "/" + overflow,
          "ipython/profile_default/ipython_kernel_config.py")) {
        assertThat(permissions(home.resolve(path))).as(path).isEqualTo(FILE);
      }
      // What the kernel writes has the kernel's umask; the workspace around it is private.
      assertThat(workspace.resolve("made.txt")).hasContent("by the kernel");
    }
  }

  @Test
  void aHomeThatAnOlderVersionLeftReadableToOthersIsMadePrivateWhenUsed() throws Exception {
    Path home = dir.resolve("home");
    String id;
    try (RunningServer server = RunningServer.start(home)) {
      id = server.newConversation();
      server.execute(id, "1");
    }
    Files.writeString(home.resolve("kernelchat.db-wal"), "");   // as a server killed with -9 leaves it
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }

    try (RunningServer server = RunningServer.start(home)) {
      server.execute(id, "2");
      for (String path : List.of("", "workspaces", "workspaces/" + id, "logs", "tmp", "ipython", "ipython/profile_default")) {
        assertThat(permissions(home.resolve(path))).as(path).isEqualTo(DIRECTORY);
      }
      for (String path : List.of("kernelchat.db", "kernelchat.db-wal", "kernelchat.db-shm", "logs/kernel-" + id + ".log",
          "ipython/profile_default/ipython_kernel_config.py")) {
        assertThat(permissions(home.resolve(path))).as(path).isEqualTo(FILE);
      }
    }
  }

  @Test
  void theTokenIsWrittenToNoFileUnderTheHome() throws Exception {
    Path home = dir.resolve("home");
    String id;
    try (RunningServer server = RunningServer.start(home)) {
      // The token in a URL, a header and a cookie, on routes that answer, redirect and fail.
      server.send(server.request("/?token=" + RunningServer.TOKEN).GET().build());
      server.send(server.request("/api/no-such-route?token=" + RunningServer.TOKEN).GET().build());
      server.send(server.request("/api/conversations/no-such-id").header("Cookie", "kernelchat_token=" + RunningServer.TOKEN)
          .GET().build());
      id = server.newConversation();
      upload(server, id, "notes.txt");
      server.execute(id, "import sys\nprint('to stderr', file=sys.stderr)\n1 / 0");
      server.get("/api/conversations/" + id + "/files/no-such-file");
    }
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(home)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        // ISO-8859-1 keeps every byte as one char, so the ASCII token is found whatever else the file holds.
        files.put(home.relativize(file), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(files).containsKeys(Path.of("kernelchat.db"), Path.of("logs", "kernel-" + id + ".log"))
        .containsValue(UPLOADED);
    assertThat(files).allSatisfy((file, text) -> assertThat(text).as("%s", file).doesNotContain(RunningServer.TOKEN));
  }

  @Test
  void theServerLogsToStandardErrorOnlyNeverToAFile() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(logback.getLoggerList()).allSatisfy(logger -> logger.iteratorForAppenders().forEachRemaining(appender ->
        assertThat(appender).as(logger.getName()).isInstanceOf(ConsoleAppender.class)));
  }

  private static void upload(RunningServer server, String id, String name) {
    RunningServer.expect(server.send(new Multipart().file(name, UPLOADED.getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/" + id + "/files")).build()), 201);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
