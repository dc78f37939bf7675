package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.testing.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel code is the attacker: each test runs an attack as a cell through the API of a real server whose
 * kernels are sandboxed, and asserts that it fails (the cell prints what happened).
 */
class SandboxAttackTest {
  private static final long MEMORY_LIMIT = 1L << 30;
  private static final int PROCESS_LIMIT = 64;
  private static final long FILE_SIZE_LIMIT = 10L << 20;

  @TempDir static Path home;
  private static RunningServer server;
  private static String attacker;
  private static String victim;
  private static Path planted;

  @BeforeAll
  static void start() throws IOException {
    assumeThat(Sandbox.decide(SandboxMode.REQUIRED).on()).as("bubblewrap works here (./test installs it)").isTrue();
    SandboxSettings sandbox = SandboxSettings.defaults().withMode(SandboxMode.REQUIRED).withMemoryBytes(MEMORY_LIMIT)
        .withProcesses(PROCESS_LIMIT).withFileSizeBytes(FILE_SIZE_LIMIT);
    server = RunningServer.start(new ServerOptions("127.0.0.1", 0, home, RunningServer.TOKEN, false, List.of(),
        RunningServer.python(), 8, Duration.ofHours(1), Duration.ofMinutes(2), 10L << 20, 10L << 20,
        Map.of("KERNELCHAT_PROBE_LOCAL", "false"), 1, sandbox), Map.of("PATH", System.getenv("PATH"),
        "OPENAI_API_KEY", "sk-server-secret"));
    victim = server.newConversation();
    server.execute(victim, "open('secret.txt', 'w').write('victim data')");
    attacker = server.newConversation();
    planted = Path.of(System.getProperty("user.home"), ".kernelchat-test-planted-" + UUID.randomUUID());
    Files.writeString(planted, "planted in home");
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (planted != null) {
      Files.deleteIfExists(planted);
    }
  }

  /** Runs {@code code} in the attacker's kernel and returns what it printed. */
  private static String attack(String code) {
    return printed(attacker, code);
  }

  private static String printed(String conversationId, String code) {
    JsonNode cell = server.execute(conversationId, code);
    StringBuilder out = new StringBuilder();
    for (JsonNode output : cell.get("outputs")) {
      out.append(output.path("text").asText(""));
      if (output.path("type").asText().equals("error")) {
        out.append(output.path("ename").asText()).append(": ").append(output.path("evalue").asText());
      }
    }
    return out.toString();
  }

  /** Python that tries {@code action} and prints "blocked <ErrorName>" or "done". */
  private static String attempt(String action) {
    return "try:\n    " + action + "\n    print('done')\nexcept Exception as e:\n    print('blocked', type(e).__name__)";
  }

