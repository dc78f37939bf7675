package io.kernelchat.server.kernels;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The machine-wide limit on running kernels ({@code --max-kernels}), which serves the user rather than
 * refusing them: a conversation that needs a kernel when all slots are taken gets one from a pool kernel
 * first, then from the least recently used idle conversation kernel (which is stopped, its files kept);
 * only when every kernel is busy is the answer {@code unavailable:kernel_limit}.
 */
final class KernelSlots {
  private final int max;
  private final Semaphore free;
  private final Set<KernelSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile KernelPool pool;

  KernelSlots(int max) {
    this.max = max;
    this.free = new Semaphore(max);
  }

  void usePool(KernelPool value) {
    this.pool = value;
  }

  void register(KernelSession session) {
    sessions.add(session);
  }

  void forget(KernelSession session) {
    sessions.remove(session);
  }

  /** A slot for a pool kernel, only if one is free: the pool never takes a slot from a conversation. */
  boolean tryAcquireForPool() {
    return free.tryAcquire();
  }

  /** A slot for {@code requester}'s kernel, making room as the class says. */
  void acquire(KernelSession requester) {
    while (!free.tryAcquire()) {
      KernelPool p = pool;
      if (p != null && p.giveUpOne()) {
        continue;
      }
      Optional<KernelSession> idlest = sessions.stream()
          .filter(s -> s != requester && s.isIdleAndStarted())
          .min(Comparator.comparingLong(KernelSession::lastUsed));
      if (idlest.isEmpty() || !idlest.get().evict("stopped to make room for another conversation's kernel ("
          + max + " kernels at most, --max-kernels); it starts again when needed, its files are kept")) {
        if (idlest.isEmpty()) {
          throw new KernelUnavailableException("unavailable:kernel_limit", max + " kernels are running and all of"
              + " them are busy (--max-kernels " + max + "). Wait for one to finish, or stop one.");
        }
      }
    }
  }

  void release() {
    free.release();
  }
}
