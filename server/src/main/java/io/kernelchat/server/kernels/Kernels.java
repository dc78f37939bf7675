package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.jupyter.KernelException;
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
 * (sandboxed or not, or on a Jupyter Server with {@code --gateway-url}), the limit of kernels running at once, the
 * pool, the environment, and the kernels a previous server left behind (killed at start). A conversation gets its
 * kernel as a {@link KernelSession}.
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
  /** Set with {@code --gateway-url}: every kernel, and every kernelspec offered, is that server's. */
  private final Optional<RemoteProvisioner> remote;

  /**
   * Decides the sandbox, kills leftover kernels, and checks a configured Python and a chosen default kernel at
   * once (a bad {@code --python} or {@code --kernel} is told at start, not at the first cell).
   *
   * @param home the kernelchat home: its {@code ipython} and {@code sandbox} directories are written here
   * @param defaultKernel the kernelspec a new conversation gets unless it names one ({@code --kernel})
   * @param gateway the Jupyter Server that runs every kernel ({@code --gateway-url}); nothing is checked or started
   *     on this machine then, and the server is first asked when a kernelspec or a kernel is needed
   */
  public Kernels(Path home, Optional<Path> python, String defaultKernel, int maxKernels, int poolSize,
                 SandboxSettings sandboxSettings, Optional<JupyterServerOptions> gateway,
                 Map<String, String> serverEnvironment, KernelProcessRepository processes) {
    this(home, python, defaultKernel, maxKernels, poolSize, sandboxSettings,
        gateway.map(g -> new Sandbox(false, "kernels run on the Jupyter Server at " + g.describe() + " (--gateway-url):"
            + " kernelchat does not confine them, and what they can touch is that server's to decide"))
            .orElseGet(() -> Sandbox.decide(sandboxSettings.mode())),
        gateway.map(g -> new RemoteProvisioner(new JupyterServer(g))), serverEnvironment, processes);
  }

  /** With the sandbox decided already (tests decide it). */
  Kernels(Path home, Optional<Path> python, String defaultKernel, int maxKernels, int poolSize,
          SandboxSettings sandboxSettings, Sandbox sandbox, Map<String, String> serverEnvironment,
          KernelProcessRepository processes) {
    this(home, python, defaultKernel, maxKernels, poolSize, sandboxSettings, sandbox, Optional.empty(),
        serverEnvironment, processes);
  }

  private Kernels(Path home, Optional<Path> python, String defaultKernel, int maxKernels, int poolSize,
                  SandboxSettings sandboxSettings, Sandbox sandbox, Optional<RemoteProvisioner> remote,
                  Map<String, String> serverEnvironment, KernelProcessRepository processes) {
    this.remote = remote;
    this.slots = new KernelSlots(maxKernels);
    this.processes = processes;
    this.sandboxSettings = sandboxSettings;
    this.python = python;
    this.defaultKernel = defaultKernel;
    if (remote.isEmpty() && (python.isPresent() || !defaultKernel.equals(PYTHON))) {
      spec(defaultKernel);
    }
    Path ipythonDir = home.resolve("ipython");
    this.environment = KernelEnvironment.create(serverEnvironment, ipythonDir);
    this.sandbox = sandbox;
    ProcessProvisioner local = null;
    if (remote.isPresent()) {
      log.info("kernels run on the Jupyter Server at {}", remote.get().server().options().describe());
    } else if (sandbox.on()) {
      log.info("kernels are sandboxed ({}); network {} by default", sandbox.reason(),
          sandboxSettings.network() ? "on" : "off");
      local = new SandboxProvisioner(sandboxSettings, ipythonDir,
          home.resolve("sandbox"), List.of(home, Path.of(System.getProperty("user.home"))));
    } else if (sandboxSettings.mode() == SandboxMode.REQUIRED) {
      log.error("--sandbox required, but {}", sandbox.reason());
      local = refusing(sandbox.reason());
    } else {
      log.warn("kernels are NOT sandboxed: {}", sandbox.reason());
      local = new LocalProvisioner();
    }
    provisioner = remote.isPresent() ? remote.get() : local;
    new LeftoverKernels(processes).killAll();
    remote.ifPresent(r -> new LeftoverKernels(processes).deleteAllOn(r.server()));
    if (sandbox.on()) {
      KernelCgroup.removeLeftovers(Duration.ofMinutes(1));
    }
    boolean canStart = sandbox.on() || sandboxSettings.mode() != SandboxMode.REQUIRED;
    // One pool, of the default kernelspec: most conversations run it, and each ready kernel holds a slot and
    // its memory, so a pool per kernelspec in use would keep that many more idle. Another kernelspec starts
    // its own kernel. No pool with a gateway: a kernel there starts in its conversation's directory, which
    // the pool does not know yet (a local pool kernel's directory is renamed to be the workspace; a remote
    // one's directory would have to be renamed through the contents API under the running kernel, which a
    // contents manager other than the file system's may not allow), and the kernels kept idle would take a
    // shared server's memory; a gateway that wants warm kernels keeps its own pool (Enterprise Gateway does).
    this.pool = poolSize > 0 && canStart && local != null
        ? Optional.of(new KernelPool(poolSize, () -> spec(defaultKernel), local, home.resolve("pool"),
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
    String serverDirectory = remote.isPresent() ? RemoteProvisioner.directoryOf(conversationId) : "";
    return new KernelSession(conversationId, () -> spec(kernel.get()), provisioner,
        () -> new KernelPlacement(workspace, logFile, environment, network.getAsBoolean(), serverDirectory), slots,
        pool, processes, listener);
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** Whether a conversation that did not choose has a network. */
  public boolean networkByDefault() {
    return sandboxSettings.network();
  }

  /** The Jupyter Server that runs the kernels ({@code --gateway-url}), if one does. */
  public Optional<JupyterServer> gateway() {
    return remote.map(RemoteProvisioner::server);
  }

  private static ProcessProvisioner refusing(String reason) {
    return new ProcessProvisioner() {
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
    KernelSpec found = remote.isPresent() ? remote.get().spec(name) : specs().launchable(name, python);
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
      return remote.isPresent() ? Optional.empty() : specs().find(name);
    } catch (KernelException e) {
      return Optional.empty();   // the gateway cannot be asked now: the name stands for itself
    }
  }

  /**
   * The kernelspecs this server can start, the default first: Jupyter's data directories searched now (a
   * kernel installed since the start is there), those whose program is missing left out (logged); with a
   * gateway, the gateway's, asked now (a JupyterServerException when it cannot be).
   */
  public List<KernelSpec> available() {
    if (remote.isPresent()) {
      return remote.get().specs(defaultKernel);
    }
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
