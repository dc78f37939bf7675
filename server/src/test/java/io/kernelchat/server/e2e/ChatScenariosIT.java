package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a person does with kernelchat, end to end: real server process, real kernel, fake model, Chromium. */
class ChatScenariosIT extends BrowserTest {
  @TempDir
  Path scratch;
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withScenarioModel("chat-scenarios");

  @Override
  protected KernelchatApp app() {
    return app.get();
  }

  @BeforeEach
  void freshConversation() {
    page.open().newConversation();
  }

  @Test
  void anUploadedCsvComesBackWithoutTheColumnTheModelWasAskedToRemove() throws Exception {
    Path csv = Files.writeString(scratch.resolve("people.csv"),
        "name,email,age\nAda,ada@example.org,36\nAlan,alan@example.org,41\n");
    page.upload(csv);
    assertThat(page.fileChip("people.csv")).containsText("people.csv");

    page.ask("Please remove the email column from people.csv and save the result.");

    assertThat(page.fileChip("people_clean.csv")).isVisible();
    page.waitUntilIdle();
    assertThat(page.assistantMessages().last()).containsText("columns: ['name', 'age']");
    String cleaned = Files.readString(page.download("people_clean.csv", scratch.resolve("got.csv")), StandardCharsets.UTF_8);
    Assertions.assertThat(cleaned.lines()).containsExactly("name,age", "Ada,36", "Alan,41");
  }

  @Test
  void anImportedNotebookShowsItsCellsAndRunAllRebuildsItsVariables() throws Exception {
    Path notebook = Files.writeString(scratch.resolve("Totals.ipynb"), """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3"}},
         "cells": [{"cell_type": "markdown", "metadata": {}, "source": "Adds things up."},
                   {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["x = 6 * 7\\n", "print(x)"],
                    "outputs": [{"output_type": "stream", "name": "stdout", "text": "42 from before\\n"}]}]}""");

    page.importNotebook(notebook);

    assertThat(page.headerTitle()).hasText("Totals");
    assertThat(page.cells()).hasCount(1);
    assertThat(page.cells().first().getByTestId("output-stdout")).hasText("42 from before");
    page.runAll();
    assertThat(page.cells().first().getByTestId("output-stdout")).hasText("42");
    assertThat(page.cells()).hasCount(1);
    page.runCode("print(x + 1)");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("43");
  }

  @Test
  void aDroppedWeightsFileGetsTheBestKnapsackSelection() {
    page.dropFile("weights.txt", "tent 5 10\nstove 4 40\nrope 6 30\nlamp 3 50\n");
    assertThat(page.fileChip("weights.txt")).containsText("weights.txt");

    page.ask("Solve the knapsack for the items in weights.txt with a capacity of 10.");

    page.waitUntilIdle();
    assertThat(page.cells().last()).hasAttribute("data-status", "ok");
    assertThat(page.assistantMessages().last()).containsText("best selection: lamp, stove (value 90)");
  }

  @Test
  void aTurnShowsTheTokensItUsedAndWhatTheyCostAndTheConversationKeepsItsTotalAfterAReload() {
    page.ask("plot a sine wave");
    page.waitUntilIdle();
    // Two calls to the fake model (the code, then the answer), each 12 tokens in (4 cached) and 5 out; at the
    // scenario model's prices 16 uncached, 8 cached and 10 out cost (16 * 2.50 + 8 * 1.25 + 10 * 10) / 1e6 dollars.
    String used = "24 in (8 cached), 10 out · $0.00015";
    assertThat(page.raw().getByTestId("turn-tokens")).containsText("Last turn: " + used);
    assertThat(page.raw().getByTestId("conversation-tokens")).hasText("Conversation: " + used);
    assertThat(page.raw().getByTestId("message-turn-tokens")).hasText(used);
    page.reload();
    assertThat(page.raw().getByTestId("conversation-tokens")).hasText("Conversation: " + used);
    assertThat(page.raw().getByTestId("message-turn-tokens")).hasText(used);
  }