  private static String pythonString(Object value) {
    return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void theServersEnvironmentAndCommandLineCannotBeRead() {
    long pid = ProcessHandle.current().pid();
    assertThat(attack(attempt("open('/proc/" + pid + "/environ').read()"))).startsWith("blocked");
    assertThat(attack(attempt("open('/proc/" + pid + "/cmdline').read()"))).startsWith("blocked");
    assertThat(attack("import os\nprint(sorted(p for p in os.listdir('/proc') if p.isdigit())[:3])"))
        .isEqualTo("['1', '2']\n");
  }

  @Test
  void theDatabaseTheDotEnvAndTheLogsAreAbsent() {
    for (Path path : List.of(home.resolve("kernelchat.db"), home.resolve("logs"), home.resolve(".env"),
        home.resolve("ipython"))) {
      assertThat(attack("import os\nprint(os.path.exists(" + pythonString(path) + "))")).as(path.toString())
          .isEqualTo("False\n");
    }
    assertThat(attack("import os\nprint(os.path.exists(" + pythonString(home) + "), os.getcwd())"))
        .isEqualTo("False /workspace\n");
  }

  @Test
  void anotherConversationsWorkspaceIsAbsent() {
    Path secret = home.resolve("workspaces").resolve(victim).resolve("secret.txt");
    assertThat(attack(attempt("open(" + pythonString(secret) + ").read()"))).isEqualTo("blocked FileNotFoundError\n");
    assertThat(attack("import os\nprint(os.listdir('/workspace'))")).doesNotContain("secret.txt");
  }

  @Test
  void aFilePlantedInTheUsersHomeCannotBeRead() {
    assertThat(attack(attempt("open(" + pythonString(planted) + ").read()"))).isEqualTo("blocked FileNotFoundError\n");
    assertThat(attack(attempt("open(" + pythonString(Path.of(System.getProperty("user.home"), ".ssh", "id_rsa"))
        + ").read()"))).startsWith("blocked");
  }

  @Test
  void nothingOutsideTheWorkspaceCanBeWritten() throws IOException {
    for (String target : List.of(System.getProperty("user.home") + "/evil.txt", "/usr/evil.txt", "/etc/evil.txt",
        home.resolve("evil.txt").toString(), home.resolve("ipython/profile_default/startup/evil.py").toString())) {
      String out = attack(attempt("open(" + pythonString(target) + ", 'w').write('x')"));
      // A test's home is under /tmp, which inside is the kernel's own: a write there lands in that alone.
      if (!target.startsWith("/tmp/")) {
        assertThat(out).as(target).startsWith("blocked");
      }
      assertThat(Path.of(target)).doesNotExist();
    }
    // /tmp is the kernel's own: what it writes there never reaches this machine's /tmp.
    String name = "kernelchat-attack-" + UUID.randomUUID();
    assertThat(attack(attempt("open('/tmp/" + name + "', 'w').write('x')"))).isEqualTo("done\n");
    assertThat(Path.of("/tmp", name)).doesNotExist();
  }

  @Test
  void neitherTheServersPortNorAnotherLocalPortCanBeReached() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      for (int port : List.of(server.port(), other.getLocalPort())) {
        assertThat(attack(attempt("import socket; socket.create_connection(('127.0.0.1', " + port + "), timeout=3)")))
            .as("port " + port).startsWith("blocked");
      }
    }
  }

  @Test
  void aRunningKernelIsStartedAgainInTheNetworkItsConversationSwitchesTo() {
    String id = server.newConversation();
    String connect = attempt("import socket; socket.create_connection(('127.0.0.1', " + server.port() + "), timeout=3)");
    assertThat(printed(id, connect)).startsWith("blocked");

    setNetwork(id, true);
    assertThat(printed(id, connect)).isEqualTo("done\n");
    assertThat(server.getJson("/api/conversations/" + id).get("kernel").get("network").asBoolean()).isTrue();

    printed(id, "kept = 1");
    setNetwork(id, false);
    assertThat(printed(id, connect)).startsWith("blocked");
    assertThat(printed(id, "print('kept' in globals())")).isEqualTo("False\n");
    assertThat(server.getJson("/api/conversations/" + id).get("kernel").get("network").asBoolean()).isFalse();
  }

  private static void setNetwork(String conversationId, boolean on) {
    RunningServer.expect(server.send(server.request("/api/conversations/" + conversationId)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"network\":" + on + "}")).build()), 200);
  }

  @Test
  void theServerCannotBeSignalled() {
    long pid = ProcessHandle.current().pid();
    assertThat(attack(attempt("import os, signal; os.kill(" + pid + ", signal.SIGSTOP)")))
        .isEqualTo("blocked ProcessLookupError\n");
    assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aForkBombHitsTheProcessLimitAndTheKernelLivesOn() {
    String out = attack("""
        import subprocess
        children = []
        try:
            for i in range(%d):
                children.append(subprocess.Popen(['sleep', '60']))
            print('not limited')
        except OSError as e:
            print('limited after', len(children), type(e).__name__)
        for c in children:
            c.kill()
            c.wait()
        """.formatted(PROCESS_LIMIT * 2));
    assertThat(out).startsWith("limited after");
    assertThat(Integer.parseInt(out.split(" ")[2])).isLessThan(PROCESS_LIMIT);
    assertThat(attack("print(6 * 7)")).isEqualTo("42\n");
  }

  @Test
  void allocatingBeyondTheMemoryLimitFailsAndTheKernelLivesOn() {
    assertThat(attack(attempt("b = bytearray(" + 2 * MEMORY_LIMIT + ")"))).isEqualTo("blocked MemoryError\n");
    assertThat(attack("import numpy as np\nprint(int(np.ones(10_000_000).sum()))")).isEqualTo("10000000\n");
  }

  @Test
  void aKernelPastItsMemoryLimitCountingItsTmpIsReportedOutOfMemoryAndStartedAgain() {
    Optional<KernelCgroup> probe = KernelCgroup.create("test-" + UUID.randomUUID(), PROCESS_LIMIT, MEMORY_LIMIT);
    boolean limitsMemory = probe.map(KernelCgroup::limitsMemory).orElse(false);
    probe.ifPresent(KernelCgroup::remove);
    assumeThat(limitsMemory).as("this machine lets kernelchat make a memory cgroup").isTrue();
    String hog = server.newConversation();
    // Each half stays under its own limit (RLIMIT_DATA for the heap, the size of /tmp, files under the file size
    // limit); together they pass the kernel's memory limit, which only the cgroup counts.
    long half = MEMORY_LIMIT * 6 / 10;
    JsonNode cell = server.execute(hog, """
        heap = b'x' * %d
        chunk = b'y' * (8 << 20)
        for i in range(%d // (8 << 20)):
            with open(f'/tmp/fill{i}', 'wb') as f:
                f.write(chunk)
        print('survived')
        """.formatted(half, half));

    assertThat(cell.get("status").asText()).isEqualTo("error");
    assertThat(cell.toString()).contains("out of memory: limit 1 GiB");
    assertThat(printed(hog, "import os\nprint(6 * 7, os.path.exists('/tmp/fill0'))")).isEqualTo("42 False\n");
    assertThat(server.getJson("/api/conversations/" + hog).get("items").toString())
        .contains("The kernel died and is being restarted").contains("out of memory: limit 1 GiB");
  }

  @Test
  void aFileBeyondTheSizeLimitCannotBeWritten() {
    assertThat(attack(attempt("open('big.bin', 'wb').write(b'x' * " + 2 * FILE_SIZE_LIMIT + ")")))
        .isEqualTo("blocked OSError\n");
  }

  @Test
  void aDetachedProcessDoesNotOutliveARestart() throws Exception {
    String marker = "1000." + (100 + (int) (Math.random() * 800));
    attack("import subprocess\nsubprocess.Popen(['sleep', '" + marker + "'], start_new_session=True)");
    assertThat(sleepers(marker)).isNotEmpty();
    assertThat(server.post("/api/conversations/" + attacker + "/kernel/restart", "").statusCode()).isBetween(200, 204);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!sleepers(marker).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(sleepers(marker)).isEmpty();
  }

  @Test
  void theKernelSeesOnlyItsOwnConnectionFile() {
    assertThat(attack("import os\nprint(sorted(os.listdir('/run/kernel')))"))
        .isEqualTo("['connection.json', 'kernel-1', 'kernel-2', 'kernel-3', 'kernel-4', 'kernel-5']\n");
    assertThat(attack("import glob\nprint(glob.glob('/tmp/kernel-*.json') + glob.glob('/run/user/*/jupyter/*'))"))
        .isEqualTo("[]\n");
  }

  @Test
  void aStartupScriptOneKernelPlantsDoesNotRunInAnother() {
    attack("import os\nd = os.path.join(os.environ['IPYTHONDIR'], 'profile_default', 'startup')\n"
        + "os.makedirs(d, exist_ok=True)\nopen(os.path.join(d, 'evil.py'), 'w').write('PWNED = 1')");
    JsonNode cell = server.execute(victim, "print('PWNED' in dir())");
    assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo("False\n");
  }

  @Test
  void theServersSecretsAreNotInTheKernelsEnvironment() {
    assertThat(attack("import os\nprint(open('/proc/self/environ').read() + str(dict(os.environ)))"))
        .doesNotContain("sk-server-secret").doesNotContain(RunningServer.TOKEN);
  }

  private static List<Long> sleepers(String marker) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().commandLine().orElse("").contains("sleep " + marker))
          .map(ProcessHandle::pid).toList();
    }
  }
}
