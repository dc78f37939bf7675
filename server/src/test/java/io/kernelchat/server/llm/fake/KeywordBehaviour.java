package io.kernelchat.server.llm.fake;

import java.util.Locale;
import java.util.function.Function;

/**
 * A scripted model for end-to-end tests that start the app as a separate process. It picks code by keywords
 * in the user's last message ("plot", "csv", "table", "error", "slow", "sum"), calls the {@code python} tool
 * (or writes a fenced block when the request offers no tools), fixes a {@code NameError} once it sees one,
 * and answers in plain text after seeing the output.
 */
public final class KeywordBehaviour implements Function<RecordedRequest, ScriptedReply> {
  static final String FIXED_CODE = "undefined_name = 42\nprint(undefined_name)";

  @Override
  public ScriptedReply apply(RecordedRequest request) {
    boolean tools = request.offersTools();
    String output = tools ? (request.lastRole().equals("tool") ? request.lastTextOf("tool") : null)
        : outputShownInFencedMode(request);
    if (output != null) {
      if (output.contains("NameError")) {
        return reply(tools, "I forgot to define the name; fixing it.", FIXED_CODE);
      }
      return FakeOpenAiServer.text("Done. The code printed:\n" + output.substring(0, Math.min(300, output.length())));
    }
    String code = codeFor(request.lastTextOf("user").toLowerCase(Locale.ROOT));
    return code == null
        ? FakeOpenAiServer.text("Hello! I am the fake model. Ask me to plot, make a csv, a table, a sum, an error or something slow.")
        : reply(tools, "Let me run some Python.", code);
  }

  private static ScriptedReply reply(boolean tools, String prose, String code) {
    return tools ? FakeOpenAiServer.toolCall(prose, code) : FakeOpenAiServer.fencedCode(prose, code);
  }

  private static String outputShownInFencedMode(RecordedRequest request) {
    String last = request.lastRole().equals("user") ? request.lastTextOf("user") : "";
    return last.startsWith("Output of your code") ? last : null;
  }

  private static String codeFor(String text) {
    if (text.contains("plot")) {
      return "import matplotlib.pyplot as plt\nimport numpy as np\nx = np.linspace(0, 6.3, 100)\n"
          + "plt.plot(x, np.sin(x))\nplt.title('sine')\nplt.show()";
    }
    if (text.contains("csv") || text.contains("file")) {
      return "import pandas as pd\npd.DataFrame({'x': [1, 2, 3], 'y': [4, 5, 6]}).to_csv('out.csv', index=False)\n"
          + "print('saved out.csv')";
    }
    if (text.contains("table")) {
      return "import pandas as pd\npd.DataFrame({'city': ['Oslo', 'Lima'], 'people': [700000, 10000000]})";
    }
    if (text.contains("error") || text.contains("fix")) {
      return "print(undefined_name)";
    }
    if (text.contains("slow") || text.contains("sleep")) {
      return "import time\nfor i in range(120):\n    print(i, flush=True)\n    time.sleep(0.5)";
    }
    if (text.contains("sum") || text.contains("code")) {
      return "print(sum(range(101)))";
    }
    return null;
  }
}