  @Test
  void aSineWavePlotShowsAsAnImageAndNamesTheConversation() {
    assertThat(page.sidebarTitle()).hasText("New conversation");
    page.ask("plot a sine wave");
    assertThat(page.sidebarTitle()).hasText("plot a sine wave");
    assertThat(page.headerTitle()).hasText("plot a sine wave");

    assertThat(page.cells().last().getByTestId("output-image")).isVisible();
    page.waitUntilIdle();
    Object width = page.cells().last().getByTestId("output-image").evaluate("img => img.naturalWidth");
    Assertions.assertThat(((Number) width).intValue()).isGreaterThan(100);
  }

  @Test
  void aFailingFirstAttemptShowsItsTracebackThenTheFixAndTheAnswer() {
    page.ask("What is the average of 2, 4 and 9?");

    page.waitUntilIdle();
    assertThat(page.cells()).hasCount(2);
    assertThat(page.cells().nth(0)).hasAttribute("data-status", "error");
    assertThat(page.cells().nth(0).getByTestId("output-error")).containsText("NameError");
    assertThat(page.cells().nth(1)).hasAttribute("data-status", "ok");
    assertThat(page.cells().nth(1).getByTestId("output-stdout")).containsText("5");
    assertThat(page.assistantMessages().last()).containsText("Finished");
  }

  @Test
  void stoppingALongRunningCellMarksItInterruptedAndThePageStaysUsable() {
    page.ask("Run the job forever.");
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("tick 2");

    page.stop();

    assertThat(page.cells().last()).hasAttribute("data-status", "interrupted");
    page.waitUntilIdle();
    page.runCode("print(6 * 7)");
    assertThat(page.cells().last()).hasAttribute("data-status", "ok");
    assertThat(page.cells().last().getByTestId("output-stdout")).hasText("42");
  }

  @Test
  void aLongCellShowsItsTimeSoFarAndItsProgressBarAsItsLastStateAlsoAfterAReload() {
    page.runCode("import sys, time\nfor i in range(1, 5):\n    sys.stderr.write(f'\\rstep {i}/4')\n    time.sleep(1)\n"
        + "sys.stderr.write('\\n');");
    Locator cell = page.cells().last();
    assertThat(cell.getByTestId("cell-duration")).hasText("1 s");
    assertThat(cell.getByTestId("cell-duration")).hasText("2 s");
    assertThat(cell.getByTestId("output-stderr")).hasText(Pattern.compile("^step [1-4]/4$"));   // one line, redrawn

    assertThat(cell).hasAttribute("data-status", "ok");
    assertThat(cell.getByTestId("cell-duration")).containsText(".");   // the duration, e.g. "4.0 s"
    assertThat(cell.getByTestId("output-stderr")).hasText("step 4/4");
    page.reload();
    assertThat(page.cells().last().getByTestId("output-stderr")).hasText("step 4/4");
  }

  @Test
  void reloadingMidConversationKeepsEverythingAndTheRunningCellCarriesOn() {
    page.ask("plot a sine wave");
    page.waitUntilIdle();
    page.ask("Run the job forever.");
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("tick 1");
    String address = page.raw().url();

    page.reload();

    Assertions.assertThat(page.raw().url()).isEqualTo(address).doesNotContain("token");
    assertThat(page.cells()).hasCount(2);
    assertThat(page.cells().first().getByTestId("output-image")).isVisible();
    assertThat(page.raw().getByTestId("message-user")).hasCount(2);
    assertThat(page.cells().last()).hasAttribute("data-status", "running");
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("tick 8");
    page.stop();
    assertThat(page.cells().last()).hasAttribute("data-status", "interrupted");
  }

