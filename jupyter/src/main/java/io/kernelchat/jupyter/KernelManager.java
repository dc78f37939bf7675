package io.kernelchat.jupyter;

import io.kernelchat.jupyter.internal.Channel;
import io.kernelchat.jupyter.internal.KernelConnection;
import io.kernelchat.jupyter.internal.KernelProcess;
import io.kernelchat.jupyter.internal.LaunchEndpoints;
import io.kernelchat.jupyter.internal.MessageContents;
import io.kernelchat.jupyter.internal.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one kernel's lifecycle: starts it, interrupts, restarts and shuts it down, and reports its death.
 * The {@link KernelClient} it hands out stays the same object across restarts.
 */
public final class KernelManager implements Kernel {
  private static final Logger log = LoggerFactory.getLogger(KernelManager.class);
  private static final int OUTPUT_LINES_IN_ERRORS = 20;
  private static final long SHUTDOWN_REQUEST_WAIT_MS = 3000;
  private static final long SIGTERM_WAIT_MS = 2000;
  private static final int PORT_RACE_ATTEMPTS = 3;

  private final KernelSpec spec;
  private final KernelLaunchOptions options;
  private final Path logFile;
  private final boolean ownsLogFile;
  private final List<KernelLifecycleListener> listeners = new CopyOnWriteArrayList<>();
  private final KernelClient client = new KernelClient(null);
  private volatile KernelProcess process;
  private volatile KernelConnection connection;
  private volatile boolean stopping;
  /** Whether the current process got ready; deaths before that are start failures, not news. */
  private volatile boolean ready;
  private volatile LaunchEndpoints endpoints;
  private boolean shutDown;

  private KernelManager(KernelSpec spec, KernelLaunchOptions options) throws IOException {
    this.spec = spec;
    this.options = options;
    this.ownsLogFile = options.logFile().isEmpty();
    this.logFile = ownsLogFile ? Files.createTempFile("kernel-" + spec.name() + "-", ".log")
        : options.logFile().get();
  }

  /**
   * Launches the kernel and returns once it is ready (its IOPub channel has joined).
   *
   * @throws KernelStartException when it cannot be launched, exits, or is not ready within the startup
   *     timeout; the message carries the kernel's last output lines
   */
  public static KernelManager start(KernelSpec spec, KernelLaunchOptions options) {
    if (!Files.isDirectory(options.workingDirectory())) {
      throw new KernelStartException("the working directory " + options.workingDirectory()
          + " does not exist", List.of());
    }
    KernelManager manager;
    try {
      manager = new KernelManager(spec, options);
    } catch (IOException e) {
      throw new KernelStartException("cannot create the kernel log file: " + e.getMessage(), List.of());
    }
    manager.launch();
    return manager;
  }

  /**
   * Launches, again when the kernel lost a race for its ports: free ports are picked before the kernel
   * binds them, so another process (or another kernel starting at the same moment) can take one in between.
   */
  private synchronized void launch() {
    for (int attempt = 1; ; attempt++) {
      try {
        launchOnce();
        return;
      } catch (KernelStartException e) {
        boolean portTaken = e.lastOutputLines().stream().anyMatch(l -> l.contains("Address already in use"));
        if (!portTaken || attempt == PORT_RACE_ATTEMPTS) {
          throw e;
        }
        log.debug("kernel '{}' lost a race for its ports; starting it again", spec.name());
      }
    }
  }

