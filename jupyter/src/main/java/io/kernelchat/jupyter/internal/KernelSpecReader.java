package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.jupyter.InterruptMode;
import io.kernelchat.jupyter.KernelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code kernels/<name>/kernel.json} files; a malformed one is logged and skipped. */
public final class KernelSpecReader {
  private static final Logger log = LoggerFactory.getLogger(KernelSpecReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private KernelSpecReader() {}

  /** Every readable spec directly under {@code kernelsDir}, sorted by name; none when it does not exist. */
  public static List<KernelSpec> readAll(Path kernelsDir) {
    if (!Files.isDirectory(kernelsDir)) {
      return List.of();
    }
    List<KernelSpec> specs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(kernelsDir)) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve("kernel.json");
        if (Files.isRegularFile(file)) {
          try {
            specs.add(read(dir.getFileName().toString().toLowerCase(), file));
          } catch (IOException | RuntimeException e) {
            log.warn("skipping kernelspec {}: {}", file, e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", kernelsDir, e.getMessage());
    }
    return specs;
  }

  static KernelSpec read(String name, Path file) throws IOException {
    JsonNode json = JSON.readTree(file.toFile());
    JsonNode argvNode = json.path("argv");
    if (!argvNode.isArray() || argvNode.isEmpty()) {
      throw new IOException("'argv' must be a non-empty list");
    }
    List<String> argv = new ArrayList<>();
    argvNode.forEach(a -> argv.add(a.asText()));
    Map<String, String> env = new LinkedHashMap<>();
    json.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    InterruptMode mode = "message".equals(json.path("interrupt_mode").asText("signal"))
        ? InterruptMode.MESSAGE : InterruptMode.SIGNAL;
    return new KernelSpec(name, argv, json.path("display_name").asText(name), json.path("language").asText(""),
        env, mode, file.getParent());
  }
}
