package io.kernelchat.server.store;

import java.util.List;

/**
 * What the model sees: the chat history as serialised messages, in order. Kept apart from the transcript
 * because the two differ (tool calls and tool results are history; notices are transcript only).
 */
public final class HistoryRepository {
  private final Database db;

  public HistoryRepository(Database db) {
    this.db = db;
  }

  public void append(String conversationId, List<String> messagesJson) {
    db.transaction(() -> {
      for (String json : messagesJson) {
        db.update("INSERT INTO history(conversation_id, json) VALUES (?, ?)", conversationId, json);
      }
      return null;
    });
  }

  public List<String> load(String conversationId) {
    return db.query("SELECT json FROM history WHERE conversation_id = ? ORDER BY seq", row -> row.getString(1),
        conversationId);
  }
}
