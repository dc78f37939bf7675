package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.server.store.KernelProcessRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kernel this server runs: which kernelspec, how it is provisioned (sandboxed or not), the
 * machine-wide limit, the environment, and the kernels a previous server left behind (killed at start).
 * A conversation gets its kernel as a {@link KernelSession}.
 */
public final class Kernels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kernels.class);
  private final Optional<Path> python;
  private KernelSpec spec;
  private final KernelSlots slots;
  private final Optional<KernelPool> pool;
  private final KernelProcessRepository processes;
  private final Map<String, String> environment;
  private final Sandbox sandbox;
  private final SandboxSettings sandboxSettings;
  private final KernelProvisioner provisioner;

  /**
   * Decides the sandbox, kills leftover kernels, and checks a configured Python at once (a bad
   * {@code --python} is told at start, not at the first cell).
   *
   * @param home the kernelchat home: its {@code ipython} and {@code sandbox} directories are written here
   */
  public Kernels(Path home, Optional<Path> python, int maxKernels, int poolSize, SandboxSettings sandboxSettings,
                 Map<String, String> serverEnvironment, KernelProcessRepository processes) {
    this(home, python, maxKernels, poolSize, sandboxSettings, Sandbox.decide(sandboxSettings.mode()),
        serverEnvironment, processes);
  }

  /** With the sandbox decided already (tests decide it). */
  Kernels(Path home, Optional<Path> python, int maxKernels, int poolSize, SandboxSettings sandboxSettings,
          Sandbox sandbox, Map<String, String> serverEnvironment, KernelProcessRepository processes) {
    this.slots = new KernelSlots(maxKernels);
    this.processes = processes;
    this.sandboxSettings = sandboxSettings;
    this.python = python;
    if (python.isPresent()) {
      spec();
    }
    Path ipythonDir = home.resolve("ipython");
    this.environment = KernelEnvironment.create(serverEnvironment, ipythonDir);
    this.sandbox = sandbox;
    if (sandbox.on()) {
      log.info("kernels are sandboxed ({}); network {} by default", sandbox.reason(),
          sandboxSettings.network() ? "on" : "off");
      provisioner = new SandboxProvisioner(sandboxSettings, KernelEnvironment.config(ipythonDir),
          home.resolve("sandbox"), List.of(home, Path.of(System.getProperty("user.home"))));
    } else if (sandboxSettings.mode() == SandboxMode.REQUIRED) {
      log.error("--sandbox required, but {}", sandbox.reason());
      provisioner = refusing(sandbox.reason());
    } else {
      log.warn("kernels are NOT sandboxed: {}", sandbox.reason());
      provisioner = new LocalProvisioner();
    }
    new LeftoverKernels(processes).killAll();
    boolean canStart = sandbox.on() || sandboxSettings.mode() != SandboxMode.REQUIRED;
    this.pool = poolSize > 0 && canStart
        ? Optional.of(new KernelPool(poolSize, this::spec, provisioner, home.resolve("pool"), home.resolve("logs"),
            environment, slots, processes))
        : Optional.empty();
    pool.ifPresent(p -> {
      slots.usePool(p);
      p.refill();
    });
  }

  /** How many kernels the pool keeps ready, and how many are ready now. */
  public PoolState pool() {
    return pool.map(p -> new PoolState(p.size(), p.readyCount())).orElse(new PoolState(0, 0));
  }

  /** Refills the pool if kernels left it or slots came free. */
  public void refillPool() {
    pool.ifPresent(KernelPool::refill);
  }

  /** Stops the pool's kernels; conversations stop their own. */
  @Override
  public void close() {
    pool.ifPresent(KernelPool::close);
  }

  /** A conversation's kernel, not started yet; {@code network} is asked at each start. */
  public KernelSession session(String conversationId, Path workspace, Path logFile, BooleanSupplier network,
                               KernelSession.Listener listener) {
    return new KernelSession(conversationId, this::spec, provisioner,
        () -> new KernelPlacement(workspace, logFile, environment, network.getAsBoolean()), slots, pool, processes,
        listener);
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** Whether a conversation that did not choose has a network. */
  public boolean networkByDefault() {
    return sandboxSettings.network();
  }

  private static KernelProvisioner refusing(String reason) {
    return new KernelProvisioner() {
      @Override
      public KernelManager start(KernelSpec spec, KernelPlacement placement) {
        throw new KernelUnavailableException("unavailable:sandbox", "--sandbox required, but " + reason);
      }

      @Override
      public String sandbox() {
        return "off";
      }
    };
  }

  /** Found at first use (a kernelspec search and a Python probe take a moment); then kept. */
  private synchronized KernelSpec spec() {
    if (spec == null) {
      spec = KernelSpecs.discover().python(python);
    }
    return spec;
  }
}
