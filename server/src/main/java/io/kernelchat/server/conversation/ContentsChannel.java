package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.JupyterServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A file of a Jupyter Server's contents read as a channel: one download streamed from where the reader is, a new one
 * (skipped to the position) when the reader moves elsewhere. Nothing is held but the piece being read.
 */
final class ContentsChannel implements SeekableByteChannel {
  private static final int PIECE = 64 << 10;
  private final JupyterServer server;
  private final String path;
  private final long size;
  private InputStream download;
  private long downloadAt;
  private long position;
  private boolean open = true;

  ContentsChannel(JupyterServer server, String path, long size) {
    this.server = server;
    this.path = path;
    this.size = size;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    checkOpen();
    if (position >= size) {
      return -1;
    }
    if (download == null || downloadAt != position) {
      closeDownload();
      download = server.download(path);
      download.skipNBytes(position);
      downloadAt = position;
    }
    byte[] piece = new byte[Math.min(dst.remaining(), PIECE)];
    int n = download.read(piece);
    if (n < 0) {
      return -1;
    }
    dst.put(piece, 0, n);
    position += n;
    downloadAt += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized long position() throws IOException {
    checkOpen();
    return position;
  }

  @Override
  public synchronized SeekableByteChannel position(long newPosition) throws IOException {
    checkOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() throws IOException {
    open = false;
    closeDownload();
  }

  private void checkOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }

  private void closeDownload() throws IOException {
    if (download != null) {
      download.close();
      download = null;
    }
  }
}
