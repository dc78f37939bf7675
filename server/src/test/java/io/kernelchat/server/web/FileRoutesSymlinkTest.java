package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.OneServerPerClass;
import io.kernelchat.server.testing.RunningServer;
import io.kernelchat.server.testing.SymlinkSwapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The file routes against kernel code that swaps names in its workspace for symlinks to files outside it while
 * the server opens them: no download returns, and no upload or delete touches, anything outside the workspace.
 */
class FileRoutesSymlinkTest extends OneServerPerClass {
  private static final int DOWNLOADS = 400;
  private static final String PUBLIC = "workspace bytes";
  private static final String SECRET = "SECRET bytes from outside the workspace";

  @Test
  void downloadsRacingAJavaThreadThatSwapsTheFileForASymlinkNeverServeTheTarget() throws Exception {
    String id = server.newConversation();
    Path secret = Files.writeString(home.resolve("secret-1.txt"), SECRET);
    Path file = Files.writeString(workspace(id).resolve("a.txt"), PUBLIC);
    Map<String, Integer> outcomes;
    try (SymlinkSwapper swapper = SymlinkSwapper.start(file, secret)) {
      outcomes = download(id, "a.txt");
      assertThat(swapper.rounds()).as("swaps during the downloads").isGreaterThan(DOWNLOADS);
    }
    assertThat(outcomes.keySet()).as("outcomes of %s downloads: %s", DOWNLOADS, outcomes)
        .isSubsetOf("200 " + PUBLIC, "400", "404");
  }

  @Test
  void downloadsRacingKernelCodeThatSwapsTheFileForASymlinkNeverServeTheTarget() throws Exception {
    String id = server.newConversation();
    Path secret = Files.writeString(home.resolve("secret-2.txt"), SECRET);
    server.execute(id, "import os, threading\n"
        + "stop = threading.Event()\n"
        + "def swap():\n"
        + "    while not stop.is_set():\n"
        + "        with open('.b.real', 'w') as f:\n"
        + "            f.write(" + ApiJson.write(PUBLIC) + ")\n"
        + "        os.replace('.b.real', 'b.txt')\n"
        + "        os.symlink(" + ApiJson.write(secret.toString()) + ", '.b.link')\n"
        + "        os.replace('.b.link', 'b.txt')\n"
        + "threading.Thread(target=swap, daemon=True).start()");
    Map<String, Integer> outcomes;
    try {
      outcomes = download(id, "b.txt");
    } finally {
      server.execute(id, "stop.set()");
    }
    assertThat(outcomes.keySet()).as("outcomes of %s downloads: %s", DOWNLOADS, outcomes)
        .isSubsetOf("200 " + PUBLIC, "400", "404").contains("200 " + PUBLIC);
  }

  @Test
  void uploadsThroughADirectoryTheKernelSwapsForASymlinkNeverWriteOutside() throws Exception {
    String id = server.newConversation();
    Path outside = Files.createDirectories(home.resolve("outside-3"));
    // renameat2(RENAME_EXCHANGE) swaps the directory and the link in one step, so "sub" is never missing (and
    // never made afresh by an upload): always the directory or the link.
    server.execute(id, "import ctypes, os, threading\n"
        + "os.mkdir('sub')\n"
        + "os.symlink(" + ApiJson.write(outside.toString()) + ", '.sub.link')\n"
        + "renameat2 = ctypes.CDLL(None, use_errno=True).renameat2\n"
        + "AT_FDCWD, RENAME_EXCHANGE = -100, 2\n"
        + "stop = threading.Event()\n"
        + "swaps = 0\n"
        + "def swap():\n"
        + "    global swaps\n"
        + "    while not stop.is_set():\n"
        + "        if renameat2(AT_FDCWD, b'sub', AT_FDCWD, b'.sub.link', RENAME_EXCHANGE) == 0:\n"
        + "            swaps += 1\n"
        + "threading.Thread(target=swap, daemon=True).start()");
    Map<Integer, Integer> statuses = new TreeMap<>();
    String swaps;
    try {
      for (int i = 0; i < 100; i++) {
        HttpResponse<String> r = server.send(new Multipart().file("sub/up.txt", PUBLIC.getBytes(StandardCharsets.UTF_8))
            .into(server.request("/api/conversations/" + id + "/files")).build());
        statuses.merge(r.statusCode(), 1, Integer::sum);
      }
    } finally {
      swaps = server.execute(id, "stop.set()\nprint(swaps)").get("outputs").get(0).get("text").asText().strip();
    }
    assertThat(Long.parseLong(swaps)).as("swaps").isPositive();
    assertThat(statuses.keySet()).as("statuses of 100 uploads: %s", statuses).isSubsetOf(201, 400);
    try (var written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void aPlantedSymlinkCannotBeUploadedThroughDownloadedOrDeleted() throws Exception {
    String id = server.newConversation();
    Path outside = Files.createDirectories(home.resolve("outside-4"));
    Path secret = Files.writeString(outside.resolve("secret.txt"), SECRET);
    Path ws = workspace(id);
    Files.createSymbolicLink(ws.resolve("link.txt"), secret);
    Files.createSymbolicLink(ws.resolve("linkdir"), outside);

    for (String name : new String[] {"link.txt", "linkdir/secret.txt", "linkdir/new.txt"}) {
      HttpResponse<String> up = server.send(new Multipart().file(name, "overwritten".getBytes(StandardCharsets.UTF_8))
          .into(server.request("/api/conversations/" + id + "/files")).build());
      assertThat(code(up)).as("upload " + name).isEqualTo("bad_request:filename");
    }
    for (String name : new String[] {"link.txt", "linkdir/secret.txt"}) {
      assertThat(code(server.get("/api/conversations/" + id + "/files/" + name))).as("download " + name)
          .isEqualTo("bad_request:filename");
      assertThat(code(server.delete("/api/conversations/" + id + "/files/" + name))).as("delete " + name)
          .isEqualTo("bad_request:filename");
    }
    assertThat(secret).hasContent(SECRET);
    try (var files = Files.list(outside)) {
      assertThat(files).containsExactly(secret);
    }
    assertThat(Files.isSymbolicLink(ws.resolve("link.txt"))).isTrue();
  }

  /** Downloads {@code name} {@value #DOWNLOADS} times; counts each outcome as "status body" (the body when 200). */
  private static Map<String, Integer> download(String id, String name) {
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < DOWNLOADS; i++) {
      HttpResponse<String> r = server.get("/api/conversations/" + id + "/files/" + name);
      String outcome = r.statusCode() == 200 ? "200 " + r.body() : Integer.toString(r.statusCode());
      outcomes.merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }

  private static String code(HttpResponse<String> r) {
    assertThat(r.statusCode()).isBetween(400, 499);
    return ApiJson.read(r.body()).get("code").asText();
  }

  private static Path workspace(String id) {
    return home.resolve("workspaces").resolve(id);
  }
}