  private void launchOnce() {
    LaunchEndpoints opened;
    KernelProcess started;
    try {
      opened = options.wrapper().isPresent()
          ? LaunchEndpoints.unixSockets(spec.name(), Path.of(System.getProperty("java.io.tmpdir")), options.wrapper().get())
          : LaunchEndpoints.loopback(spec.name(), Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      deleteOwnedLogFile();
      throw new KernelStartException("cannot prepare the connection of kernel '" + spec.name() + "': "
          + e.getMessage(), List.of());
    }
    try {
      Map<String, String> env = new LinkedHashMap<>(spec.env());
      env.putAll(options.environment());
      started = KernelProcess.launch(opened.command(argv()), options.workingDirectory(), env, logFile);
    } catch (IOException e) {
      opened.close();
      deleteOwnedLogFile();
      throw new KernelStartException("cannot launch kernel '" + spec.name() + "' with " + spec.argv() + ": "
          + e.getMessage(), List.of());
    }
    KernelConnection connected = new KernelConnection(opened.clientInfo());
    process = started;
    connection = connected;
    endpoints = opened;
    stopping = false;
    ready = false;
    started.onExit().thenRun(() -> exited(started, connected, opened));
    Readiness.Outcome outcome;
    try {
      outcome = Readiness.await(connected, started::isAlive, options.startupTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopProcess("was stopped while starting");
      throw new KernelStartException("interrupted while starting kernel '" + spec.name() + "'", List.of());
    }
    if (outcome != Readiness.Outcome.READY) {
      stopProcess("was stopped while starting");
      String why = outcome == Readiness.Outcome.EXITED
          ? "exited with code " + started.exitValue() + " before it was ready"
          : "was not ready within " + options.startupTimeout().toSeconds() + " s";
      List<String> lastLines = started.lastOutputLines(OUTPUT_LINES_IN_ERRORS);
      // The exception carries the last lines; keep the log only where the caller asked for it.
      deleteOwnedLogFile();
      throw new KernelStartException("kernel '" + spec.name() + "' " + why + " (argv " + spec.argv()
          + (ownsLogFile ? "" : ", log " + logFile) + ")", lastLines);
    }
    started.confirmOwnGroup();
    ready = true;
    connected.startHeartbeat(() -> died(connected, new KernelDiedException(
        "kernel '" + spec.name() + "' stopped answering heartbeats", null)));
    client.attach(connected);
  }

  /** The spec's argv with {@code {resource_dir}} filled in; the connection file is the endpoints' to name. */
  private List<String> argv() {
    List<String> argv = new ArrayList<>();
    for (String arg : spec.argv()) {
      if (spec.resourceDir() != null) {
        arg = arg.replace("{resource_dir}", spec.resourceDir().toString());
      }
      argv.add(arg);
    }
    return argv;
  }

  private void exited(KernelProcess exitedProcess, KernelConnection itsConnection, LaunchEndpoints itsEndpoints) {
    String what = stopping ? "kernel '" + spec.name() + "' was shut down"
        : "kernel '" + spec.name() + "' died" + itsEndpoints.whyExited().map(why -> ", " + why).orElse("");
    died(itsConnection, new KernelDiedException(what, exitedProcess.exitValue()));
  }

  /** Ends the connection's open requests; tells listeners unless we stopped the kernel ourselves. */
  private void died(KernelConnection itsConnection, KernelDiedException cause) {
    if (!itsConnection.kernelDied(cause)) {
      return;
    }
    if (ready && !stopping && itsConnection == connection) {
      log.warn("{}", cause.getMessage());
      listeners.forEach(l -> l.onDied(cause));
    }
  }

  /** The client for this kernel; the same object across restarts. */
  @Override
  public KernelClient client() {
    return client;
  }

  /**
   * SIGINT to the kernel's process group (all of it but a wrapper's launcher), or {@code interrupt_request}
   * when the spec asks for messages. A cell sent but not started yet is interrupted once it starts.
   */
  @Override
  public void interrupt() {
    KernelConnection current = connection;
    if (spec.interruptMode() == InterruptMode.MESSAGE) {
      current.done(current.send(Channel.CONTROL, new MessageContents.InterruptRequest()));
      return;
    }
    KernelProcess itsProcess = process;
    Runnable signal = options.wrapper().isPresent() ? () -> itsProcess.signalGroupBesidesLauncher("INT")
        : () -> itsProcess.signalGroup("INT");
    if (!current.whenBusyWithOpen(() -> {
      if (connection == current && itsProcess.isAlive()) {
        signal.run();
      }
    })) {
      signal.run();
    }
  }

  /** Stops the kernel and starts a fresh process; pending executions end with {@link KernelDiedException}. */
  @Override
  public synchronized void restart() {
    if (shutDown) {
      throw new KernelException("kernel '" + spec.name() + "' was shut down and cannot be restarted");
    }
    stopProcess("was restarted");
    launch();
    listeners.forEach(KernelLifecycleListener::onRestarted);
  }

  /** {@code shutdown_request}, wait, SIGTERM the group, wait, SIGKILL; then delete the connection file. */
  @Override
  public synchronized void shutdown() {
    if (shutDown) {
      return;
    }
    shutDown = true;
    stopProcess("was shut down");
    deleteOwnedLogFile();
  }

  private void deleteOwnedLogFile() {
    if (ownsLogFile) {
      try {
        Files.deleteIfExists(logFile);
      } catch (IOException e) {
        log.debug("cannot delete {}: {}", logFile, e.getMessage());
      }
    }
  }

  /** Stops the process in escalating steps; calls still waiting on it end at once, told that it {@code why}. */
  private void stopProcess(String why) {
    stopping = true;
    KernelProcess current = process;
    KernelConnection currentConnection = connection;
    KernelDiedException cause = new KernelDiedException("kernel '" + spec.name() + "' " + why, null);
    try {
      // A kernel that never got ready would not hear a shutdown_request: go straight to SIGTERM.
      boolean asked = ready && current.isAlive() && currentConnection.death() == null;
      if (asked) {
        currentConnection.done(currentConnection.send(Channel.CONTROL, new MessageContents.ShutdownRequest(false)));
      }
      // Now, not once the process is gone: a busy kernel may miss heartbeats or send odd last messages
      // meanwhile, and a running call must hear that it was restarted, not that the kernel stopped answering.
      died(currentConnection, cause);
      if (!current.waitFor(asked ? SHUTDOWN_REQUEST_WAIT_MS : 0)) {
        current.signalGroup("TERM");
        if (!current.waitFor(SIGTERM_WAIT_MS)) {
          current.signalGroup("KILL");
          current.waitFor(SIGTERM_WAIT_MS);
        }
      }
      // Children the kernel started (e.g. a subprocess still running) share its group: end them too.
      if (!current.awaitGroupEmpty(0)) {
        current.signalGroup("KILL");
        if (!current.awaitGroupEmpty(SIGTERM_WAIT_MS)) {
          log.warn("processes of kernel group {} survived SIGKILL", current.pid());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current.signalGroup("KILL");
    } finally {
      died(currentConnection, cause);
      currentConnection.close();
      endpoints.close();
    }
  }

  /** Whether the kernel process is running and answering. */
  @Override
  public boolean isAlive() {
    return !shutDown && process.isAlive() && connection.death() == null;
  }

  /** The kernel's process id, which is also its process group id. */
  public long pid() {
    return process.pid();
  }

  /** Adds a listener for death and restarts. */
  @Override
  public void addListener(KernelLifecycleListener listener) {
    listeners.add(listener);
  }
}
