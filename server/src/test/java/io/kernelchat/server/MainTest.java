package io.kernelchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir Path dir;

  @Test
  void byDefaultItBindsLoopbackWithARandomTokenPerLaunch() {
    ServerOptions a = parse(Map.of());
    ServerOptions b = parse(Map.of());
    assertThat(a.host()).isEqualTo("127.0.0.1");
    assertThat(a.token()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b.token());
    assertThat(a.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".kernelchat").toAbsolutePath());
    assertThat(a.uploadLimitBytes()).isEqualTo(1L << 30);
    assertThat(a.outputLimitBytes()).isEqualTo(10L << 20);
    assertThat(a.executionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(a.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(a.openBrowser()).isTrue();
  }

  @Test
  void optionsComeFromTheCommandLineThenTheEnvironmentThenDotEnv() throws Exception {
    Path dotEnv = Files.writeString(dir.resolve(".env"), "# settings\nKERNELCHAT_PORT=7001\nKERNELCHAT_HOST=\"0.0.0.0\"\n"
        + "export KERNELCHAT_TOKEN=from-dotenv\nKERNELCHAT_UPLOAD_LIMIT=5m\nOPENAI_API_KEY=sk-dotenv\n");
    Map<String, String> env = Settings.withDotEnv(Map.of("KERNELCHAT_PORT", "7002", "KERNELCHAT_NO_BROWSER", "true"), dotEnv);
    ServerOptions o = parse(env, "--token", "from-cli", "--execution-timeout", "90");
    assertThat(o.port()).isEqualTo(7002);
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.token()).isEqualTo("from-cli");
    assertThat(o.uploadLimitBytes()).isEqualTo(5L << 20);
    assertThat(o.executionTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(o.openBrowser()).isFalse();
    assertThat(o.modelEnvironment()).containsEntry("OPENAI_API_KEY", "sk-dotenv");
  }

  @Test
  void pricesComeFromTheCommandLineOverTheEnvironmentForTheModelSettings() {
    assertThat(parse(Map.of("KERNELCHAT_PRICES", "a=1/2")).modelEnvironment()).containsEntry("KERNELCHAT_PRICES", "a=1/2");
    assertThat(parse(Map.of("KERNELCHAT_PRICES", "a=1/2"), "--prices", "b=3/4").modelEnvironment())
        .containsEntry("KERNELCHAT_PRICES", "b=3/4");
  }

  @Test
  void aGatewayComesFromTheEnvironmentWithHeadersAndTimeoutsFromTheCommandLine() {
    ServerOptions o = parse(Map.of("KERNELCHAT_GATEWAY_URL", "http://127.0.0.1:8888/base",
        "KERNELCHAT_GATEWAY_TOKEN", "secret"), "--gateway-header", "X-Proxy-Auth: a b", "--gateway-header",
        "X-Other:2", "--gateway-request-timeout", "5m", "--gateway-ca", "/etc/ca.pem");
    assertThat(o.gateway()).hasValueSatisfying(g -> {
      assertThat(g.url()).hasToString("http://127.0.0.1:8888/base/");
      assertThat(g.token()).isEqualTo("secret");
      assertThat(g.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Proxy-Auth", "a b", "X-Other", "2"));
      assertThat(g.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(g.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
      assertThat(g.trustedCertificates()).isEqualTo(Path.of("/etc/ca.pem"));
    });
    assertThat(parse(Map.of()).gateway()).isEmpty();
  }

  @Test
  void aBadGatewayUrlOrHeaderIsAClearError() {
    assertThatThrownBy(() -> parse(Map.of(), "--gateway-url", "127.0.0.1:8888"))
        .hasMessageContaining("--gateway-url");
    assertThatThrownBy(() -> parse(Map.of(), "--gateway-url", "ftp://127.0.0.1/"))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> parse(Map.of(), "--gateway-url", "http://127.0.0.1:8888/", "--gateway-header", "NoColon"))
        .hasMessageContaining("--gateway-header must be 'Name: value'");
    assertThatThrownBy(() -> parse(Map.of("KERNELCHAT_SANDBOX", "required"), "--gateway-url", "http://127.0.0.1:8888/"))
        .hasMessageContaining("--sandbox required cannot be met with --gateway-url");
  }

  @Test
  void helpDocumentsEveryOptionWithItsEnvironmentVariable() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main(Map.of())).setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("--port", "KERNELCHAT_PORT", "--host", "--home", "--token", "--no-browser",
        "--max-kernels", "--upload-limit", "--model", "--prices", "KERNELCHAT_PRICES", "OPENAI_API_KEY",
        "--gateway-url", "KERNELCHAT_GATEWAY_URL", "--gateway-token", "KERNELCHAT_GATEWAY_TOKEN", "--gateway-header",
        "--gateway-ca", "--gateway-connect-timeout", "--gateway-request-timeout");
  }

  @Test
  void aBadValueIsAClearErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main(Map.of("KERNELCHAT_HOME", dir.toString())))
        .setErr(new PrintWriter(err));
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    try {
      assertThat(cli.execute("--idle-timeout", "soon", "--home", dir.toString())).isNotZero();
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString()).contains("--idle-timeout").contains("soon").doesNotContain("Exception");
  }

  @Test
  void aPythonThatCannotRunAKernelIsToldAtStartWithWhatToInstall() throws Exception {
    Path noIpykernel = dir.resolve("venv");
    Process venv = new ProcessBuilder("python3", "-m", "venv", "--without-pip", noIpykernel.toString())
        .redirectErrorStream(true).start();
    venv.getInputStream().readAllBytes();
    assertThat(venv.waitFor()).isZero();
    assertThat(startFails("--python", "/bin/echo")).contains("/bin/echo").contains("not a Python");
    assertThat(startFails("--python", noIpykernel.resolve("bin/python").toString()))
        .contains("No module named 'ipykernel'").contains("pip install --upgrade ipykernel");
  }

  /** Runs the command line with a throwaway home; it must fail; returns what it printed on stderr. */
  private String startFails(String... args) {
    Map<String, String> env = Map.of("KERNELCHAT_HOME", dir.resolve("home").toString(), "KERNELCHAT_PORT", "0",
        "KERNELCHAT_NO_BROWSER", "true");
    CommandLine cli = new CommandLine(new Main(env)).setDefaultValueProvider(Settings.provider(env));
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    try {
      assertThat(cli.execute(args)).isNotZero();
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    return captured.toString();
  }

  private static ServerOptions parse(Map<String, String> env, String... args) {
    Main main = new Main(env);
    new CommandLine(main).setDefaultValueProvider(Settings.provider(env)).parseArgs(args);
    return main.options();
  }
}
