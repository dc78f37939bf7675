package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.kernelchat.server.kernels.Sandbox;
import io.kernelchat.server.kernels.SandboxMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Without any model the page says how to configure one and still runs Python (uploads are capped at 4 KB here). */
class NoModelIT extends BrowserTest {
  @TempDir
  Path scratch;
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withEnvironment("no-model", Map.of("KERNELCHAT_UPLOAD_LIMIT", "4k"));

  @Override
  protected KernelchatApp app() {
    return app.get();
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

  @Test
  void thePageFitsEightHundredPixelsAndFollowsADarkSystemTheme() {
    page.raw().setViewportSize(800, 700);
    page.raw().emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
    page.open();
    page.runCode("print('dark')");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("dark");

    Object overflow = page.raw().evaluate("document.documentElement.scrollWidth - window.innerWidth");
    Assertions.assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    assertThat(page.raw().getByTestId("sidebar")).isInViewport();
    assertThat(page.raw().getByTestId("composer")).isInViewport();
    Object background = page.raw().evaluate("getComputedStyle(document.documentElement).backgroundColor");
    Assertions.assertThat((String) background).isEqualTo("rgb(23, 25, 29)");
  }

  @Test
  void aFilePastTheUploadLimitFailsClearlyWhileASmallOneBecomesAChip() throws Exception {
    page.open().newConversation();
    Path small = Files.writeString(scratch.resolve("small.txt"), "hello\n");
    Path big = Files.write(scratch.resolve("big.bin"), new byte[64 * 1024]);

    page.upload(small, big);

    assertThat(page.fileChip("small.txt")).containsText("6 B");
    assertThat(page.raw().getByTestId("upload-error")).isVisible();
    // small.txt's row may still be there for a moment (its chip can come before its upload's reply): only
    // big.bin's row stays, marked failed.
    assertThat(page.raw().locator("[data-testid=upload-progress].failed")).containsText("big.bin");
    assertThat(page.raw().getByTestId("upload-progress")).hasCount(1);
    assertThat(page.fileChip("big.bin")).hasCount(0);
    page.runCode("print(open('small.txt').read().strip())");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("hello");
  }

  @Test
  void whenTheKernelDiesThePageSaysSoAndTheNextCellRunsInAFreshKernel() {
    page.open().newConversation();
    page.runCode("secret = 1");
    assertThat(page.cells().last()).hasAttribute("data-status", "ok");

    page.runCode("import os\nos._exit(1)");

    assertThat(page.cells().last()).hasAttribute("data-status", "error");
    assertThat(page.raw().getByTestId("message-notice")).containsText("kernel died");
    page.runCode("print('secret' in globals())");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("False");
  }

  @Test
  void tablesLatexAndColouredTracebacksRenderUnderTheStrictContentPolicy() {
    page.open().newConversation();

    page.runCode("import pandas as pd\npd.DataFrame({'city': ['Oslo', 'Lima'], 'people': [709000, 10092000]})");
    // A DataFrame is shown inline, sanitised (Playwright's locators reach into its shadow root).
    assertThat(page.cells().last().getByTestId("html-inline").locator("td").first()).hasText("Oslo");
    page.runCode("from IPython.display import Math\nMath(r'\\int_0^1 x^2\\,dx = \\frac{1}{3}')");
    assertThat(page.cells().last().locator(".katex")).isVisible();
    page.runCode("{}['missing']");
    assertThat(page.cells().last().getByTestId("output-error").locator(".ansi-fg-red").first()).isVisible();

    Assertions.assertThat(pageIncidents).isEmpty();
  }

  @Test
  void anRConversationChosenInThePageSaysRInItsHeaderAndShowsRsTablesPlotsAndErrors() {
    page.open();
    page.raw().getByTestId("new-conversation-kernel").selectOption("ir");
    page.newConversation();
    assertThat(page.raw().getByTestId("kernelspec")).hasText("R");

    page.runCode("data.frame(city = c('Oslo', 'Lima'), people = c(709000, 10092000))");
    // IRkernel's table is plain HTML: shown inline, sanitised, as a DataFrame is.
    assertThat(page.cells().last().getByTestId("html-inline").locator("td").first()).hasText("Oslo");
    page.runCode("plot(1:10, main = 'squares')");
    assertThat(page.cells().last().getByTestId("output-image")).isVisible();
    Assertions.assertThat(page.cells().last().getByTestId("output-image").getAttribute("src")).startsWith("data:image/png");
    page.runCode("stop('no such column')");
    assertThat(page.cells().last()).hasAttribute("data-status", "error");
    assertThat(page.cells().last().getByTestId("output-error")).containsText("no such column");
    Assertions.assertThat(pageIncidents).isEmpty();
  }

  @Test
  void aSandboxedKernelReachesNoPortUntilThePersonTurnsTheNetworkOn() {
    Assumptions.assumeThat(Sandbox.decide(SandboxMode.REQUIRED).on()).as("bubblewrap works here (./test installs it)").isTrue();
    page.open().newConversation();
    assertThat(page.sandboxBadge()).hasAttribute("data-sandbox", "on");
    assertThat(page.sandboxBadge()).hasText("Sandboxed");
    assertThat(page.networkSwitch()).not().isChecked();
    int port = URI.create(app.get().origin()).getPort();
    String connect = "import socket\nsocket.create_connection(('127.0.0.1', " + port + "), timeout=2).close()\nprint('connected')";

    page.runCode(connect);
    assertThat(page.cells().last()).hasAttribute("data-status", "error");
    // The kernel's loopback is its own: nothing listens on the app's port there.
    assertThat(page.cells().last().getByTestId("output-error")).containsText("ConnectionRefusedError");

    page.toggleNetworkRestartingTheKernel();

    assertThat(page.raw().getByTestId("message-notice").last()).containsText("network is now on");
    assertThat(page.networkSwitch()).isChecked();
    Assertions.assertThat(page.kernelFromApi()).containsEntry("sandbox", "on").containsEntry("network", true);
    // With the network on the kernel shares the machine's, loopback included.
    page.runCode(connect);
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("connected");
    Assertions.assertThat(pageIncidents).isEmpty();
  }
}
