package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityTest {
  static final String SECRET = "sk-secret-key-that-must-not-leak";
  @TempDir static Path home;
  static RunningServer server;
  static String id;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("OPENAI_API_KEY", SECRET);
    env.put("ANTHROPIC_API_KEY", SECRET);
    env.put("AZURE_OPENAI_API_KEY", SECRET);
    env.put("KERNELCHAT_TOKEN", RunningServer.TOKEN);
    server = RunningServer.start(home.resolve("home"), Map.of(), 4, Duration.ofMinutes(2), 10L << 20, 1L << 20, env);
    id = server.newConversation();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyApiRouteButHealthNeedsTheTokenAndNoKernelStartsWithoutIt() {
    String id = server.newConversation();
    for (HttpRequest r : List.of(
        bare("/api/conversations").GET().build(),
        bare("/api/models").GET().build(),
        bare("/api/conversations").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        bare("/api/conversations/" + id + "/execute").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"1\"}")).build(),
        bare("/api/conversations/" + id + "/events").GET().build(),
        bare("/api/conversations/" + id + "/files/x").GET().build(),
        bare("/api/conversations/" + id + "/execute").header("Authorization", "Bearer wrong")
            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"1\"}")).build())) {
      HttpResponse<String> response = server.send(r);
      assertThat(response.statusCode()).as(r.uri().getPath()).isEqualTo(401);
      assertThat(ApiJson.read(response.body()).get("code").asText()).isEqualTo("unauthorized");
    }
    assertThat(server.getJson("/api/conversations/" + id).get("kernel").get("status").asText()).isEqualTo("stopped");
  }

  @Test
  void jupytersTokenSchemeIsAcceptedToo() {
    HttpResponse<String> r = server.send(bare("/api/conversations").header("Authorization", "token " + RunningServer.TOKEN)
        .GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void openingThePageWithTheTokenSetsAStrictHttpOnlyCookieAndRedirectsWithoutIt() {
    HttpResponse<String> r = server.send(bare("/?token=" + RunningServer.TOKEN + "&x=1").GET().build());
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/?x=1"));
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("kernelchat_token=" + RunningServer.TOKEN).contains("HttpOnly").contains("SameSite=Strict");

    HttpResponse<String> wrong = server.send(bare("/?token=nope").GET().build());
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void theCookieAuthenticatesReadsButStateChangesAndEventsNeedTheServersOwnOrigin() {
    String cookie = "kernelchat_token=" + RunningServer.TOKEN;
    String own = "http://127.0.0.1:" + server.port();
    assertThat(server.send(bare("/api/conversations").header("Cookie", cookie).GET().build()).statusCode()).isEqualTo(200);

    HttpRequest noOrigin = bare("/api/conversations").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    HttpRequest evilOrigin = bare("/api/conversations").header("Cookie", cookie).header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    HttpRequest events = bare("/api/conversations/" + id + "/events").header("Cookie", cookie)
        .header("Origin", "http://evil.example").GET().build();
    for (HttpRequest r : List.of(noOrigin, evilOrigin, events)) {
      HttpResponse<String> response = server.send(r);
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(ApiJson.read(response.body()).get("code").asText()).isEqualTo("forbidden:origin");
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    HttpRequest crossSiteEvents = bare("/api/conversations/" + id + "/events").header("Cookie", cookie)
        .header("Sec-Fetch-Site", "cross-site").GET().build();
    assertThat(server.send(crossSiteEvents).statusCode()).isEqualTo(403);
    HttpRequest sameOriginPost = bare("/api/conversations").header("Cookie", cookie).header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(server.send(sameOriginPost).statusCode()).as("a state change needs Origin").isEqualTo(403);

    HttpResponse<String> ok = server.send(bare("/api/conversations").header("Cookie", cookie).header("Origin", own)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void thePagesOwnEventSourceWithTheCookieIsAcceptedThoughBrowsersSendNoOriginOnASameOriginGet() throws Exception {
    HttpResponse<java.io.InputStream> r = server.http().send(bare("/api/conversations/" + id + "/events")
        .header("Cookie", "kernelchat_token=" + RunningServer.TOKEN).header("Sec-Fetch-Site", "same-origin")
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (var body = r.body()) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new String(body.readNBytes(13), StandardCharsets.UTF_8)).isEqualTo(": connected\n\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example", "evil.example:80", "127.0.0.1.evil.example", "10.0.0.1", "localhost.evil"})
  void aHostHeaderThatIsNotThisMachineIsRefusedBeforeAnythingElse(String host) {
    for (String path : List.of("/api/health", "/", "/api/conversations")) {
      HttpResponse<String> r = server.send(server.request(path).header("Host", host).GET().build());
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(ApiJson.read(r.body()).get("code").asText()).isEqualTo("forbidden:host");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "127.1.2.3", "[::1]"})
  void loopbackHostHeadersAreAccepted(String host) {
    HttpResponse<String> r = server.send(server.request("/api/health").header("Host", host + ":" + server.port()).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/etc/x", "a/../../x", "a\\..\\x", "..", "../workspaces-2/x"})
  void uploadNamesThatWouldLeaveTheWorkspaceAreRefused(String name) throws Exception {
    HttpResponse<String> r = server.send(new Multipart().file(name, "boom".getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/" + id + "/files")).build());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiJson.read(r.body()).get("code").asText()).isEqualTo("bad_request:filename");
    try (var files = Files.walk(server.home())) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .doesNotContain("x").noneMatch(n -> n.contains("boom"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"..%2F..%2Fkernelchat.db", "%2Fetc%2Fpasswd", "a%2F..%2F..%2F..%2Fkernelchat.db",
      "..%5C..%5Ckernelchat.db", "x%00y"})
  void downloadNamesThatWouldLeaveTheWorkspaceAreRefused(String encoded) {
    // Jetty may answer a malformed path itself and close the connection: keep that away from the shared client.
    HttpResponse<String> r = server.sendAlone(server.request("/api/conversations/" + id + "/files/" + encoded).GET().build());
    assertThat(r.statusCode()).isBetween(400, 404);
    assertThat(r.body()).doesNotContain("SQLite").doesNotContain("root:");
  }

  @Test
  void aSymlinkTheKernelMakesToOutsideIsNotServed() {
    server.execute(id, "import os\nos.symlink('/etc/passwd', 'passwd-link')\nos.symlink('/etc', 'etc-link')");
    assertThat(server.get("/api/conversations/" + id + "/files/passwd-link").statusCode()).isIn(400, 404);
    assertThat(server.get("/api/conversations/" + id + "/files/etc-link/passwd").statusCode()).isIn(400, 404);
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files").findValuesAsText("name"))
        .doesNotContain("passwd-link");
  }

  @Test
  void theKernelsEnvironmentCarriesNoKeysOrToken() {
    JsonNode cell = server.execute(id, "import os\nprint('\\n'.join(f'{k}={v}' for k, v in os.environ.items()))");
    String env = cell.get("outputs").get(0).get("text").asText();
    assertThat(env).contains("PATH=").doesNotContain(SECRET).doesNotContain(RunningServer.TOKEN)
        .doesNotContain("OPENAI").doesNotContain("ANTHROPIC").doesNotContain("AZURE");
  }

  @Test
  void kernelsUseKernelchatsIPythonDirectoryAndKeepTheirHistoryInMemory() {
    // Not the user's ~/.ipython: the model's code stays out of their history, and kernels starting together
    // cannot lock one another out of a shared history file.
    // Sandboxed, the directory is the kernel's own, with kernelchat's settings shown read-only in it.
    JsonNode cell = server.execute(id, "import os\nprint(os.environ['IPYTHONDIR'])\n"
        + "print(get_ipython().history_manager.hist_file)");
    String[] lines = cell.get("outputs").get(0).get("text").asText().split("\n");
    assertThat(Path.of(lines[0])).isNotEqualTo(Path.of(System.getProperty("user.home"), ".ipython"));
    assertThat(lines[1]).isEqualTo(":memory:");
  }

  @Test
  void thePageIsServedWithAStrictContentSecurityPolicy() {
    HttpResponse<String> r = server.send(bare("/some/page/route").GET().build());
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(PageRoutes.PAGE_CSP);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private static HttpRequest.Builder bare(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30));
  }
}
