package io.kernelchat.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The visible transcript: messages and cells with their outputs. Every write also moves its conversation's
 * {@code updated_at}, in the same transaction (one commit, and the list's order always matches the transcripts).
 */
public final class TranscriptRepository {
  private final Database db;

  public TranscriptRepository(Database db) {
    this.db = db;
  }

  public void addMessage(String conversationId, TranscriptItem.Message m) {
    db.transaction(() -> {
      db.update("INSERT INTO items(id, conversation_id, kind, role, text, created_at) VALUES (?, ?, 'message', ?, ?, ?)",
          m.id(), conversationId, m.role(), m.text(), m.createdAt());
      return touch(conversationId, m.createdAt());
    });
  }

  /** Records a cell as it starts, so a crash mid-run still leaves it in the transcript. */
  public void addCell(String conversationId, TranscriptItem.Cell c) {
    db.transaction(() -> {
      db.update("INSERT INTO items(id, conversation_id, kind, code, source, status, created_at)"
          + " VALUES (?, ?, 'cell', ?, ?, ?, ?)", c.id(), conversationId, c.code(), c.source(), c.status(), c.createdAt());
      return touch(conversationId, c.createdAt());
    });
  }

  /** Stores a cell's final state and outputs in one transaction; nothing when the cell was deleted meanwhile. */
  public void finishCell(String conversationId, TranscriptItem.Cell c) {
    db.transaction(() -> {
      if (db.update("UPDATE items SET status = ?, execution_count = ?, duration_ms = ? WHERE id = ?",
          c.status(), c.executionCount(), c.durationMs(), c.id()) == 0) {
        return null;
      }
      touch(conversationId, c.createdAt() + (c.durationMs() == null ? 0 : c.durationMs()));
      db.update("DELETE FROM outputs WHERE cell_id = ?", c.id());
      for (int i = 0; i < c.outputs().size(); i++) {
        // Bound as bytes (no String of megabytes) and stored as the TEXT they are.
        db.update("INSERT INTO outputs(cell_id, position, json) VALUES (?, ?, CAST(? AS TEXT))", c.id(), i,
            c.outputs().get(i));
      }
      return null;
    });
  }

  private Void touch(String conversationId, long at) {
    db.update("UPDATE conversations SET updated_at = ? WHERE id = ?", at, conversationId);
    return null;
  }

  /** Cells left "running" by a server that died are marked with {@code status}; returns how many. */
  public int closeRunningCells(String status) {
    return db.update("UPDATE items SET status = ? WHERE kind = 'cell' AND status = 'running'", status);
  }

  /** Cells left "proposed" by a server that stopped are marked "expired"; returns how many. */
  public int expireProposedCells() {
    return db.update("UPDATE items SET status = 'expired' WHERE kind = 'cell' AND status = 'proposed'");
  }

  /**
   * A cell already stored starts: a proposal the person approved, with the code that runs (which the person may have
   * edited), or a cell run again. Its outputs stay until its end replaces them.
   */
  public void restartCell(String conversationId, String cellId, String code) {
    db.transaction(() -> {
      db.update("UPDATE items SET status = 'running', code = ? WHERE id = ?", code, cellId);
      return touch(conversationId, System.currentTimeMillis());
    });
  }

  /**
   * Which of a transcript's items to read: those before the item {@code before} (all, when null), and of those
   * the newest {@code limit} (all, when null). Items are only ever appended, so an item id is a stable cursor.
   */
  public record Page(String before, Integer limit) {
    public static final Page ALL = new Page(null, null);
  }

  public List<TranscriptItem> items(String conversationId) {
    return items(conversationId, Page.ALL);
  }

  /** The page's items, oldest first; none when {@code before} is not an item of this conversation. */
  public List<TranscriptItem> items(String conversationId, Page page) {
    long end = page.before() == null ? Long.MAX_VALUE : seq(conversationId, page.before()).orElse(0L);
    // SQLite reads LIMIT -1 as no limit.
    List<Long> seqs = db.query("SELECT seq FROM items WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        row -> row.getLong(1), conversationId, end, page.limit() == null ? -1 : page.limit());
    if (seqs.isEmpty()) {
      return List.of();
    }
    long first = seqs.get(seqs.size() - 1);
    long last = seqs.get(0);
    Map<String, List<byte[]>> outputs = new HashMap<>();
    for (Map.Entry<String, byte[]> o : db.query("SELECT o.cell_id, o.json FROM outputs o JOIN items i ON i.id = o.cell_id"
        + " WHERE i.conversation_id = ? AND i.seq BETWEEN ? AND ? ORDER BY o.cell_id, o.position",
        row -> Map.entry(row.getString(1), row.getBytes(2)), conversationId, first, last)) {
      outputs.computeIfAbsent(o.getKey(), k -> new ArrayList<>()).add(o.getValue());
    }
    return db.query("SELECT id, kind, role, text, code, source, status, execution_count, duration_ms, created_at,"
        + " turn_model, input_tokens, output_tokens, cached_input_tokens FROM items WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY seq", row -> read(row, outputs),
        conversationId, first, last);
  }

  /** Whether {@code itemId} is an item of this conversation. */
  public boolean contains(String conversationId, String itemId) {
    return seq(conversationId, itemId).isPresent();
  }

  /** Whether the conversation has items before {@code itemId}. */
  public boolean hasItemsBefore(String conversationId, String itemId) {
    long seq = seq(conversationId, itemId).orElse(0L);
    return db.query("SELECT 1 FROM items WHERE conversation_id = ? AND seq < ? LIMIT 1", row -> true,
        conversationId, seq).size() > 0;
  }

  private Optional<Long> seq(String conversationId, String itemId) {
    return db.query("SELECT seq FROM items WHERE id = ? AND conversation_id = ?", row -> row.getLong(1), itemId,
        conversationId).stream().findFirst();
  }

  private static TranscriptItem read(ResultSet row, Map<String, List<byte[]>> outputs) throws SQLException {
    String id = row.getString(1);
    if (row.getString(2).equals("message")) {
      TurnTokens turn = row.getObject(12) == null ? null : new TurnTokens(row.getString(11),
          new TokenTotals(row.getLong(12), row.getLong(13), row.getLong(14)));
      return new TranscriptItem.Message(id, row.getString(3), row.getString(4), row.getLong(10), turn);
    }
    Integer count = (Integer) row.getObject(8);
    Object duration = row.getObject(9);
    return new TranscriptItem.Cell(id, row.getString(5), row.getString(6), row.getString(7), count,
        duration == null ? null : ((Number) duration).longValue(), row.getLong(10),
        List.copyOf(outputs.getOrDefault(id, List.of())));
  }
}
