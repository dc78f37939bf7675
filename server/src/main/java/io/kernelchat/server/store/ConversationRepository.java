package io.kernelchat.server.store;

import java.util.List;
import java.util.Optional;

/** Conversations: their title, model, kernelspec, kernel network and times. Deleting one deletes its transcript and history too. */
public final class ConversationRepository {
  private static final String COLUMNS = "id, title, model, created_at, updated_at, network, kernel";
  private final Database db;

  public ConversationRepository(Database db) {
    this.db = db;
  }

  public void insert(ConversationRecord c) {
    db.update("INSERT INTO conversations(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        c.id(), c.title(), c.model(), c.createdAt(), c.updatedAt(), c.network(), c.kernel());
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
    db.update("UPDATE conversations SET title = ?, model = ?, updated_at = ?, network = ?, kernel = ? WHERE id = ?",
        c.title(), c.model(), c.updatedAt(), c.network(), c.kernel(), c.id());
  }

  public boolean delete(String id) {
    return db.update("DELETE FROM conversations WHERE id = ?", id) > 0;
  }

  private static ConversationRecord read(java.sql.ResultSet row) throws java.sql.SQLException {
    Object network = row.getObject(6);
    return new ConversationRecord(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
        row.getLong(5), network == null ? null : ((Number) network).intValue() != 0, row.getString(7));
  }
}
