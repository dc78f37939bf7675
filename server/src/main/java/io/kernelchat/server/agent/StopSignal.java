package io.kernelchat.server.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Lets another thread stop a turn: the model call ends and a running cell is interrupted. */
public final class StopSignal {
  private final List<Runnable> onStop = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  public void stop() {
    stopped = true;
    onStop.forEach(Runnable::run);
  }

  public boolean isStopped() {
    return stopped;
  }

  /** Runs {@code action} on stop (at once if already stopped) until the returned handle is closed. */
  Registration whileRunning(Runnable action) {
    onStop.add(action);
    if (stopped) {
      action.run();
    }
    return () -> onStop.remove(action);
  }

  /** Ends a {@link #whileRunning} registration. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
