package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.zeromq.ZContext;

/**
 * Everything that talks to one kernel: session, transport, heartbeat (local kernels only) and the open requests.
 * Replaced as a whole when the kernel restarts.
 */
public final class KernelConnection implements AutoCloseable {
  /** Only for a local kernel on TCP: its sockets' context, and the heartbeat's. */
  private final ZContext context;
  /** Only for a local kernel. */
  private final ConnectionInfo info;
  private final Session session;
  private final RequestTracker tracker = new RequestTracker();
  private final Transport channels;
  private Heartbeat heartbeat;
  private volatile Consumer<KernelDiedException> onLost;

  /** Connects the ZeroMQ channels of a local kernel, on loopback TCP or its ipc sockets. */
  public KernelConnection(ConnectionInfo info) {
    this.context = info.unix() ? null : new ZContext(1);
    this.info = info;
    this.session = new Session(info.key());
    BiConsumer<Channel, List<byte[]>> inbound = (channel, frames) -> session.parse(frames).ifPresent(tracker::route);
    Consumer<RuntimeException> onFailure = failure -> lost("lost the connection to the kernel: " + failure);
    this.channels = info.unix() ? new ZmtpChannels(info, inbound, onFailure)
        : new KernelChannels(context, info, inbound, onFailure);
  }

  /**
   * Connects over a transport that signs for the kernel itself (a Jupyter Server's WebSocket: messages
   * travel unsigned). {@code open} gets where to hand what it receives. Messages that answer no request
   * (the server's own {@code restarting} status, say) go to {@code unsolicited}, on the receiving thread.
   */
  public KernelConnection(Function<Inbound, Transport> open, Consumer<Message> unsolicited) {
    this.context = null;
    this.info = null;
    this.session = new Session("");
    this.channels = open.apply(new Inbound() {
      @Override
      public void message(Channel channel, List<byte[]> frames) {
        session.parse(frames).ifPresent(m -> {
          if (m.parentId() == null) {
            unsolicited.accept(m);
          } else {
            tracker.route(m);
          }
        });
      }

      @Override
      public void lost(KernelDiedException cause) {
        Consumer<KernelDiedException> listener = onLost;
        if (listener != null) {
          listener.accept(cause);
        } else {
          tracker.kernelDied(cause);
        }
      }
    });
  }

  /**
   * Who hears that the transport lost the kernel, instead of the requests at once: the owner ends them with
   * {@link #kernelDied} and tells its listeners.
   */
  public void onLost(Consumer<KernelDiedException> listener) {
    onLost = listener;
  }

  /** Where a transport hands what it receives: messages, or the end of the kernel. */
  public interface Inbound {
    /** A message's frames; called on the receiving thread, must not block. */
    void message(Channel channel, List<byte[]> frames);

    /** The kernel is gone or cannot be reached: every open and later request ends with this. */
    void lost(KernelDiedException cause);
  }

  private void lost(String why) {
    tracker.kernelDied(new KernelDiedException(why, null));
  }

  /**
   * Starts heartbeats, once the kernel is ready (a kernel still starting up would miss them);
   * {@code onLost} runs once if the kernel stops answering. A remote kernel has none: its server watches it.
   */
  public synchronized void startHeartbeat(Runnable onLost) {
    if (heartbeat == null && info != null) {
      heartbeat = info.unix() ? Heartbeat.overUnixSocket(info, tracker::kernelBusy, onLost)
          : Heartbeat.overZeroMq(context, info, tracker::kernelBusy, onLost);
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

  /** See {@link RequestTracker#whenBusyWithOpen}. */
  public boolean whenBusyWithOpen(Runnable action) {
    return tracker.whenBusyWithOpen(action);
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
    if (context != null) {
      context.close();
    }
  }
}
