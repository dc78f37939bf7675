package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Runs a Python baseline script from bench/python, which prints one JSON object of timing lists. */
final class PythonBaseline {
  private PythonBaseline() {}

  static Map<String, List<Double>> run(Path python, Path script, List<String> args) throws IOException,
      InterruptedException {
    return run(python, script, args, Map.of());
  }

  /** As {@link #run(Path, Path, List)}, with {@code environment} added to the script's (and its kernel's). */
  static Map<String, List<Double>> run(Path python, Path script, List<String> args, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), "--python",
        python.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(script.getFileName() + " failed (exit " + process.exitValue() + "): "
          + new String(out, StandardCharsets.UTF_8));
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    JsonNode json = new ObjectMapper().readTree(text.substring(text.lastIndexOf("\n") + 1));
    Map<String, List<Double>> result = new TreeMap<>();
    json.fields().forEachRemaining(e -> {
      List<Double> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asDouble()));
      result.put(e.getKey(), values);
    });
    return result;
  }
}
