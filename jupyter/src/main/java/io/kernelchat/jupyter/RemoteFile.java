package io.kernelchat.jupyter;

/**
 * An entry of a Jupyter Server's contents API.
 *
 * @param path its path from the server's root, with {@code /} between parts
 * @param directory whether it is a directory
 * @param size its size in bytes (0 for a directory, or when the server does not say)
 * @param modified when it last changed, epoch millis
 */
public record RemoteFile(String path, boolean directory, long size, long modified) {
  /** The last part of the path. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
