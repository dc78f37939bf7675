package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationTitleTest {
  @Test
  void aShortMessageIsTheTitleAsItIs() {
    assertThat(ConversationTitle.fromMessage("  Plot a sine wave  ")).isEqualTo("Plot a sine wave");
  }

  @Test
  void onlyTheFirstNonBlankLineCountsWithItsWhitespaceCollapsed() {
    assertThat(ConversationTitle.fromMessage("\n\n  Summarise\tsales.csv  by region\nthen plot it"))
        .isEqualTo("Summarise sales.csv by region");
  }

  @Test
  void aLongLineIsCutAtAWordAndEndsWithAnEllipsis() {
    String title = ConversationTitle.fromMessage(
        "Load the quarterly revenue spreadsheet, clean the column names, and compare each region year over year");
    assertThat(title).isEqualTo("Load the quarterly revenue spreadsheet, clean the column…");
    assertThat(title.length()).isLessThanOrEqualTo(ConversationTitle.MAX_LENGTH);
  }

  @Test
  void aLongWordIsCutMidWordWithoutSplittingACharacter() {
    String title = ConversationTitle.fromMessage("😀".repeat(100));
    assertThat(title).isEqualTo("😀".repeat(ConversationTitle.MAX_LENGTH - 1) + "…");
  }
}
