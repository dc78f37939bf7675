package io.kernelchat.server.agent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The language a conversation's kernel runs, as its kernelspec says ({@code language}: python, R, octave, bash…),
 * and how the model is told about it: the tool's name, the fences that mean it, how to read a data file. A
 * language this table does not know gets the generic wording and its own name as tool and fence.
 *
 * @param name the kernelspec's {@code language}, e.g. {@code R}
 */
public record KernelLanguage(String name) {
  public static final KernelLanguage PYTHON = new KernelLanguage("python");

  /** The fence info strings of languages that have Jupyter kernels, by lower-case language name. */
  private static final Map<String, List<String>> FENCES = Map.ofEntries(
      Map.entry("python", List.of("python", "py", "python3", "ipython")),
      Map.entry("r", List.of("r")),
      Map.entry("julia", List.of("julia", "jl")),
      Map.entry("octave", List.of("octave", "matlab")),
      Map.entry("bash", List.of("bash", "sh", "shell")),
      Map.entry("javascript", List.of("javascript", "js")),
      Map.entry("typescript", List.of("typescript", "ts")),
      Map.entry("scala", List.of("scala")),
      Map.entry("ruby", List.of("ruby", "rb")),
      Map.entry("sql", List.of("sql")));
  /**
   * Fences a model uses to show the person commands to type, whatever the kernel: never taken for code
   * written in the wrong language (unless the kernel is a shell, when they are its code).
   */
  private static final String SHELL = "bash";
  /** How each language reads a CSV file; {@code %s} is the file's name. */
  private static final Map<String, String> READ_CSV = Map.of(
      "python", "pandas.read_csv(\"%s\")",
      "r", "read.csv(\"%s\")",
      "julia", "CSV.read(\"%s\", DataFrame) (CSV.jl and DataFrames.jl)",
      "octave", "csvread(\"%s\", 1, 0) (numbers only; 1, 0 skips the header row)",
      "bash", "head, cut or awk on \"%s\"");
  private static final Map<String, String> READ_EXCEL = Map.of(
      "python", "pandas.read_excel(\"%s\") (sheet_name=None reads every sheet)",
      "r", "readxl::read_excel(\"%s\") (readxl::excel_sheets lists the sheets)");

  public KernelLanguage {
    name = name == null || name.isBlank() ? "code" : name;
  }

  private String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  public boolean isPython() {
    return key().equals("python");
  }

  /** The language as prose: {@code Python 3}, {@code R}, {@code Octave}. */
  public String prose() {
    return isPython() ? "Python 3" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The model's tool: the language's name as tool names allow ({@code [a-z0-9_-]}), e.g. {@code python}, {@code r}. */
  public String toolName() {
    String tool = key().replaceAll("[^a-z0-9_-]", "_");
    return tool.replace("_", "").isEmpty() ? "code" : tool;
  }

  /** The fence to ask for, e.g. {@code r}. */
  public String fence() {
    return fences().get(0);
  }

  /** The fence info strings that mean this language. */
  public List<String> fences() {
    return FENCES.getOrDefault(key(), List.of(key()));
  }

  /** Fences that name some other language: code there is meant for another kernel. */
  Set<String> otherLanguagesFences() {
    return FENCES.entrySet().stream()
        .filter(e -> !e.getKey().equals(key()) && !e.getKey().equals(SHELL))
        .flatMap(e -> e.getValue().stream()).collect(Collectors.toUnmodifiableSet());
  }

  /** How this language reads {@code file}, when it is a CSV ({@code tsv}: tab-separated) or Excel file. */
  public Optional<String> howToRead(String file, String extension) {
    String how = switch (extension) {
      case "csv", "tsv" -> READ_CSV.get(key());
      case "xlsx", "xls" -> READ_EXCEL.get(key());
      default -> null;
    };
    return Optional.ofNullable(how).map(h -> h.formatted(file.replace("\"", "\\\""))
        + (extension.equals("tsv") ? ", tab-separated" : ""));
  }
}
