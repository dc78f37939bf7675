package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Ask before running": the model's code waits in the page until the person runs it, edits it or rejects it. */
class ApprovalIT extends BrowserTest {
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withScenarioModel("approval");

  @Override
  protected KernelchatApp app() {
    return app.get();
  }

  @BeforeEach
  void freshConversationThatAsks() {
    page.open().newConversation();
    page.askBeforeRunning();
  }

  @Test
  void anEditedProposalRunsAsEditedAfterAReloadAndTheModelIsToldWhatRan() {
    page.ask("What is the average of 2, 4 and 9?");
    Locator cell = page.cells().last();
    assertThat(cell).hasAttribute("data-status", "proposed");

    page.reload();

    cell = page.cells().last();
    assertThat(cell).hasAttribute("data-status", "proposed");
    page.approveEdited(cell, "print('edited by the person')");
    assertThat(cell).hasAttribute("data-status", "ok");
    assertThat(cell.getByTestId("output-stdout")).hasText("edited by the person");
    page.waitUntilIdle();
    assertThat(page.assistantMessages().last()).containsText("The person edited your code");
  }

  @Test
  void aRejectedProposalRunsNothingAndTheModelHearsWhy() {
    page.ask("plot a sine wave");
    Locator cell = page.cells().last();
    page.reject(cell, "no plots today");

    assertThat(cell).hasAttribute("data-status", "rejected");
    page.waitUntilIdle();
    assertThat(cell.getByTestId("output-image")).hasCount(0);
    assertThat(page.assistantMessages().last()).containsText("no plots today");
  }
}
