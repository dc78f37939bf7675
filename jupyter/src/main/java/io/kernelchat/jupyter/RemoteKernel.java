package io.kernelchat.jupyter;

import io.kernelchat.jupyter.internal.KernelConnection;
import io.kernelchat.jupyter.internal.MessageContents;
import io.kernelchat.jupyter.internal.Readiness;
import io.kernelchat.jupyter.internal.WebSocketChannels;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kernel on a Jupyter Server or Enterprise Gateway: started, interrupted, restarted and shut down through
 * its REST API, its channels over the kernel WebSocket. The server watches the process; this hears of a
 * death from it (a {@code restarting} or {@code dead} status, or a WebSocket that cannot be opened again), and
 * asks the server every {@link #WATCH_EVERY} whether it still has the kernel: a Jupyter Server that deletes a
 * kernel (someone else's DELETE, its culler) leaves the kernel's WebSockets open, with nothing behind them.
 */
public final class RemoteKernel implements Kernel {
  private static final Logger log = LoggerFactory.getLogger(RemoteKernel.class);

  static final Duration WATCH_EVERY = Duration.ofSeconds(3);
  private static final int DELETE_ATTEMPTS = 10;
  private static final long DELETE_PAUSE_MILLIS = 500;
  private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "remote-kernel-watch");
    t.setDaemon(true);
    return t;
  });

  private final JupyterServer server;
  private final String id;
  private ScheduledFuture<?> watch;
  private final Duration startupTimeout;
  /** The WebSocket session: the same across reconnects, so the server replays what it buffered. */
  private final String sessionId = UUID.randomUUID().toString();
  private final List<KernelLifecycleListener> listeners = new CopyOnWriteArrayList<>();
  private final KernelClient client = new KernelClient(null);
  private volatile KernelConnection connection;
  private volatile boolean stopping;
  private boolean shutDown;

  private RemoteKernel(JupyterServer server, String id, Duration startupTimeout) {
    this.server = server;
    this.id = id;
    this.startupTimeout = startupTimeout;
  }

  /**
   * Starts a kernel on the server with {@code path} as its working directory (a directory of the
   * server's contents; empty for its root) and returns once it is ready.
   *
   * @throws JupyterServerException when the server refuses or cannot be reached
   * @throws KernelStartException when the kernel does not get ready in time (it is shut down again)
   */
  public static RemoteKernel start(JupyterServer server, String specName, String path, Duration startupTimeout) {
    RemoteKernel kernel = new RemoteKernel(server, server.startKernel(specName, path), startupTimeout);
    try {
      kernel.connect();
    } catch (RuntimeException e) {
      server.deleteKernel(kernel.id);
      throw e;
    }
    return kernel;
  }

  /**
   * Connects to a kernel the server already runs (one this process started before a crash, say).
   *
   * @throws KernelStartException when it does not answer in time
   */
  public static RemoteKernel attach(JupyterServer server, String id, Duration startupTimeout) {
    RemoteKernel kernel = new RemoteKernel(server, id, startupTimeout);
    kernel.connect();
    return kernel;
  }

  /** The server's id for this kernel. */
  public String id() {
    return id;
  }

  private synchronized void connect() {
    KernelConnection connected;
    try {
      connected = new KernelConnection(inbound -> new WebSocketChannels(server.http(),
          server.channels(id, sessionId), server.headers(), server.options().connectTimeout(), inbound),
          unsolicited -> {
            if (unsolicited.content() instanceof MessageContents.Status s) {
              serverStatus(s.executionState());
            }
          });
    } catch (KernelDiedException e) {
      throw new KernelStartException("kernel " + id + " on " + server.options().describe() + ": "
          + e.getMessage(), List.of());
    }
    boolean ready;
    try {
      ready = Readiness.await(connected, () -> connected.death() == null, startupTimeout)
          == Readiness.Outcome.READY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ready = false;
    }
    if (!ready) {
      KernelDiedException death = connected.death();
      connected.close();
      throw new KernelStartException("kernel " + id + " on " + server.options().describe() + " was not ready within "
          + startupTimeout.toSeconds() + " s" + (death == null ? "" : ": " + death.getMessage()), List.of());
    }
    connection = connected;
    stopping = false;
    connected.onLost(cause -> died(connected, cause));
    client.attach(connected);
    if (watch == null) {
      watch = WATCHER.scheduleWithFixedDelay(this::checkStillThere, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void checkStillThere() {
    KernelConnection current = connection;
    if (stopping || current == null || current.death() != null) {
      return;
    }
    boolean there;
    try {
      there = server.hasKernel(id);
    } catch (JupyterServerException e) {
      return;   // not answering for now: a WebSocket that stays shut tells of a server that is gone for good
    }
    if (!there && !stopping) {
      died(current, new KernelDiedException("kernel " + id + " is gone from " + server.options().describe(), null));
    }
  }

  /** A status the server sent of its own: it restarts a kernel that died, and says so. */
  private void serverStatus(String state) {
    KernelConnection current = connection;
    if (current != null && !stopping && ("restarting".equals(state) || "dead".equals(state))) {
      died(current, new KernelDiedException("kernel " + id + " died on " + server.options().describe()
          + ("dead".equals(state) ? " and could not be restarted" : ""), null));
    }
  }

  private void died(KernelConnection itsConnection, KernelDiedException cause) {
    if (!itsConnection.kernelDied(cause)) {
      return;
    }
    if (!stopping && itsConnection == connection) {
      log.warn("{}", cause.getMessage());
      listeners.forEach(l -> l.onDied(cause));
    }
  }

  @Override
  public KernelClient client() {
    return client;
  }

  /** {@code POST …/interrupt}: the server signals the kernel, or sends it an interrupt_request. */
  @Override
  public void interrupt() {
    server.interruptKernel(id);
  }

  /** {@code POST …/restart}, then a new connection; pending executions end with {@link KernelDiedException}. */
  @Override
  public synchronized void restart() {
    if (shutDown) {
      throw new KernelException("kernel " + id + " was shut down and cannot be restarted");
    }
    stopping = true;
    KernelConnection old = connection;
    old.kernelDied(new KernelDiedException("kernel " + id + " was restarted", null));
    old.close();
    server.restartKernel(id);
    connect();
    listeners.forEach(KernelLifecycleListener::onRestarted);
  }

  /** {@code DELETE …}: the server shuts the kernel down; one it no longer has is no error. */
  @Override
  public synchronized void shutdown() {
    if (shutDown) {
      return;
    }
    shutDown = true;
    stopping = true;
    if (watch != null) {
      watch.cancel(false);
    }
    KernelConnection current = connection;
    try {
      current.kernelDied(new KernelDiedException("kernel " + id + " was shut down", null));
      current.close();
    } finally {
      delete();
    }
  }

  /**
   * {@code DELETE …}, asked again a few times on a 5xx: a Jupyter Server that is restarting a kernel which died
   * answers 500 until the restart is done, and giving up would leave the new kernel running there.
   */
  private void delete() {
    for (int attempt = 1; ; attempt++) {
      try {
        server.deleteKernel(id);
        return;
      } catch (JupyterServerException e) {
        if (e.status() < 500 || attempt == DELETE_ATTEMPTS) {
          throw e;
        }
        log.debug("deleting kernel {} answered {}; asking again", id, e.status());
      }
      try {
        Thread.sleep(DELETE_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.deleteKernel(id);   // one last time without the pause; its refusal is the caller's to see
        return;
      }
    }
  }

  @Override
  public boolean isAlive() {
    return !shutDown && connection.death() == null;
  }

  @Override
  public void addListener(KernelLifecycleListener listener) {
    listeners.add(listener);
  }
}
