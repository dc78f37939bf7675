package io.kernelchat.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one kernelchat process for a test class, in a fresh data directory, and stops it (and removes the
 * directory) after the class. Register it as a static {@code @RegisterExtension} field.
 */
final class AppUnderTest implements BeforeAllCallback, AfterAllCallback {
  private interface Starter {
    KernelchatApp start(String name, Path dataDir) throws Exception;
  }

  private final String name;
  private final Starter starter;
  private Path dataDir;
  private KernelchatApp app;

  private AppUnderTest(String name, Starter starter) {
    this.name = name;
    this.starter = starter;
  }

  /** The app talking to a fake model that plays {@link ScenarioModel}. */
  static AppUnderTest withScenarioModel(String name) {
    return new AppUnderTest(name, KernelchatApp::withScenarioModel);
  }

  /** The app with these extra environment variables and no model. */
  static AppUnderTest withEnvironment(String name, Map<String, String> env) {
    return new AppUnderTest(name, (n, dir) -> KernelchatApp.start(n, dir, env));
  }

  KernelchatApp get() {
    return app;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dataDir = Files.createTempDirectory("kernelchat-e2e-" + name + "-");
    app = starter.start(name, dataDir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
