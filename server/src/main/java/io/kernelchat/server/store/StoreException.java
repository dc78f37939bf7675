package io.kernelchat.server.store;

/** The database failed: disk full, corrupt file, a bug in a statement. Not the caller's fault. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
