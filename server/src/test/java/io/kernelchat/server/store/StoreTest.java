package io.kernelchat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  private static final String OUTPUT = "{\"type\":\"stream\",\"name\":\"stdout\",\"text\":\"caf\u00e9 1\\n\"}";

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aConversationWithItsTranscriptAndHistorySurvivesReopeningTheFile() {
    Path file = dir.resolve("kernelchat.db");
    try (Database db = Database.open(file)) {
      new ConversationRepository(db).insert(new ConversationRecord("c1", "Sales", "gpt", 1, 2));
      TranscriptRepository transcript = new TranscriptRepository(db);
      transcript.addMessage("c1", new TranscriptItem.Message("m1", "user", "plot it", 3));
      transcript.addCell("c1", new TranscriptItem.Cell("x1", "print(1)", "agent", "running", null, null, 4, List.of()));
      transcript.finishCell("c1", new TranscriptItem.Cell("x1", "print(1)", "agent", "ok", 1, 12L, 4, List.of(utf8(OUTPUT))));
      new HistoryRepository(db).append("c1", List.of("{\"a\":1}", "{\"b\":2}"));
    }
    try (Database db = Database.open(file)) {
      // updated_at is the transcript's last write: the cell's end (4 + 12).
      assertThat(new ConversationRepository(db).find("c1")).contains(new ConversationRecord("c1", "Sales", "gpt", 1, 16));
      List<TranscriptItem> items = new TranscriptRepository(db).items("c1");
      assertThat(items).hasSize(2);
      assertThat(items.get(0)).isEqualTo(new TranscriptItem.Message("m1", "user", "plot it", 3));
      TranscriptItem.Cell cell = (TranscriptItem.Cell) items.get(1);
      assertThat(cell).usingRecursiveComparison().ignoringFields("outputs")
          .isEqualTo(new TranscriptItem.Cell("x1", "print(1)", "agent", "ok", 1, 12L, 4, List.of()));
      assertThat(cell.outputs()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(OUTPUT);
      // Bound as bytes, kept as text: the database reads as it always did.
      assertThat(db.query("SELECT typeof(json), json FROM outputs", r -> r.getString(1) + " " + r.getString(2)))
          .containsExactly("text " + OUTPUT);
      assertThat(new HistoryRepository(db).load("c1")).containsExactly("{\"a\":1}", "{\"b\":2}");
    }
  }

  @Test
  void aConversationKeepsItsKernelspecAndOnesFromBeforeKernelsCouldBeChosenHaveNone() throws Exception {
    Path file = dir.resolve("kernelchat.db");
    try (Database db = Database.open(file)) {
      new ConversationRepository(db).insert(new ConversationRecord("r", "In R", null, 1, 1, null, "ir", null));
      // As a database of the previous schema holds it: the kernel column never written.
      db.execute("INSERT INTO conversations(id, title, created_at, updated_at) VALUES ('old', 'Before', 2, 2)");
    }
    try (Database db = Database.open(file)) {
      ConversationRepository conversations = new ConversationRepository(db);
      assertThat(conversations.find("r").orElseThrow().kernel()).isEqualTo("ir");
      assertThat(conversations.find("old").orElseThrow().kernel()).isNull();
    }
  }

  @Test
  void aDatabaseFromBeforeApprovalModesIsMigratedAndItsConversationsKeepTheServersDefault() throws Exception {
    Path file = dir.resolve("kernelchat.db");
    try (Database db = Database.open(file)) {
      // Back to schema 3, as the kernelspec release left it: no approval column.
      for (String column : List.of("approval", "input_tokens", "output_tokens", "cached_input_tokens")) {
        db.execute("ALTER TABLE conversations DROP COLUMN " + column);
      }
      for (String column : List.of("turn_model", "input_tokens", "output_tokens", "cached_input_tokens")) {
        db.execute("ALTER TABLE items DROP COLUMN " + column);
      }
      db.execute("DROP TABLE remote_kernels");
      db.execute("PRAGMA user_version = 3");
      db.execute("INSERT INTO conversations(id, title, created_at, updated_at, kernel) VALUES ('old', 'R', 1, 1, 'ir')");
    }
    try (Database db = Database.open(file)) {
      assertThat(db.query("PRAGMA user_version", r -> r.getInt(1))).containsExactly(7);
      ConversationRepository conversations = new ConversationRepository(db);
      assertThat(conversations.find("old").orElseThrow()).isEqualTo(new ConversationRecord("old", "R", null, 1, 1, null, "ir", null));
      conversations.insert(new ConversationRecord("new", "Asks", null, 2, 2, null, "python3", "ask"));
      assertThat(conversations.find("new").orElseThrow().approval()).isEqualTo("ask");
    }
  }

  @Test
  void aTurnsTokensAreKeptOnItsMessageWithItsModelAndSummedPerModelBesideTheTotals() {
    try (Database db = Database.open(dir.resolve("t.db"))) {
      ConversationRepository conversations = new ConversationRepository(db);
      TranscriptRepository transcript = new TranscriptRepository(db);
      conversations.insert(new ConversationRecord("c", "a", null, 1, 1));
      for (String m : List.of("m1", "m2", "m3", "m4")) {
        transcript.addMessage("c", new TranscriptItem.Message(m, "user", "go", 1));
      }
      conversations.addTurnTokens("c", "m1", new TurnTokens("gpt-4o", new TokenTotals(100, 10, 40)));
      conversations.addTurnTokens("c", "m2", new TurnTokens("gpt-4o", new TokenTotals(200, 20, 0)));
      conversations.addTurnTokens("c", "m3", new TurnTokens("claude", new TokenTotals(5, 1, 0)));

      assertThat(conversations.tokens("c")).isEqualTo(new TokenTotals(305, 31, 40));
      assertThat(conversations.tokensByModel("c")).containsExactlyInAnyOrder(
          new TurnTokens("gpt-4o", new TokenTotals(300, 30, 40)), new TurnTokens("claude", new TokenTotals(5, 1, 0)));
      assertThat(transcript.items("c")).extracting(i -> ((TranscriptItem.Message) i).turn()).containsExactly(
          new TurnTokens("gpt-4o", new TokenTotals(100, 10, 40)), new TurnTokens("gpt-4o", new TokenTotals(200, 20, 0)),
          new TurnTokens("claude", new TokenTotals(5, 1, 0)), null);
    }
  }

  @Test
  void deletingAConversationDeletesItsItemsOutputsAndHistory() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      ConversationRepository conversations = new ConversationRepository(db);
      TranscriptRepository transcript = new TranscriptRepository(db);
      conversations.insert(new ConversationRecord("c1", "a", null, 1, 1));
      conversations.insert(new ConversationRecord("c2", "b", null, 1, 1));
      transcript.addCell("c1", new TranscriptItem.Cell("x1", "1", "user", "running", null, null, 1, List.of()));
      transcript.finishCell("c1", new TranscriptItem.Cell("x1", "1", "user", "ok", 1, 1L, 1, List.of(utf8("{}"))));
      transcript.addMessage("c2", new TranscriptItem.Message("m2", "user", "keep", 1));
      new HistoryRepository(db).append("c1", List.of("{}"));

      assertThat(conversations.delete("c1")).isTrue();

      assertThat(transcript.items("c1")).isEmpty();
      assertThat(new HistoryRepository(db).load("c1")).isEmpty();
      assertThat(db.query("SELECT count(*) FROM outputs", r -> r.getInt(1))).containsExactly(0);
      assertThat(transcript.items("c2")).hasSize(1);
      assertThat(conversations.delete("c1")).isFalse();
    }
  }

  @Test
  void aTranscriptIsReadBackwardsInPagesEachOldestFirstWithItsOwnOutputs() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      ConversationRepository conversations = new ConversationRepository(db);
      conversations.insert(new ConversationRecord("c1", "a", null, 1, 1));
      conversations.insert(new ConversationRecord("c2", "b", null, 1, 1));
      TranscriptRepository transcript = new TranscriptRepository(db);
      for (int i = 1; i <= 5; i++) {
        transcript.addCell("c1", new TranscriptItem.Cell("x" + i, "print(" + i + ")", "user", "running", null, null, i,
            List.of()));
        transcript.finishCell("c1", new TranscriptItem.Cell("x" + i, "print(" + i + ")", "user", "ok", i, 1L, i,
            List.of(utf8("{\"n\":" + i + "}"))));
        transcript.addMessage("c2", new TranscriptItem.Message("m" + i, "user", "other " + i, i));
      }

      List<TranscriptItem> newest = transcript.items("c1", new TranscriptRepository.Page(null, 2));
      assertThat(newest).extracting(TranscriptItem::id).containsExactly("x4", "x5");
      assertThat(((TranscriptItem.Cell) newest.get(1)).outputs()).extracting(b -> new String(b, StandardCharsets.UTF_8))
          .containsExactly("{\"n\":5}");
      assertThat(transcript.items("c1", new TranscriptRepository.Page("x4", 2))).extracting(TranscriptItem::id)
          .containsExactly("x2", "x3");
      assertThat(transcript.items("c1", new TranscriptRepository.Page("x2", 2))).extracting(TranscriptItem::id)
          .containsExactly("x1");
      assertThat(transcript.items("c1", new TranscriptRepository.Page("x4", null))).extracting(TranscriptItem::id)
          .containsExactly("x1", "x2", "x3");
      assertThat(transcript.items("c1")).hasSize(5);

      assertThat(transcript.hasItemsBefore("c1", "x2")).isTrue();
      assertThat(transcript.hasItemsBefore("c1", "x1")).isFalse();
      // An item of another conversation is no cursor here.
      assertThat(transcript.contains("c1", "x3")).isTrue();
      assertThat(transcript.contains("c1", "m3")).isFalse();
      assertThat(transcript.items("c1", new TranscriptRepository.Page("m3", 2))).isEmpty();
    }
  }

  @Test
  void conversationsAreListedByTheirLatestTranscriptWrite() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      ConversationRepository conversations = new ConversationRepository(db);
      conversations.insert(new ConversationRecord("old", "a", null, 1, 1));
      conversations.insert(new ConversationRecord("new", "b", null, 2, 2));
      TranscriptRepository transcript = new TranscriptRepository(db);
      transcript.addMessage("old", new TranscriptItem.Message("m1", "user", "hi", 3));
      assertThat(conversations.all()).extracting(ConversationRecord::id).containsExactly("old", "new");
      transcript.addCell("new", new TranscriptItem.Cell("x1", "1", "user", "running", null, null, 4, List.of()));
      assertThat(conversations.all()).extracting(ConversationRecord::id).containsExactly("new", "old");
      transcript.addMessage("old", new TranscriptItem.Message("m2", "user", "again", 5));
      transcript.finishCell("new", new TranscriptItem.Cell("x1", "1", "user", "ok", 1, 2L, 4, List.of()));
      assertThat(conversations.find("new").orElseThrow().updatedAt()).isEqualTo(6);
      assertThat(conversations.all()).extracting(ConversationRecord::id).containsExactly("new", "old");
    }
  }

  @Test
  void cellsLeftRunningByADeadServerCanBeClosed() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      new ConversationRepository(db).insert(new ConversationRecord("c1", "a", null, 1, 1));
      TranscriptRepository transcript = new TranscriptRepository(db);
      transcript.addCell("c1", new TranscriptItem.Cell("x1", "1", "user", "running", null, null, 1, List.of()));
      assertThat(transcript.closeRunningCells("interrupted")).isEqualTo(1);
      assertThat(((TranscriptItem.Cell) transcript.items("c1").get(0)).status()).isEqualTo("interrupted");
    }
  }

  @Test
  void finishingACellOfADeletedConversationStoresNothingAndDoesNotFail() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      ConversationRepository conversations = new ConversationRepository(db);
      conversations.insert(new ConversationRecord("c1", "a", null, 1, 1));
      TranscriptRepository transcript = new TranscriptRepository(db);
      transcript.addCell("c1", new TranscriptItem.Cell("x1", "1", "user", "running", null, null, 1, List.of()));
      conversations.delete("c1");
      transcript.finishCell("c1", new TranscriptItem.Cell("x1", "1", "user", "ok", 1, 1L, 1, List.of(utf8("{}"))));
      assertThat(db.query("SELECT count(*) FROM outputs", r -> r.getInt(1))).containsExactly(0);
    }
  }

  @Test
  void kernelProcessIdsAreRememberedUntilRemoved() {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      KernelProcessRepository kernels = new KernelProcessRepository(db);
      kernels.record(4242, "c1", 1);
      kernels.record(4343, "c2", 1);
      kernels.remove(4242);
      assertThat(kernels.all()).containsExactly(4343L);
    }
  }

  @Test
  void aDatabaseFromANewerKernelchatIsRefusedWithAClearMessage() throws Exception {
    Path file = dir.resolve("k.db");
    try (Database db = Database.open(file)) {
      db.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StoreException.class)
        .hasMessageContaining("newer kernelchat");
  }

  @Test
  void aTransactionThatMeetsAFullDatabaseFailsWithSqliteFullLeavesNothingAndTheNextOneWorks() throws Exception {
    try (Database db = Database.open(dir.resolve("k.db"))) {
      new ConversationRepository(db).insert(new ConversationRecord("c1", "a", null, 1, 1));
      TranscriptRepository transcript = new TranscriptRepository(db);
      transcript.addCell("c1", new TranscriptItem.Cell("x1", "1", "user", "running", null, null, 1, List.of()));
      int pages = db.query("PRAGMA page_count", r -> r.getInt(1)).get(0);
      db.execute("PRAGMA max_page_count = " + (pages + 2));   // as good as a full disk for SQLite

      assertThatThrownBy(() -> transcript.finishCell("c1", new TranscriptItem.Cell("x1", "1", "user", "ok", 1, 1L, 1,
          List.of(new byte[1 << 20])))).isInstanceOf(StoreException.class).hasMessageContaining("SQLITE_FULL");

      TranscriptItem.Cell unchanged = (TranscriptItem.Cell) transcript.items("c1").get(0);
      assertThat(unchanged.status()).isEqualTo("running");
      assertThat(unchanged.outputs()).isEmpty();
      db.execute("PRAGMA max_page_count = 1000000");
      transcript.finishCell("c1", new TranscriptItem.Cell("x1", "1", "user", "ok", 1, 1L, 1, List.of(utf8("{}"))));
      assertThat(((TranscriptItem.Cell) transcript.items("c1").get(0)).status()).isEqualTo("ok");
    }
  }
}
