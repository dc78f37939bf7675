package io.kernelchat.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.testing.RunningServer;
import io.kernelchat.server.testing.TestClients;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP server driven by the official Python MCP SDK, over stdio and over Streamable HTTP. */
class McpClientTest {
  private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  @TempDir Path home;

  @Test
  void aPythonMcpClientRunsCodeFilesAndKernelsOverStdio() {
    List<String> command = new ArrayList<>(List.of(TestClients.python().toString(),
        TestClients.resource("mcp/drive_kernelchat.py").toString(), "stdio",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "io.kernelchat.server.Main", "--home", home.toString(), "--port", "0", "--no-browser", "--kernel-pool", "0", "mcp"));
    RunningServer.python().ifPresent(p -> command.addAll(command.indexOf("--home"), List.of("--python", p.toString())));
    assertScenario(drive(command));
  }

  @Test
  void aPythonMcpClientRunsCodeFilesAndKernelsOverStreamableHttp() {
    try (RunningServer server = RunningServer.start(home)) {
      assertScenario(drive(List.of(TestClients.python().toString(),
          TestClients.resource("mcp/drive_kernelchat.py").toString(), "http", server.uri("/mcp").toString(),
          RunningServer.TOKEN)));
      // The page lists the conversation the client made: MCP and the page share conversations.
      assertThat(server.getJson("/api/conversations").get("conversations").toString()).contains("From an MCP client");
    }
  }

  @Test
  void mcpOverHttpNeedsTheTokenAndRefusesForeignHostsAndCookieRequestsFromOtherOrigins() {
    try (RunningServer server = RunningServer.start(home)) {
      HttpResponse<String> noToken = server.send(HttpRequest.newBuilder(server.uri("/mcp"))
          .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(INIT)).build());
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(ApiJson.read(noToken.body()).get("code").asText()).isEqualTo("unauthorized");

      HttpResponse<String> foreignHost = server.send(server.request("/mcp").header("Host", "evil.example")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(INIT)).build());
      assertThat(foreignHost.statusCode()).isEqualTo(403);
      assertThat(ApiJson.read(foreignHost.body()).get("code").asText()).isEqualTo("forbidden:host");

      HttpResponse<String> crossSite = server.send(HttpRequest.newBuilder(server.uri("/mcp"))
          .header("Cookie", "kernelchat_token=" + RunningServer.TOKEN).header("Origin", "http://evil.example")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(INIT)).build());
      assertThat(crossSite.statusCode()).isEqualTo(403);
      assertThat(ApiJson.read(crossSite.body()).get("code").asText()).isEqualTo("forbidden:origin");

      HttpResponse<String> withToken = server.send(server.request("/mcp").header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT))
          .build());
      assertThat(withToken.statusCode()).isEqualTo(200);
      assertThat(withToken.headers().firstValue("Mcp-Session-Id")).isPresent();
    }
  }

  private static JsonNode drive(List<String> command) {
    TestClients.Result r = TestClients.run(Path.of("."), 600, command);
    assertThat(r.exitCode()).as("the client's stderr:\n%s", r.stderr()).isZero();
    return ApiJson.read(r.stdout());
  }

  private static void assertScenario(JsonNode seen) {
    assertThat(seen.get("tools")).extracting(JsonNode::asText).containsExactly("execute_code", "export_notebook",
        "interrupt_kernel", "list_conversations", "list_files", "list_kernelspecs", "read_file", "restart_kernel",
        "write_file");
    assertThat(seen.at("/hello/text").asText()).contains("hello from mcp", "42", ": ok]");
    assertThat(seen.at("/hello/isError").asBoolean()).isFalse();

    assertThat(seen.at("/plot/images")).extracting(JsonNode::asText).containsExactly("image/png");
    assertThat(seen.at("/plot/text").asText()).containsPattern("also saved as image-[0-9a-f]{8}-1\\.png");

    // Cut to head and tail within the bound; the whole output is in a file the client reads on from an offset.
    assertThat(seen.at("/long/length").asInt()).isLessThan(McpLimits.defaults().textChars() + 500);
    String longText = seen.at("/long/text").asText();
    assertThat(longText.startsWith("[conversation ") && longText.contains("head-") && longText.contains("-tail"))
        .as("head and tail kept").isTrue();
    assertThat(longText).containsPattern("characters cut; the whole output is the workspace file output-[0-9a-f]{8}");
    assertThat(seen.at("/readBack/start").asText()).isEqualTo("xxxxxxxxxx");
    assertThat(seen.at("/readBack/end").asText()).endsWith("-tail\n");

    assertThat(seen.get("csvSum").asText()).contains("6");
    assertThat(seen.at("/missing/isError").asBoolean()).isTrue();
    assertThat(seen.at("/missing/text").asText()).startsWith("not_found:file");

    assertThat(seen.get("progress")).isNotEmpty();
    assertThat(seen.at("/progress/0/message").asText()).isEqualTo("0\n");
    // Cancelled after the first progress notification: the loop of 300 steps stopped long before its end.
    assertThat(seen.get("afterCancel").asText()).containsPattern("loop stopped at \\d\\b|loop stopped at [1-9]\\d\\b");
    assertThat(seen.get("kernelspecs").asText()).contains("kernelspecs");
    assertThat(seen.get("notebook").asText()).containsPattern("saved as conversation-[0-9a-f]{8}\\.ipynb");
  }
}
