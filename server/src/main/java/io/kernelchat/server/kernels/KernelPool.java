package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.server.store.KernelProcessRepository;
import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernels of the default kernelspec started ahead of their conversations ({@code --kernel-pool N}), provisioned
 * like any other (in the sandbox too, with no network); a Python one with the data stack the system prompt
 * promises imported and matplotlib's inline backend loaded, so a new conversation's first cell and first plot do
 * not wait. Only a conversation of that very kernelspec takes one. They
 * hold kernel slots like any kernel and give them up first when a conversation needs one. Refilled in the
 * background, one kernel at a time.
 */
final class KernelPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KernelPool.class);
  /** Imports without binding a name: the conversation's namespace stays that of a fresh kernel. */
  static final String WARM_UP = "__import__('numpy'); __import__('pandas'); __import__('matplotlib.pyplot')";
  private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long after a take the pool starts refilling. A kernel's start and warm-up keep a core busy for a second
   * or two; started at once, they compete with the first cells of the conversation that took the kernel, which
   * the person is waiting for (on two cores that cell took longer). Nobody opens chats that fast in a row; a
   * conversation that does starts its own kernel, as without a pool.
   */
  static final Duration REFILL_DELAY = Duration.ofSeconds(2);
  static final String OWNER = "pool";

  private final int size;
  private final Supplier<KernelSpec> spec;
  private final ProcessProvisioner provisioner;
  private final Path directories;
  private final Path logs;
  private final Map<String, String> environment;
  private final KernelSlots slots;
  private final KernelProcessRepository processes;
  private final Deque<PooledKernel> ready = new ArrayDeque<>();
  private final ExecutorService refiller = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "kernel-pool");
    t.setDaemon(true);
    return t;
  });
  private int starting;
  private boolean closed;

  KernelPool(int size, Supplier<KernelSpec> spec, ProcessProvisioner provisioner, Path directories, Path logs,
             Map<String, String> environment, KernelSlots slots, KernelProcessRepository processes) {
    this.size = size;
    this.spec = spec;
    this.provisioner = provisioner;
    this.directories = directories;
    this.logs = logs;
    this.environment = environment;
    this.slots = slots;
    this.processes = processes;
  }

  /**
   * A ready kernel, which now owns a slot for its taker, waiting for one that is starting (it is further
   * along than a new one would be); empty when none is ready or starting. Refills behind it.
   */
  synchronized Optional<PooledKernel> take(KernelSpec wanted) {
    if (!runs(wanted)) {
      return Optional.empty();
    }
    PooledKernel kernel = awaitReady() ? ready.pollFirst() : null;
    if (kernel != null) {
      processes.remove(kernel.manager().pid());
    }
    CompletableFuture.delayedExecutor(REFILL_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(this::refill);
    return Optional.ofNullable(kernel);
  }

  /** Whether this pool's kernels run {@code wanted}. */
  private boolean runs(KernelSpec wanted) {
    try {
      return spec.get().equals(wanted);
    } catch (KernelException e) {
      return false;   // the default kernelspec cannot start: the pool has nothing
    }
  }

  /** Stops one ready (or, once ready, starting) kernel so its slot goes to a conversation; false when none. */
  boolean giveUpOne() {
    PooledKernel kernel;
    synchronized (this) {
      kernel = awaitReady() ? ready.pollLast() : null;
    }
    if (kernel == null) {
      return false;
    }
    stop(kernel);
    return true;
  }

  /** Starts kernels in the background until {@code size} are ready or starting, while slots are free. */
  synchronized void refill() {
    while (!closed && ready.size() + starting < size && slots.tryAcquireForPool()) {
      starting++;
      refiller.execute(this::startOne);
    }
  }

  private void startOne() {
    PooledKernel kernel = null;
    try {
      String name = UUID.randomUUID().toString();
      Path dir = OwnerOnly.directories(directories.resolve(name));
      Path logFile = OwnerOnly.file(OwnerOnly.directories(logs).resolve("pool-" + name + ".log"));
      KernelSpec started = spec.get();
      KernelManager manager = provisioner.start(started, new KernelPlacement(dir, logFile, environment, false));
      kernel = new PooledKernel(manager, dir, logFile);
      processes.record(manager.pid(), OWNER, System.currentTimeMillis());
      // The data stack is Python's; a kernel of another language is as warm as it gets once started.
      if (started.language().equalsIgnoreCase("python")) {
        manager.client().execute(WARM_UP, ExecuteOptions.defaults().withSilent(true).withStoreHistory(false)
            .withTimeout(WARM_UP_TIMEOUT), new ExecutionListener() { });
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not start a pool kernel: {}", e.getMessage());
      if (kernel != null) {
        stop(kernel);
        kernel = null;
      } else {
        slots.release();
      }
    }
    synchronized (this) {
      starting--;
      if (kernel != null && !closed) {
        ready.addLast(kernel);
        kernel = null;
      }
      notifyAll();
    }
    if (kernel != null) {
      stop(kernel);
    }
  }

  private void stop(PooledKernel kernel) {
    try {
      kernel.manager().shutdown();
    } finally {
      processes.remove(kernel.manager().pid());
      deleteQuietly(kernel.directory());
      deleteQuietly(kernel.logFile());
      slots.release();
    }
  }

  private static void deleteQuietly(Path path) {
    try (var all = Files.walk(path)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", path, e.toString());
    }
  }

  /** Waits while no kernel is ready but one is starting; whether one is ready. Holds this object's lock. */
  private boolean awaitReady() {
    long deadline = System.nanoTime() + WARM_UP_TIMEOUT.multipliedBy(2).toNanos();
    while (ready.isEmpty() && starting > 0 && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return !ready.isEmpty();
  }

  int size() {
    return size;
  }

  /** How many kernels are ready now. */
  synchronized int readyCount() {
    return ready.size();
  }

  @Override
  public void close() {
    Deque<PooledKernel> left;
    synchronized (this) {
      closed = true;
      left = new ArrayDeque<>(ready);
      ready.clear();
      notifyAll();
    }
    refiller.shutdownNow();
    left.parallelStream().forEach(this::stop);
    try {
      // A kernel still starting stops itself when it is ready: wait for that rather than leave it behind.
      refiller.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
