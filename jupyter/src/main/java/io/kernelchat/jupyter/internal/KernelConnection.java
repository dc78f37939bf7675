package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import org.zeromq.ZContext;

/**
 * Everything that talks to one kernel process: session, channels, heartbeat and the open requests.
 * Replaced as a whole when the kernel restarts.
 */
public final class KernelConnection implements AutoCloseable {
  private final ZContext context = new ZContext(1);
  private final Session session;
  private final RequestTracker tracker = new RequestTracker();
  private final KernelChannels channels;
  private final ConnectionInfo info;
  private Heartbeat heartbeat;

  /** Connects the message channels. */
  public KernelConnection(ConnectionInfo info) {
    this.info = info;
    this.session = new Session(info.key());
    this.channels = new KernelChannels(context, info,
        (channel, frames) -> session.parse(frames).ifPresent(tracker::route),
        failure -> tracker.kernelDied(new KernelDiedException("lost the connection to the kernel: " + failure,
            null)));
  }

  /**
   * Starts heartbeats, once the kernel is ready (a kernel still starting up would miss them);
   * {@code onLost} runs once if the kernel stops answering.
   */
  public synchronized void startHeartbeat(Runnable onLost) {
    if (heartbeat == null) {
      heartbeat = new Heartbeat(context, info, tracker::kernelBusy, onLost);
    }
  }

  /** Opens a request, then sends it; take its answers from the returned {@link PendingRequest}. */
  public PendingRequest send(Channel channel, Object content) {
    Message request = session.request(content);
    PendingRequest pending = tracker.open(request.header().msgId(), channels);
    if (tracker.death() == null) {
      channels.send(channel, session.serialize(request));
    }
    return pending;
  }

  /** Answers a kernel's request (e.g. {@code input_request}) on the stdin channel. */
  public void reply(Message kernelRequest, Object content) {
    channels.send(Channel.STDIN, session.serialize(session.reply(kernelRequest, content)));
  }

  public void done(PendingRequest pending) {
    tracker.close(pending);
  }

  /** Ends every open and later request with this death; false if the kernel had already died. */
  public boolean kernelDied(KernelDiedException cause) {
    return tracker.kernelDied(cause);
  }

  public KernelDiedException death() {
    return tracker.death();
  }

  @Override
  public synchronized void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
    channels.close();
    context.close();
  }
}
