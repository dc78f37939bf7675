package io.kernelchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.testing.RunningServer;
import io.kernelchat.server.testing.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kernelchat ask} run as a process of its own against the fake OpenAI-compatible model server. */
class AskCommandTest {
  private static final String CODE = "import pandas as pd\nimport matplotlib.pyplot as plt\n"
      + "df = pd.read_csv('data.csv')\nprint('sum', df['n'].sum())\ndf.assign(m=df['n'] * 2).to_csv('doubled.csv')\n"
      + "plt.plot(df['n']); plt.show()";
  @TempDir Path dir;
  private FakeOpenAiServer model;
  private Path data;

  @BeforeEach
  void start() throws Exception {
    model = FakeOpenAiServer.start();
    data = Files.writeString(dir.resolve("data.csv"), "n\n1\n2\n3\n");
  }

  @AfterEach
  void stop() {
    model.close();
  }

  @Test
  void aTurnStreamsTextAndOutputSavesThePlotCopiesTheMadeFilesAndExitsZero() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("Let me read it.", CODE), FakeOpenAiServer.text("The numbers sum to 6."));
    Path out = dir.resolve("out");
    TestClients.Result r = ask("what is in this file?", "--file", data.toString(), "--out", out.toString());
    assertThat(r.exitCode()).as("stderr:\n%s", r.stderr()).isZero();
    assertThat(r.stdout()).contains("Let me read it.", "```python", "sum 6", "The numbers sum to 6.")
        .contains("[plot: " + out.resolve("plot-1.png") + "]", "[file: " + out.resolve("doubled.csv") + "]");
    assertThat(out.resolve("plot-1.png")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("doubled.csv"))).contains("m").contains("6");
    assertThat(out.resolve("data.csv")).as("the upload is not copied back").doesNotExist();
  }

  @Test
  void withJsonEachEventIsOneJsonLineEndingWithTurnEnd() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("Computing.", "print(6 * 7)"), FakeOpenAiServer.text("42."));
    TestClients.Result r = ask("what is 6*7?", "--json");
    assertThat(r.exitCode()).as("stderr:\n%s", r.stderr()).isZero();
    List<JsonNode> events = r.stdout().lines().map(ApiJson::read).toList();
    assertThat(events).extracting(e -> e.get("event").asText())
        .containsSubsequence("turn_start", "text_delta", "cell_start", "output", "cell_end", "turn_end");
    assertThat(events.get(events.size() - 1).at("/data/reason").asText()).isEqualTo("done");
    assertThat(events).anySatisfy(e -> assertThat(e.at("/data/output/text").asText()).isEqualTo("42\n"));
  }

  @Test
  void kernelAndModelChooseTheLanguageTheToolAndTheModelOfTheTurn() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("r", "In R.", "cat(sum(read.csv('data.csv')$n))"),
        FakeOpenAiServer.text("Six."));
    TestClients.Result r = ask("sum the column", "--file", data.toString(), "--kernel", "ir", "--model", "fake-other");
    assertThat(r.exitCode()).as("stderr:\n%s", r.stderr()).isZero();
    assertThat(r.stdout()).contains("In R.", "```r", "6", "Six.");
    JsonNode first = model.requests().get(0).body();
    assertThat(first.get("model").asText()).isEqualTo("fake-other");
    assertThat(first.get("tools").findValuesAsText("name")).containsExactly("r");
  }

  @Test
  void anUnknownKernelIsToldAndExitsNonZero() {
    TestClients.Result r = ask("hello", "--kernel", "no-such-kernel");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("no-such-kernel");
  }

  @Test
  void aTurnThatFailsExitsNonZeroAndSaysWhyOnStderr() {
    // Nothing scripted: the fake server answers 500, and no retries are allowed.
    TestClients.Result r = ask("hello");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("error: provider:");
  }

  @Test
  void withAGatewayItAsksForOutBecauseTheWorkspaceIsNotOnThisMachine() {
    TestClients.Result r = ask(java.util.Map.of("KERNELCHAT_GATEWAY_URL", "http://127.0.0.1:9/"), "hello");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("ask with --gateway-url needs --out DIR");
  }

  private TestClients.Result ask(String... args) {
    return ask(java.util.Map.of(), args);
  }

  private TestClients.Result ask(java.util.Map<String, String> extraEnv, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.kernelchat.server.Main", "--home", dir.resolve("home").toString(),
        "--no-browser"));
    RunningServer.python().ifPresent(p -> command.addAll(List.of("--python", p.toString())));
    command.add("ask");
    command.addAll(List.of(args));
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("OPENAI_BASE_URL", model.baseUrl(),
        "OPENAI_API_KEY", "test-key", "KERNELCHAT_MODEL", "fake-model", "KERNELCHAT_MODELS", "fake-model,fake-other",
        "KERNELCHAT_PROBE_LOCAL", "false", "KERNELCHAT_LLM_MAX_RETRIES", "0"));
    env.putAll(extraEnv);
    return TestClients.run(dir, 300, command, env);
  }
}
