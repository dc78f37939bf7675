package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the model is sent per call in the seed's typical tasks (summarise an uploaded CSV, plot it, fix an error),
 * through the real loop and a real kernel, with a vision model. Prints a table of each call's parts, in characters
 * and estimated tokens (docs/performance.md, "What a turn costs in tokens").
 */
class ContextCostTest {
  /** Text is estimated at 4 characters a token, an image at 1,000 tokens (HistoryWindow's estimates). */
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_IMAGE = 1000;
  private static final String PLOT = """
      import matplotlib.pyplot as plt
      df.groupby('month')['units'].sum().plot(kind='bar', title='Units per month')
      plt.show()""";
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    server = RunningServer.start(home, model.asDefaultModel("KERNELCHAT_VISION_MODELS", "fake-model"), 4, Duration.ofMinutes(2), 10L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void aPlotIsSentToTheModelInTheCallAfterItsCodeAndNotAgainOnceTheModelHasAnsweredIt() throws Exception {
    String id = server.newConversation();
    turn(id, "plot a line", FakeOpenAiServer.toolCall("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()"),
        FakeOpenAiServer.text("A line that rises, then falls."));
    List<RecordedRequest> plot = lastRequests(2);
    assertThat(images(plot.get(0))).isZero();
    assertThat(images(plot.get(1))).as("the call that reads the plot's cell sees the plot").isEqualTo(1);

    turn(id, "and its maximum?", FakeOpenAiServer.toolCall("print(max([1, 3, 2]))"), FakeOpenAiServer.text("3."));
    for (RecordedRequest later : lastRequests(2)) {
      assertThat(images(later)).as("the answered plot is not sent again").isZero();
      assertThat(later.allText()).contains("[image/png shown to the user]");
    }
  }

  @Test
  void theTypicalTasksCostPerCallWhatThisTablePrints() throws Exception {
    String id = server.newConversation();
    StringBuilder csv = new StringBuilder("date,month,region,product,units,price\n");
    String[] regions = {"north", "south", "east", "west"};
    for (int row = 0; row < 240; row++) {
      csv.append(String.format("2024-%02d-%02d,%d,%s,widget-%d,%d,%.2f%n", row % 12 + 1, row % 28 + 1, row % 12 + 1,
          regions[row % 4], row % 7, 5 + (row * 37) % 90, 2.5 + (row * 13) % 40 / 4.0));
    }
    RunningServer.expect(server.send(new Multipart().file("sales.csv", csv.toString().getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/" + id + "/files")).build()), 201);
    int first = model.requests().size();

    turn(id, "Summarise sales.csv", FakeOpenAiServer.toolCall("Let me load it.", """
        import pandas as pd
        df = pd.read_csv('sales.csv')
        print(df.shape)
        df.describe(include='all')"""),
        FakeOpenAiServer.text("240 rows of sales from 4 regions and 7 products; units 5 to 94, prices 2.50 to 12.25."));
    turn(id, "Plot the units per month", FakeOpenAiServer.toolCall("Here is the plot.", PLOT),
        FakeOpenAiServer.text("Units are spread evenly over the months."));
    turn(id, "What is the revenue per region?",
        FakeOpenAiServer.toolCall("df.groupby('region')['revenue'].sum()"),
        FakeOpenAiServer.toolCall("There is no revenue column; I will compute it.",
            "df['revenue'] = df['units'] * df['price']\ndf.groupby('region')['revenue'].sum()"),
        FakeOpenAiServer.text("North leads on revenue."));

    List<RecordedRequest> calls = model.requests().subList(first, model.requests().size());
    assertThat(calls).hasSize(7);
    StringBuilder table = new StringBuilder("| call | system | tools | history | images | tokens (est.) |\n"
        + "|---|---|---|---|---|---|\n");
    String[] names = {"CSV 1", "CSV 2", "plot 1", "plot 2", "error 1", "error 2", "error 3"};
    long total = 0;
    for (int i = 0; i < calls.size(); i++) {
      RecordedRequest call = calls.get(i);
      List<JsonNode> messages = call.messages();
      int system = messages.get(0).path("content").asText().length();
      int tools = call.body().path("tools").toString().length();
      int history = messages.subList(1, messages.size()).stream().mapToInt(ContextCostTest::textChars).sum();
      int images = images(call);
      long tokens = (system + tools + history) / CHARS_PER_TOKEN + (long) images * TOKENS_PER_IMAGE;
      total += tokens;
      table.append(String.format("| %s | %,d | %,d | %,d | %d | %,d |%n", names[i], system, tools, history, images,
          tokens));
    }
    table.append(String.format("| all 7 | | | | | %,d |%n", total));
    System.out.println("What the model was sent per call (characters; tokens at 4 chars each, 1,000 an image):\n"
        + table);
    assertThat(calls.get(0).allText()).as("the upload's preview reaches the model").contains("sales.csv");
  }

  /** The characters of a message's text and tool calls; an image part counts in {@link #images}, not here. */
  private static int textChars(JsonNode message) {
    int chars = message.path("tool_calls").toString().length() - (message.has("tool_calls") ? 0 : 2);
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return chars + content.asText().length();
    }
    for (JsonNode part : content) {
      chars += part.path("text").asText("").length();
    }
    return chars;
  }

  private static int images(RecordedRequest call) {
    int images = 0;
    for (JsonNode message : call.messages()) {
      for (JsonNode part : message.path("content")) {
        images += part.path("type").asText().equals("image_url") ? 1 : 0;
      }
    }
    return images;
  }

  private static List<RecordedRequest> lastRequests(int n) {
    List<RecordedRequest> all = model.requests();
    return all.subList(all.size() - n, all.size());
  }

  private static void turn(String id, String text, ScriptedReply... replies) throws Exception {
    model.enqueue(replies);
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}", 202);
      events.until(e -> e.type().equals("turn_end"), 120);
    }
  }
}
