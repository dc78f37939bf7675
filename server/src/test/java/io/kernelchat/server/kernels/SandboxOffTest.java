package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --sandbox off} means, shown by doing it: some of SandboxAttackTest's attacks, which succeed
 * against an unconfined kernel. The API says so too.
 */
class SandboxOffTest {
  @TempDir static Path home;
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(new ServerOptions("127.0.0.1", 0, home, RunningServer.TOKEN, false, List.of(),
        RunningServer.python(), 4, Duration.ofHours(1), Duration.ofMinutes(2), 10L << 20, 10L << 20,
        Map.of("KERNELCHAT_PROBE_LOCAL", "false"), 1, SandboxSettings.defaults().withMode(SandboxMode.OFF)),
        System.getenv());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String run(String id, String code) {
    return server.execute(id, code).get("outputs").get(0).get("text").asText();
  }

  @Test
  void theApiAndTheTranscriptSayKernelsAreNotConfined() {
    assertThat(server.getJson("/api/sandbox").get("sandbox").asText()).isEqualTo("off");
    assertThat(server.getJson("/api/sandbox").get("reason").asText()).contains("--sandbox off");
    String id = server.newConversation();
    run(id, "print(1)");
    assertThat(server.getJson("/api/conversations/" + id).get("kernel").get("sandbox").asText()).isEqualTo("off");
    assertThat(server.getJson("/api/conversations/" + id).get("kernel").get("network").asBoolean()).isTrue();
  }

  @Test
  void anUnconfinedKernelReadsTheDatabaseAndAnotherConversationsFiles() {
    String victim = server.newConversation();
    run(victim, "open('secret.txt', 'w').write('victim data'); print()");
    String attacker = server.newConversation();
    assertThat(run(attacker, "print(open('" + home.resolve("kernelchat.db") + "', 'rb').read(15))"))
        .isEqualTo("b'SQLite format 3'\n");
    assertThat(run(attacker, "print(open('" + home.resolve("workspaces").resolve(victim).resolve("secret.txt")
        + "').read())")).isEqualTo("victim data\n");
  }

  @Test
  void anUnconfinedKernelReachesTheServersPort() {
    String id = server.newConversation();
    assertThat(run(id, "import socket\nsocket.create_connection(('127.0.0.1', " + server.port() + "), timeout=3)"
        + "\nprint('connected')")).isEqualTo("connected\n");
  }
}
