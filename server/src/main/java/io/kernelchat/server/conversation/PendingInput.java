package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.ExecutionTimeoutException;
import io.kernelchat.jupyter.InputRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cell waiting for the person to answer its {@code input()} or {@code getpass()}. The cell's thread waits
 * here; an answer from the API, or a stop, lets it go on. The answer is held only until the kernel has it.
 */
final class PendingInput {
  private final String cellId;
  private final InputRequest request;
  private final CompletableFuture<String> answer = new CompletableFuture<>();

  PendingInput(String cellId, InputRequest request) {
    this.cellId = cellId;
    this.request = request;
  }

  String cellId() {
    return cellId;
  }

  Views.InputPrompt prompt() {
    return new Views.InputPrompt(request.prompt(), request.password());
  }

  /** What the transcript keeps of the exchange: the prompt and the answer, or only the prompt for a password. */
  String echo(String value) {
    return request.prompt() + (request.password() ? "" : value) + "\n";
  }

  Views.InputRequestEvent event() {
    return new Views.InputRequestEvent(cellId, request.prompt(), request.password());
  }

  /** False when the cell stopped waiting already (answered, stopped, timed out). */
  boolean answer(String value) {
    return answer.complete(value);
  }

  /**
   * After an interrupt: the kernel, interrupted first, raises KeyboardInterrupt and drops this empty reply (it
   * purges stale replies before it asks again), but it blocks until a reply comes, so one must be sent.
   */
  void cancel() {
    answer.complete("");
  }

  /** The answer, or the cell's timeout once {@code left} has passed without one. */
  String await(Duration left, Duration cellTimeout) {
    try {
      return answer.get(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new ExecutionTimeoutException(cellTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());   // never: nothing completes it exceptionally
    }
  }
}
