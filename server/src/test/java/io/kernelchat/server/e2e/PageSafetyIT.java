package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Model text and kernel outputs are hostile input: nothing in them may run in the page. */
class PageSafetyIT extends BrowserTest {
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withScenarioModel("page-safety");

  @Override
  protected KernelchatApp app() {
    return app.get();
  }

  @Test
  void scriptsInOutputsAndModelTextNeverRunInThePage() {
    page.open().newConversation();

    page.ask("Show me the hostile outputs.");

    page.waitUntilIdle();
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("hostile outputs shown");
    assertThat(page.raw().getByTestId("html-output")).hasCount(2);
    for (int i = 0; i < 2; i++) {
      assertThat(page.raw().getByTestId("html-output").nth(i)).hasAttribute("sandbox", "");
    }
    // The frame did render the harmless part of the HTML...
    assertThat(page.raw().frameLocator("[data-testid=html-output] >> nth=1").locator("b")).hasText("bold from kernel");
    // ...and the remote image in markdown became a link instead of a request.
    assertThat(page.raw().getByTestId("blocked-image")).hasAttribute("href", "http://127.0.0.1:9/leak.png");
    page.raw().waitForTimeout(500); // give any onerror handler the chance to fire
    Assertions.assertThat(page.raw().title()).isEqualTo("kernelchat");
    Assertions.assertThat(pageIncidents).isEmpty();
    Assertions.assertThat(page.transcript().locator("img:not([data-testid=output-image])").count()).isZero();
    Assertions.assertThat(page.raw().locator("script").count()).isEqualTo(1);
  }

  @Test
  void theTokenLeavesTheAddressBarAndLivesOnlyInAnHttpOnlyCookie() {
    page.open();

    Assertions.assertThat(page.raw().url()).doesNotContain(app.get().token());
    Object visibleCookies = page.raw().evaluate("document.cookie");
    Assertions.assertThat((String) visibleCookies).doesNotContain(app.get().token());
  }
}
