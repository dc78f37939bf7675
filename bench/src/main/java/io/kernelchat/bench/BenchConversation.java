package io.kernelchat.bench;

import java.util.List;
import java.util.Locale;

/**
 * A conversation the page bench opens: {@code cells} code cells of one kind, each made by running its code in a
 * real kernel. Every cell's code starts with a marker line ({@code # cell 299 of 300}) so the browser can tell
 * the last cell from the others.
 */
record BenchConversation(Kind kind, int cells) {
  /** What a data session is mostly made of (issue 19): small DataFrames, printed lines, and plots among them. */
  enum Kind {
    DATAFRAMES("a 5×4 DataFrame"),
    PRINTS("20 printed lines"),
    MIXED("DataFrames and prints, a plot every 10th");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  static List<BenchConversation> all(boolean quick) {
    List<Integer> sizes = quick ? List.of(30, 300) : List.of(30, 300, 3000);
    return sizes.stream().flatMap(n -> List.of(Kind.values()).stream().map(k -> new BenchConversation(k, n))).toList();
  }

  String title() {
    return "bench " + kind.name().toLowerCase(Locale.ROOT) + " " + cells;
  }

  String marker(int cell) {
    return "# cell " + cell + " of " + cells;
  }

  String lastMarker() {
    return marker(cells - 1);
  }

  String code(int cell) {
    String body = switch (kind) {
      case DATAFRAMES -> dataFrame(cell);
      case PRINTS -> prints(cell);
      case MIXED -> cell % 10 == 9 ? plot(cell) : cell % 2 == 0 ? dataFrame(cell) : prints(cell);
    };
    return marker(cell) + "\n" + body;
  }

  private static String dataFrame(int cell) {
    return "import pandas as pd\n"
        + "pd.DataFrame({'n': range(" + cell + ", " + (cell + 5) + "), 'half': [i / 2 for i in range(5)],"
        + " 'square': [i * i for i in range(5)], 'label': list('abcde')})";
  }

  private static String prints(int cell) {
    return "for i in range(20):\n    print(f'line {i} of cell " + cell + ": {i * " + cell + "}')";
  }

  private static String plot(int cell) {
    return "import matplotlib.pyplot as plt, numpy as np\n"
        + "x = np.linspace(0, 6, 60)\n"
        + "plt.figure(figsize=(4, 2.5)); plt.plot(x, np.sin(x + " + cell + ")); plt.title('cell " + cell + "'); plt.show()";
  }
}
