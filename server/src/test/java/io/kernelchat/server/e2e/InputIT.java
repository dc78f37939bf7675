package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** input() and getpass() answered in the page, by the person, for their own cells and the model's. */
class InputIT extends BrowserTest {
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withScenarioModel("input");

  @Override
  protected KernelchatApp app() {
    return app.get();
  }

  @BeforeEach
  void freshConversation() {
    page.open().newConversation();
  }

  @Test
  void aCellThatAsksForInputShowsAFieldAndGoesOnWithTheAnswerAlsoAfterAReload() {
    page.runCode("name = input('Your name? ')\nprint('hello', name)");
    Locator cell = page.cells().last();
    assertThat(page.inputField(cell)).containsText("Your name?");

    page.reload();

    cell = page.cells().last();
    assertThat(page.inputField(cell)).containsText("Your name?");
    page.answerInput(cell, "Ada");
    assertThat(cell).hasAttribute("data-status", "ok");
    assertThat(cell.getByTestId("output-stdout")).hasText("Your name? Ada\nhello Ada");
    assertThat(page.inputField(cell)).hasCount(0);
  }

  @Test
  void aPasswordTheModelAsksForIsMaskedAndNeverShownToTheModelOrThePage() {
    page.ask("Please log me in.");
    Locator cell = page.cells().last();
    Locator field = page.inputField(cell).getByTestId("cell-input-value");
    assertThat(field).hasAttribute("type", "password");

    page.answerInput(cell, "s3cret-pw");

    page.waitUntilIdle();
    assertThat(cell).hasAttribute("data-status", "ok");
    assertThat(cell.getByTestId("output-stdout")).containsText("logged in with a password of 9 characters");
    assertThat(page.assistantMessages().last()).containsText("Password:");
    Assertions.assertThat(page.transcript().innerText()).doesNotContain("s3cret-pw");
  }

  @Test
  void stoppingACellThatWaitsForInputInterruptsIt() {
    page.runCode("input('Waiting: ')");
    Locator cell = page.cells().last();
    assertThat(page.inputField(cell)).isVisible();

    page.stop();

    assertThat(cell).hasAttribute("data-status", "interrupted");
    assertThat(page.inputField(cell)).hasCount(0);
  }
}
