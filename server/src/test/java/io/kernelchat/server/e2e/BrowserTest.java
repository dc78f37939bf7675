package io.kernelchat.server.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Real Chromium (Debian's, not a downloaded one) driving the page of a real kernelchat process. Each test
 * gets a fresh browser context, so a fresh cookie, and leaves a screenshot in target/e2e-screenshots.
 */
abstract class BrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
  private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync");

  private static Playwright playwright;
  private static Browser browser;
  private BrowserContext context;
  /** Script errors and dialogs the page raised: a safe page raises none. */
  protected final List<String> pageIncidents = new ArrayList<>();
  protected ChatPage page;

  /** The app under test, started by the subclass before its tests. */
  protected abstract KernelchatApp app();

  @BeforeAll
  static void launchChromium() {
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
        .setHeadless(true)
        .setArgs(CHROMIUM_FLAGS));
  }

  @AfterAll
  static void closeChromium() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setAcceptDownloads(true));
    context.setDefaultTimeout(30_000);
    Page p = context.newPage();
    p.onPageError(error -> pageIncidents.add("page error: " + error));
    p.onDialog(dialog -> {
      pageIncidents.add("dialog: " + dialog.message());
      dialog.dismiss();
    });
    page = new ChatPage(p, app());
  }

  @AfterEach
  void saveScreenshot(TestInfo test) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    String name = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName() + ".png";
    try {
      page.raw().screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    } finally {
      context.close();
    }
  }
}
