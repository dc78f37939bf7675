package io.kernelchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's table: our median and p99 against a baseline's, with the ratio of medians. */
final class Report {
  private final String title;
  private final String ours;
  private final String measure;
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Report(String title, String ours) {
    this(title, ours, "measure (ms)");
  }

  /** @param measure the first column's heading, naming the unit when it is not milliseconds for every row */
  Report(String title, String ours, String measure) {
    this.title = title;
    this.ours = ours;
    this.measure = measure;
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

  void note(String text) {
    notes.add(text);
  }

  /** The Markdown table with its notes. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| ").append(measure).append(" | ").append(ours).append(" median | p99 | baseline | baseline median | p99 | ratio |\n");
    md.append("|---|---:|---:|---|---:|---:|---:|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    notes.forEach(n -> md.append('\n').append(n).append('\n'));
    return md.toString();
  }
}
