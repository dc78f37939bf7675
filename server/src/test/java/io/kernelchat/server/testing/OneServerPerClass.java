package io.kernelchat.server.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real server per test class, with its own home: started before the class's tests, closed after them. */
public abstract class OneServerPerClass {
  @TempDir protected static Path home;
  protected static RunningServer server;

  @BeforeAll
  static void startServer() {
    server = RunningServer.start(home);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }
}
