package io.kernelchat.server.store;

import java.util.List;
import java.util.Optional;

/** Conversations: their title, model, kernelspec, kernel network, approval mode and times. Deleting one deletes its transcript and history too. */
public final class ConversationRepository {
  private static final String COLUMNS = "id, title, model, created_at, updated_at, network, kernel, approval";
  private final Database db;

  public ConversationRepository(Database db) {
    this.db = db;
  }

  public void insert(ConversationRecord c) {
    db.update("INSERT INTO conversations(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        c.id(), c.title(), c.model(), c.createdAt(), c.updatedAt(), c.network(), c.kernel(), c.approval());
  }

  public Optional<ConversationRecord> find(String id) {
    return db.query("SELECT " + COLUMNS + " FROM conversations WHERE id = ?", ConversationRepository::read, id)
        .stream().findFirst();
  }

  /** Newest activity first. */
  public List<ConversationRecord> all() {
    return db.query("SELECT " + COLUMNS + " FROM conversations ORDER BY updated_at DESC, created_at DESC",
        ConversationRepository::read);
  }

  public void update(ConversationRecord c) {
    db.update("UPDATE conversations SET title = ?, model = ?, updated_at = ?, network = ?, kernel = ?, approval = ?"
        + " WHERE id = ?", c.title(), c.model(), c.updatedAt(), c.network(), c.kernel(), c.approval(), c.id());
  }

  /** Adds a turn's tokens to the conversation's totals and keeps them on {@code messageId}, the turn's user message. */
  public void addTurnTokens(String id, String messageId, TurnTokens turn) {
    TokenTotals t = turn.tokens();
    db.transaction(() -> {
      db.update("UPDATE conversations SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
          + " cached_input_tokens = cached_input_tokens + ? WHERE id = ?", t.inputTokens(), t.outputTokens(),
          t.cachedInputTokens(), id);
      return db.update("UPDATE items SET turn_model = ?, input_tokens = ?, output_tokens = ?, cached_input_tokens = ?"
          + " WHERE id = ? AND conversation_id = ?", turn.model(), t.inputTokens(), t.outputTokens(),
          t.cachedInputTokens(), messageId, id);
    });
  }

  /**
   * The tokens of the turns kept on their messages, summed per model. Turns of a kernelchat from before they were
   * kept count only in {@link #tokens}.
   */
  public List<TurnTokens> tokensByModel(String id) {
    return db.query("SELECT turn_model, SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens) FROM items"
        + " WHERE conversation_id = ? AND input_tokens IS NOT NULL GROUP BY turn_model",
        row -> new TurnTokens(row.getString(1), new TokenTotals(row.getLong(2), row.getLong(3), row.getLong(4))), id);
  }

  public TokenTotals tokens(String id) {
    return db.query("SELECT input_tokens, output_tokens, cached_input_tokens FROM conversations WHERE id = ?",
        row -> new TokenTotals(row.getLong(1), row.getLong(2), row.getLong(3)), id).stream().findFirst()
        .orElse(new TokenTotals(0, 0, 0));
  }

  public boolean delete(String id) {
    return db.update("DELETE FROM conversations WHERE id = ?", id) > 0;
  }

  private static ConversationRecord read(java.sql.ResultSet row) throws java.sql.SQLException {
    Object network = row.getObject(6);
    return new ConversationRecord(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
        row.getLong(5), network == null ? null : ((Number) network).intValue() != 0, row.getString(7),
        row.getString(8));
  }
}
