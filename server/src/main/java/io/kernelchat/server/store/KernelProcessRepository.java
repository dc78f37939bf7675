package io.kernelchat.server.store;

import java.util.List;

/**
 * Process-group ids of the kernels this server started. A server killed with -9 cannot clean up, so the
 * next start reads what is left here and kills those groups.
 */
public final class KernelProcessRepository {
  private final Database db;

  public KernelProcessRepository(Database db) {
    this.db = db;
  }

  public void record(long pid, String conversationId, long startedAt) {
    db.update("INSERT OR REPLACE INTO kernel_processes(pid, conversation_id, started_at) VALUES (?, ?, ?)",
        pid, conversationId, startedAt);
  }

  public void remove(long pid) {
    db.update("DELETE FROM kernel_processes WHERE pid = ?", pid);
  }

  public List<Long> all() {
    return db.query("SELECT pid FROM kernel_processes", row -> row.getLong(1));
  }
}
