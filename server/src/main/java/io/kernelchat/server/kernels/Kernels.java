package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecNotFoundException;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.server.store.KernelProcessRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kernel this server runs: which kernelspecs it can start (any Jupyter kernel: {@code python3} is
 * kernelchat's Python, the default unless {@code --kernel} names another), how kernels are provisioned
 * (sandboxed or not), the machine-wide limit, the pool, the environment, and the kernels a previous server left
 * behind (killed at start). A conversation gets its kernel as a {@link KernelSession}.
 */
public final class Kernels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kernels.class);
  /** The kernelchat Python's kernel, the default and the one conversations made before kernels could be chosen. */
  public static final String PYTHON = "python3";
  private final Optional<Path> python;
  private final String defaultKernel;
  /** Resolved at first use (a kernelspec search and a Python probe take a moment); then kept. */
  private final Map<String, KernelSpec> specs = new ConcurrentHashMap<>();
  private final KernelSlots slots;
  private final Optional<KernelPool> pool;
  private final KernelProcessRepository processes;
  private final Map<String, String> environment;
  private final Sandbox sandbox;
  private final SandboxSettings sandboxSettings;
  private final KernelProvisioner provisioner;

  /**
   * Decides the sandbox, kills leftover kernels, and checks a configured Python and a chosen default kernel at
   * once (a bad {@code --python} or {@code --kernel} is told at start, not at the first cell).
   *
   * @param home the kernelchat home: its {@code ipython} and {@code sandbox} directories are written here
   * @param defaultKernel the kernelspec a new conversation gets unless it names one ({@code --kernel})
   */
  public Kernels(Path home, Optional<Path> python, String defaultKernel, int maxKernels, int poolSize,
                 SandboxSettings sandboxSettings, Map<String, String> serverEnvironment,
                 KernelProcessRepository processes) {
    this(home, python, defaultKernel, maxKernels, poolSize, sandboxSettings, Sandbox.decide(sandboxSettings.mode()),
        serverEnvironment, processes);
  }

  /** With the sandbox decided already (tests decide it). */
  Kernels(Path home, Optional<Path> python, String defaultKernel, int maxKernels, int poolSize,
          SandboxSettings sandboxSettings, Sandbox sandbox, Map<String, String> serverEnvironment,
          KernelProcessRepository processes) {
    this.slots = new KernelSlots(maxKernels);
    this.processes = processes;
    this.sandboxSettings = sandboxSettings;
    this.python = python;
    this.defaultKernel = defaultKernel;
    if (python.isPresent() || !defaultKernel.equals(PYTHON)) {
      spec(defaultKernel);
    }
    Path ipythonDir = home.resolve("ipython");
    this.environment = KernelEnvironment.create(serverEnvironment, ipythonDir);
    this.sandbox = sandbox;
    if (sandbox.on()) {
      log.info("kernels are sandboxed ({}); network {} by default", sandbox.reason(),
          sandboxSettings.network() ? "on" : "off");
      provisioner = new SandboxProvisioner(sandboxSettings, ipythonDir,
          home.resolve("sandbox"), List.of(home, Path.of(System.getProperty("user.home"))));
    } else if (sandboxSettings.mode() == SandboxMode.REQUIRED) {
      log.error("--sandbox required, but {}", sandbox.reason());
      provisioner = refusing(sandbox.reason());
    } else {
      log.warn("kernels are NOT sandboxed: {}", sandbox.reason());
      provisioner = new LocalProvisioner();
    }
    new LeftoverKernels(processes).killAll();
    if (sandbox.on()) {
      KernelCgroup.removeLeftovers(Duration.ofMinutes(1));
    }
    boolean canStart = sandbox.on() || sandboxSettings.mode() != SandboxMode.REQUIRED;
    // One pool, of the default kernelspec: most conversations run it, and each ready kernel holds a slot and
    // its memory, so a pool per kernelspec in use would keep that many more idle. Another kernelspec starts
    // its own kernel.
    this.pool = poolSize > 0 && canStart
        ? Optional.of(new KernelPool(poolSize, () -> spec(defaultKernel), provisioner, home.resolve("pool"),
            home.resolve("logs"), environment, slots, processes))
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

  /** A conversation's kernel, not started yet; {@code kernel} (a kernelspec's name) and {@code network} are asked at each start. */
  public KernelSession session(String conversationId, Supplier<String> kernel, Path workspace, Path logFile,
                               BooleanSupplier network, KernelSession.Listener listener) {
    return new KernelSession(conversationId, () -> spec(kernel.get()), provisioner,
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

  /** The kernelspec a conversation gets when it does not choose. */
  public String defaultKernel() {
    return defaultKernel;
  }

  /**
   * The kernelspec named {@code name}, ready to launch.
   *
   * @throws KernelSpecNotFoundException when there is none, or its program is not installed (saying which)
   */
  public KernelSpec spec(String name) {
    KernelSpec known = specs.get(name);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: resolving probes Pythons for seconds, and other names must not wait for it.
    KernelSpec found = specs().launchable(name, python);
    specs.putIfAbsent(name, found);
    return found;
  }

  /** The language kernelspec {@code name} runs, as its kernel.json says, whether or not it can start now. */
  public String language(String name) {
    return described(name).map(KernelSpec::language).orElse(name.equals(PYTHON) ? "python" : name);
  }

  /** The display name of kernelspec {@code name}, whether or not it can start now. */
  public String displayName(String name) {
    return described(name).map(KernelSpec::displayName).orElse(name);
  }

  private Optional<KernelSpec> described(String name) {
    try {
      return Optional.of(spec(name));
    } catch (KernelSpecNotFoundException e) {
      return specs().find(name);
    }
  }

  /**
   * The kernelspecs this server can start, the default first: Jupyter's data directories searched now (a
   * kernel installed since the start is there), those whose program is missing left out (logged).
   */
  public List<KernelSpec> available() {
    List<KernelSpec> found = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of(defaultKernel, PYTHON));
    specs().all().forEach(s -> names.add(s.name()));
    for (String name : names.stream().distinct().toList()) {
      try {
        found.add(spec(name));
      } catch (KernelSpecNotFoundException e) {
        log.debug("kernelspec {} is not offered: {}", name, e.getMessage());
      }
    }
    return found;
  }

  /** Jupyter's search path, with the data directory of kernelchat's own Python when one is configured. */
  private KernelSpecs specs() {
    return python.map(KernelSpecs::discoverFor).orElseGet(KernelSpecs::discover);
  }
}
