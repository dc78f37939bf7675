package io.kernelchat.server.conversation;

import io.kernelchat.server.agent.CodeReview;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The model's code shown as a proposed cell, waiting for the person to run it (maybe edited) or reject it.
 * The turn's thread waits here, for as long as it takes: nothing runs without the click.
 */
final class PendingProposal {
  private final String cellId = "cell-" + UUID.randomUUID();
  private final String code;
  private final long createdAt = System.currentTimeMillis();
  private final CompletableFuture<CodeReview> review = new CompletableFuture<>();

  PendingProposal(String code) {
    this.code = code;
  }

  String cellId() {
    return cellId;
  }

  String code() {
    return code;
  }

  long createdAt() {
    return createdAt;
  }

  /** The proposed cell, which the run of the approved code fills. */
  Conversation.StoredCell stored() {
    return new Conversation.StoredCell(cellId, createdAt);
  }

  /** False when it was answered already. */
  boolean answer(CodeReview answer) {
    return review.complete(answer);
  }

  /** The server stops: the proposal stays as stored, and the next server marks it expired. */
  void expire() {
    review.completeExceptionally(new ConversationException("unavailable:stopping",
        "the server stopped while the code waited for approval"));
  }

  /** The answer; a ConversationException when the server stops first. */
  CodeReview await() {
    try {
      return review.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversationException("unavailable:stopping", "the server stopped while the code waited for approval");
    } catch (ExecutionException e) {
      throw (ConversationException) e.getCause();   // only expire() completes it exceptionally
    }
  }
}
