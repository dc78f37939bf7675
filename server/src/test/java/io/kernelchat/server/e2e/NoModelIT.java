package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without any model the page says how to configure one and still runs Python. */
class NoModelIT extends BrowserTest {
  @TempDir
  static Path dataDir;
  private static KernelchatApp app;

  @BeforeAll
  static void startApp() throws Exception {
    app = KernelchatApp.start("no-model", dataDir, Map.of());
  }

  @AfterAll
  static void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Override
  protected KernelchatApp app() {
    return app;
  }

  @Test
  void theNoticeShowsAndCodeRunsDirectly() {
    page.open();

    assertThat(page.noModelNotice()).isVisible();
    assertThat(page.raw().getByTestId("mode-ask")).isDisabled();
    page.runCode("import math\nprint(math.factorial(5))");

    assertThat(page.cells().last()).hasAttribute("data-status", "ok");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("120");
    assertThat(page.kernelStatus()).hasAttribute("data-status", "idle");
  }

  @Test
  void aCellCanBeEditedAndRunAgain() {
    page.open().newConversation();
    page.runCode("print(1 / 0)");
    assertThat(page.cells().last()).hasAttribute("data-status", "error");
    assertThat(page.cells().last().getByTestId("output-error")).containsText("ZeroDivisionError");

    page.cells().last().getByTestId("edit-cell").click();
    page.cells().last().getByTestId("code-input").fill("print(1 / 4)");
    page.cells().last().getByTestId("run-code").click();

    assertThat(page.cells()).hasCount(2);
    assertThat(page.cells().last()).hasAttribute("data-status", "ok");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("0.25");
  }
}
