package io.kernelchat.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The independent clients the suite drives kernelchat with (the Python MCP SDK, an OpenAPI validator), installed
 * by {@code scripts/provision-test-clients} on first use (quietly when already there), and a way to run them.
 */
public final class TestClients {
  private static Path dir;

  private TestClients() {}

  /** The clients' directory: {@code bin/python} has the {@code mcp} package, {@code node_modules} the validator. */
  public static synchronized Path dir() {
    if (dir == null) {
      Path script = Path.of("..", "scripts", "provision-test-clients").toAbsolutePath().normalize();
      Result r = run(Path.of("."), 600, List.of(script.toString()));
      if (r.exitCode() != 0) {
        throw new AssertionError("scripts/provision-test-clients failed:\n" + r.stderr());
      }
      dir = Path.of(r.stdout().strip());
    }
    return dir;
  }

  public static Path python() {
    return dir().resolve("bin/python");
  }

  /** A resource of this test tree as a file, e.g. {@code mcp/drive_kernelchat.py}. */
  public static Path resource(String name) {
    return Path.of("src/test/resources").resolve(name).toAbsolutePath();
  }

  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code command} in {@code directory}, failing the test if it takes longer than {@code seconds}. */
  public static Result run(Path directory, int seconds, List<String> command) {
    return run(directory, seconds, command, Map.of());
  }

  /** The same with {@code environment} added to this process's. */
  public static Result run(Path directory, int seconds, List<String> command, Map<String, String> environment) {
    try {
      Path out = Files.createTempFile("client-out", ".txt");
      Path err = Files.createTempFile("client-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
      builder.environment().putAll(environment);
      Process p = builder.directory(directory.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      p.getOutputStream().close();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(command + " took longer than " + seconds + " s; stderr:\n" + Files.readString(err));
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("could not run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