  /**
   * Once the transcript has stopped scrolling: each frame for 2.5 s, where the cell first on screen is, relative
   * to the transcript. Earlier items read meanwhile (the first cell of the list changes) must not move it.
   */
  private static final String HOLDS_ITS_PLACE = """
      async () => {
        const box = document.querySelector('[data-testid=transcript]');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const label = (cell) => cell.querySelector('[data-testid=code]').textContent.split('\\n')[0];
        const firstLabel = () => label(document.querySelector('[data-testid=cell]'));
        for (let still = 0, top = -1; still < 5; still = box.scrollTop === top ? still + 1 : 0) {
          top = box.scrollTop;
          await frame();
        }
        const view = box.getBoundingClientRect();
        const anchor = label([...document.querySelectorAll('[data-testid=cell]')]
            .find((c) => c.getBoundingClientRect().bottom > view.top));
        const firstBefore = firstLabel();
        const offsets = [];
        for (const start = performance.now(); performance.now() - start < 2500;) {
          const cell = [...document.querySelectorAll('[data-testid=cell]')].find((c) => label(c) === anchor);
          offsets.push(cell ? Math.round(cell.getBoundingClientRect().top - view.top) : null);
          await frame();
        }
        return { anchor, first: firstLabel(), readEarlier: firstLabel() !== firstBefore,
          moved: offsets.some((o) => o === null || Math.abs(o - offsets[0]) > 2) };
      }""";

  @Test
  void aLongConversationOpensAtItsEndReadsEarlierItemsOnTheWayUpAndFollowsNewOutput() {
    page.executeThroughTheApi(IntStream.range(0, 300).mapToObj(i -> "# cell " + i + "\n" + (i % 4 == 0
        ? "import pandas as pd\npd.DataFrame({'marker': ['frame " + i + "']})" : "print('line of cell " + i + "')"))
        .toList());
    page.reload();

    Locator last = page.cells().last();
    assertThat(last).containsText("# cell 299");
    assertThat(last).isInViewport();
    // Only what is near the viewport is in the page: find-in-page sees that part, inline tables included.
    Assertions.assertThat(page.cells().count()).isLessThan(30);
    Assertions.assertThat(page.raw().evaluate("window.find('frame 296', false, false, true)")).isEqualTo(true);
    Assertions.assertThat(page.raw().evaluate("window.find('line of cell 3', false, false, true)")).isEqualTo(false);

    // Up to the first cell, with the wheel: five earlier pages of 50 are read on the way, none moving what is
    // on screen. Each page is held back half a second, so it arrives while the cell on screen is watched.
    page.raw().route(url -> url.contains("before="), route -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      route.resume();
    });
    page.transcript().hover();
    String first = "";
    int readsSeen = 0;
    for (int turns = 0; !first.equals("# cell 0") && turns < 20; turns++) {
      page.raw().mouse().wheel(0, -20_000);
      @SuppressWarnings("unchecked")
      Map<String, Object> step = (Map<String, Object>) page.raw().evaluate(HOLDS_ITS_PLACE);
      Assertions.assertThat(step.get("moved")).as("cell %s moved while earlier items came", step.get("anchor"))
          .isEqualTo(false);
      readsSeen += Boolean.TRUE.equals(step.get("readEarlier")) ? 1 : 0;
      first = (String) step.get("first");
    }
    Assertions.assertThat(first).isEqualTo("# cell 0");
    Assertions.assertThat(readsSeen).isPositive();

    // Back at the end, a cell that streams is followed; scrolled up a little, the page stays where it was put.
    page.raw().evaluate("() => { const t = document.querySelector('[data-testid=transcript]'); t.scrollTop = t.scrollHeight; }");
    page.runCode("import time\nfor i in range(60):\n    print('tick', i, flush=True)\n    time.sleep(0.1)");
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("tick 20");
    Assertions.assertThat(page.distanceFromBottom()).isLessThan(80);
    page.transcript().hover();
    page.raw().mouse().wheel(0, -400);
    page.raw().waitForTimeout(300);
    double away = page.distanceFromBottom();
    Assertions.assertThat(away).isGreaterThan(80);
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("tick 35");
    Assertions.assertThat(page.distanceFromBottom()).isGreaterThan(away);
    assertThat(page.cells().last()).hasAttribute("data-status", "ok", new com.microsoft.playwright.assertions
        .LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
  }
}
