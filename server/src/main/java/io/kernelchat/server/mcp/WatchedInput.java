package io.kernelchat.server.mcp;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The stdio transport's input, passed through unchanged while each newline-delimited message is also shown to
 * {@code onLine} (for cancellation, see {@link RunningCalls}); {@link #awaitEnd()} waits for the end of input.
 */
public final class WatchedInput extends FilterInputStream {
  private final Consumer<String> onLine;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CountDownLatch ended = new CountDownLatch(1);

  WatchedInput(InputStream in, Consumer<String> onLine) {
    super(in);
    this.onLine = onLine;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      ended.countDown();
    } else {
      see((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = super.read(buffer, offset, length);
    } catch (IOException e) {
      ended.countDown();
      throw e;
    }
    if (n < 0) {
      ended.countDown();
    }
    for (int i = 0; i < n; i++) {
      see(buffer[offset + i]);
    }
    return n;
  }

  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  private void see(byte b) {
    if (b == '\n') {
      onLine.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    } else {
      line.write(b);
    }
  }
}
