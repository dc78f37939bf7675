package io.kernelchat.server.e2e;

import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import java.util.Locale;
import java.util.function.Function;

/**
 * The fake model behind the browser scenarios: it picks the code a real model would write from keywords
 * in the person's request, calls the python tool, fixes its own NameError once, and answers from the
 * output it was shown.
 */
final class ScenarioModel implements Function<RecordedRequest, ScriptedReply> {
  static final String DROP_COLUMN = """
      import pandas as pd
      df = pd.read_csv('people.csv')
      df = df.drop(columns=['email'])
      df.to_csv('people_clean.csv', index=False)
      print('columns:', list(df.columns))""";
  static final String KNAPSACK = """
      items = []
      for line in open('weights.txt'):
          name, weight, value = line.split()
          items.append((name, int(weight), int(value)))
      capacity = 10
      best = {0: (0, [])}
      for name, weight, value in items:
          for used, (total, chosen) in list(best.items()):
              if used + weight <= capacity and best.get(used + weight, (-1,))[0] < total + value:
                  best[used + weight] = (total + value, chosen + [name])
      total, chosen = max(best.values())
      print(f"best selection: {', '.join(sorted(chosen))} (value {total})")""";
  static final String SINE = """
      import matplotlib.pyplot as plt
      import numpy as np
      x = np.linspace(0, 2 * np.pi, 200)
      plt.plot(x, np.sin(x))
      plt.title('sine wave')
      plt.show()""";
  static final String FAILING_MEAN = "print(mean([2, 4, 9]))";
  static final String FIXED_MEAN = "from statistics import mean\nprint(mean([2, 4, 9]))";
  static final String LONG_LOOP = """
      import time
      i = 0
      while True:
          print('tick', i, flush=True)
          i += 1
          time.sleep(0.2)""";
  static final String HOSTILE_OUTPUTS = """
      from IPython.display import HTML, Markdown, display
      display(HTML('<img src=x onerror="parent.document.title=\\'pwned\\';alert(1)">'))
      display(HTML('<script>parent.document.title="pwned";alert(2)</script><b>bold from kernel</b>'))
      display(Markdown('![tracker](http://127.0.0.1:9/leak.png) <img src=x onerror="alert(3)">'))
      print('hostile outputs shown')""";

  static final String LOG_IN = """
      import getpass
      password = getpass.getpass('Password: ')
      print('logged in with a password of', len(password), 'characters')""";

  @Override
  public ScriptedReply apply(RecordedRequest request) {
    if (request.lastRole().equals("tool")) {
      String output = request.lastTextOf("tool");
      if (output.contains("NameError")) {
        return FakeOpenAiServer.toolCall("`mean` is not defined; importing it from statistics.", FIXED_MEAN);
      }
      return FakeOpenAiServer.text("Finished. The output was:\n\n```\n" + firstLines(output) + "\n```");
    }
    String asked = request.lastTextOf("user").toLowerCase(Locale.ROOT);
    if (asked.contains("remove the email column")) {
      return FakeOpenAiServer.toolCall("I'll drop the column and save the result.", DROP_COLUMN);
    }
    if (asked.contains("knapsack")) {
      return FakeOpenAiServer.toolCall("Solving the knapsack with dynamic programming.", KNAPSACK);
    }
    if (asked.contains("sine")) {
      return FakeOpenAiServer.toolCall("Plotting.", SINE);
    }
    if (asked.contains("average")) {
      return FakeOpenAiServer.toolCall("Computing the average.", FAILING_MEAN);
    }
    if (asked.contains("forever")) {
      return FakeOpenAiServer.toolCall("Starting the long job.", LONG_LOOP);
    }
    if (asked.contains("log me in")) {
      return FakeOpenAiServer.toolCall("I need your password for that.", LOG_IN);
    }
    if (asked.contains("hostile")) {
      return FakeOpenAiServer.toolCall("Model text with <img src=x onerror=\"alert(4)\"> in it.", HOSTILE_OUTPUTS);
    }
    return FakeOpenAiServer.text("Hello from the scenario model.");
  }

  private static String firstLines(String output) {
    String trimmed = output.strip();
    return trimmed.length() > 400 ? trimmed.substring(0, 400) : trimmed;
  }
}
