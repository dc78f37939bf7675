package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.OneServerPerClass;
import io.kernelchat.server.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool of ready kernels (one, the default) seen through the API: a conversation's first kernel and a
 * restarted one come from it warm, and look exactly like a fresh kernel in that conversation.
 */
class KernelPoolTest extends OneServerPerClass {
  /** What a kernel shows of itself in a conversation: its names, its working directory and what is there. */
  private static final String LOOK = """
      import os, sys
      print(sorted(dir()), os.getcwd() == os.path.realpath('.'), sorted(os.listdir('.')), len(In), len(Out))
      print('pandas' in sys.modules)
      """;

  private static void awaitPoolReady() throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (server.getJson("/api/kernels/pool").get("ready").asInt() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(server.getJson("/api/kernels/pool").get("ready").asInt()).as("a ready pool kernel").isEqualTo(1);
  }

  private static String firstOutput(JsonNode cell) {
    return cell.get("outputs").get(0).get("text").asText();
  }

  @Test
  void aNewConversationsFirstCellRunsInAWarmKernelThatLooksLikeAFreshOneInItsWorkspace() throws Exception {
    awaitPoolReady();
    String warm = server.newConversation();
    upload(warm, "before.csv");
    JsonNode warmCell = server.execute(warm, LOOK);
    // A conversation with a network never takes a pool kernel (they have none): this one starts cold.
    String cold = server.newConversation();
    RunningServer.expect(server.send(server.request("/api/conversations/" + cold).header("Content-Type",
        "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"network\":true}"))
        .build()), 200);
    upload(cold, "before.csv");
    JsonNode coldCell = server.execute(cold, LOOK);

    String[] warmLook = firstOutput(warmCell).split("\n");
    String[] coldLook = firstOutput(coldCell).split("\n");
    assertThat(warmLook[0]).isEqualTo(coldLook[0]).contains("'before.csv'");
    assertThat(warmLook[1]).as("the data stack is imported already").isEqualTo("True");
    assertThat(coldLook[1]).isEqualTo("False");
    assertThat(warmCell.get("executionCount").asInt()).isEqualTo(coldCell.get("executionCount").asInt()).isEqualTo(1);
    server.execute(warm, "open('made.txt', 'w').write('x')");
    assertThat(server.getJson("/api/conversations/" + warm + "/files").get("files").findValuesAsText("name"))
        .contains("before.csv", "made.txt");
    assertThat(server.getJson("/api/kernels/pool").get("size").asInt()).isEqualTo(1);
  }

  private static void upload(String id, String name) {
    RunningServer.expect(server.send(new Multipart().file(name, "a,b\n1,2\n".getBytes())
        .into(server.request("/api/conversations/" + id + "/files")).build()), 201);
  }

  @Test
  void aRestartTakesAWarmKernelFromThePoolAndKeepsTheFiles() throws Exception {
    String id = server.newConversation();
    server.execute(id, "x = 1\nopen('kept.txt', 'w').write('kept')");
    awaitPoolReady();

    assertThat(server.post("/api/conversations/" + id + "/kernel/restart", "").statusCode()).isEqualTo(204);
    JsonNode cell = server.execute(id, "import sys, os\nprint('x' in dir(), 'pandas' in sys.modules, open('kept.txt').read())");

    assertThat(firstOutput(cell)).isEqualTo("False True kept\n");
    assertThat(cell.get("executionCount").asInt()).isEqualTo(1);
  }

  @Test
  void thePoolRefillsBehindTheConversationThatTookItsKernel() throws Exception {
    awaitPoolReady();
    server.execute(server.newConversation(), "1");
    awaitPoolReady();
    JsonNode cell = server.execute(server.newConversation(), String.join("\n",
        List.of("import matplotlib.pyplot as plt", "plt.plot([1, 2, 3])", "plt.show()")));
    assertThat(cell.get("outputs").findValues("data")).anyMatch(data -> data.has("image/png"));
  }
}
