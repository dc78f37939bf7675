package io.kernelchat.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What kernel code can do to a check-then-open: swap a name in its workspace between what is there (a file or a
 * directory) and a symlink to somewhere else, as fast as it can, on a thread of its own until closed. Each round
 * renames the real entry aside, the link in, the link aside and the real entry back, so the name is in turn the
 * real thing, missing, the link and missing.
 */
public final class SymlinkSwapper implements AutoCloseable {
  private final Path name;
  private final Path real;
  private final Path link;
  private final Thread thread;
  private final AtomicLong rounds = new AtomicLong();
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  private SymlinkSwapper(Path name, Path target) throws IOException {
    this.name = name;
    this.real = name.resolveSibling("." + name.getFileName() + ".real");
    this.link = Files.createSymbolicLink(name.resolveSibling("." + name.getFileName() + ".link"), target);
    this.thread = new Thread(this::swap, "symlink-swapper");
    thread.setDaemon(true);
  }

  /** Starts swapping {@code name}, which must exist, with a symlink to {@code target}. */
  public static SymlinkSwapper start(Path name, Path target) {
    try {
      SymlinkSwapper swapper = new SymlinkSwapper(name, target);
      swapper.thread.start();
      return swapper;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long rounds() {
    return rounds.get();
  }

  private void swap() {
    try {
      while (!stopped) {
        move(name, real);
        move(link, name);
        move(name, link);
        move(real, name);
        rounds.incrementAndGet();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops with the real entry back at its name and the link gone; fails if swapping failed. */
  @Override
  public void close() throws InterruptedException, IOException {
    stopped = true;
    thread.join();
    Files.delete(link);
    if (failure != null) {
      throw failure;
    }
  }
}
