package io.kernelchat.server.store;

import java.util.List;

/**
 * Process-group ids of the kernels this server started, and the ids of those it started on a Jupyter Server
 * ({@code --gateway-url}). A server killed with -9 cannot clean up, so the next start reads what is left here and
 * kills those groups, or asks that server to delete those kernels.
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

  /** A kernel started on the Jupyter Server at {@code server} (its URL, as the options describe it). */
  public void recordRemote(String server, String id, String conversationId, long startedAt) {
    db.update("INSERT OR REPLACE INTO remote_kernels(server, id, conversation_id, started_at) VALUES (?, ?, ?, ?)",
        server, id, conversationId, startedAt);
  }

  public void removeRemote(String server, String id) {
    db.update("DELETE FROM remote_kernels WHERE server = ? AND id = ?", server, id);
  }

  /** The ids of the kernels recorded as started on {@code server}. */
  public List<String> remote(String server) {
    return db.query("SELECT id FROM remote_kernels WHERE server = ?", row -> row.getString(1), server);
  }
}
