package io.kernelchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's table with its notes. Most compare our median and p99 against a baseline's, with the ratio of
 * medians; {@link #table} makes one with columns of the benchmark's own.
 */
final class Report {
  private final String title;
  private final String header;
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Report(String title, String ours) {
    this(title, ours, "measure (ms)");
  }

  /** @param measure the first column's heading, naming the unit when it is not milliseconds for every row */
  Report(String title, String ours, String measure) {
    this(title, List.of(measure, ours + " median", "p99", "baseline", "baseline median", "p99", "ratio"),
        "|---|---:|---:|---|---:|---:|---:|\n");
  }

  private Report(String title, List<String> columns, String alignment) {
    this.title = title;
    this.header = "| " + String.join(" | ", columns) + " |\n" + alignment;
  }

  /** A table with these columns: the first left-aligned, the others (numbers) right-aligned. */
  static Report table(String title, String... columns) {
    return new Report(title, List.of(columns), "|---" + "|---:".repeat(columns.length - 1) + "|\n");
  }

  String title() {
    return title;
  }

  void compare(String what, Samples mine, Samples baseline, String baselineName) {
    rows.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s | %.2f | %.2f | **%.2f** |", what, mine.median(),
        mine.p99(), baselineName, baseline.median(), baseline.p99(), mine.median() / baseline.median()));
  }

  void alone(String what, Samples mine) {
    rows.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | (none) | | | |", what, mine.median(), mine.p99()));
  }

  /** A row of a {@link #table}. */
  void row(String... cells) {
    rows.add("| " + String.join(" | ", cells) + " |");
  }

  void note(String text) {
    notes.add(text);
  }

  /** The Markdown table with its notes. */
  String markdown() {
    StringBuilder md = new StringBuilder(header);
    rows.forEach(r -> md.append(r).append('\n'));
    notes.forEach(n -> md.append('\n').append(n).append('\n'));
    return md.toString();
  }
}
