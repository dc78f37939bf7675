package io.kernelchat.server.store;

import java.sql.SQLException;
import java.util.List;

/**
 * The schema as an append-only list of steps. {@code PRAGMA user_version} records how many have run, so an
 * older database is brought up to date at open and a newer one (from a later kernelchat) is refused.
 */
final class Migrations {
  private static final List<String> STEPS = List.of(
      """
      CREATE TABLE conversations(
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        model TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL);
      CREATE TABLE items(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        role TEXT,
        text TEXT,
        code TEXT,
        source TEXT,
        status TEXT,
        execution_count INTEGER,
        duration_ms INTEGER,
        created_at INTEGER NOT NULL);
      CREATE INDEX items_by_conversation ON items(conversation_id, seq);
      CREATE TABLE outputs(
        cell_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY(cell_id, position));
      CREATE TABLE history(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        json TEXT NOT NULL);
      CREATE INDEX history_by_conversation ON history(conversation_id, seq);
      CREATE TABLE kernel_processes(
        pid INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        started_at INTEGER NOT NULL);
      """,
      """
      ALTER TABLE conversations ADD COLUMN network INTEGER;
      """,
      """
      ALTER TABLE conversations ADD COLUMN kernel TEXT;
      """,
      """
      ALTER TABLE conversations ADD COLUMN approval TEXT;
      """,
      """
      ALTER TABLE conversations ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN cached_input_tokens INTEGER NOT NULL DEFAULT 0;
      """,
      // A turn's tokens, on the user's message that started it, with the model that spent them (for its price).
      """
      ALTER TABLE items ADD COLUMN turn_model TEXT;
      ALTER TABLE items ADD COLUMN input_tokens INTEGER;
      ALTER TABLE items ADD COLUMN output_tokens INTEGER;
      ALTER TABLE items ADD COLUMN cached_input_tokens INTEGER;
      """,
      // Kernels started on a gateway, so that the next start deletes those a server killed with -9 left there.
      """
      CREATE TABLE remote_kernels(
        id TEXT NOT NULL,
        server TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        PRIMARY KEY(server, id));
      """);

  private Migrations() {}

  static void apply(Database db) throws SQLException {
    int version = db.query("PRAGMA user_version", row -> row.getInt(1)).get(0);
    if (version > STEPS.size()) {
      throw new StoreException("the database was written by a newer kernelchat (schema " + version
          + ", this one knows " + STEPS.size() + ")", null);
    }
    for (int step = version; step < STEPS.size(); step++) {
      int next = step + 1;
      String sql = STEPS.get(step);
      db.transaction(() -> {
        for (String statement : sql.split(";")) {
          if (!statement.isBlank()) {
            db.execute(statement);
          }
        }
        db.execute("PRAGMA user_version = " + next);
        return null;
      });
    }
  }
}
