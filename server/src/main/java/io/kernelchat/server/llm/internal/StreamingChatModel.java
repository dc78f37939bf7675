package io.kernelchat.server.llm.internal;

import io.kernelchat.server.llm.ChatModel;
import io.kernelchat.server.llm.ChatRequest;
import io.kernelchat.server.llm.ChatResponse;
import io.kernelchat.server.llm.ChatStreamListener;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.ModelInfo;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The part every provider shares: exactly one terminal call, and one reading of why a stream ended early. */
abstract class StreamingChatModel implements ChatModel {
  protected final ModelInfo info;
  protected final ProviderEndpoint endpoint;

  StreamingChatModel(ModelInfo info, ProviderEndpoint endpoint) {
    this.info = info;
    this.endpoint = endpoint;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public final void stream(ChatRequest request, ChatStreamListener listener, BooleanSupplier cancelled) {
    ChatResponse response;
    try {
      if (cancelled.getAsBoolean()) {
        throw new LlmException.Cancelled();
      }
      response = exchange(request, listener::onTextDelta, cancelled);
    } catch (LlmException e) {
      listener.onError(e);
      return;
    } catch (IOException | RuntimeException e) {
      listener.onError(new LlmException.StreamInterrupted("The reply from " + endpoint.baseUrl()
          + " could not be read: " + e.getMessage(), e));
      return;
    }
    listener.onComplete(response);
  }

  /** Sends the request and reads the whole reply, passing text deltas on as they arrive. */
  protected abstract ChatResponse exchange(ChatRequest request, Consumer<String> textDeltas,
                                           BooleanSupplier cancelled) throws IOException;

  /** The exception for a stream that ended before the reply was complete. */
  protected LlmException endedEarly(SseEvents events, IOException cause) {
    if (events.cancelled()) {
      return new LlmException.Cancelled();
    }
    if (events.timedOut()) {
      return new LlmException.StreamInterrupted("No data from " + endpoint.baseUrl() + " for "
          + events.idleTimeout().toSeconds() + " s; the reply was cut off and nothing in it was run", cause);
    }
    return new LlmException.StreamInterrupted("The reply from " + endpoint.baseUrl()
        + " was cut off before it was complete; nothing in it was run", cause);
  }
}
