package io.kernelchat.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The thinnest HTTP/1.1 client: one keep-alive connection, request bytes out, response read by
 * Content-Length or chunks. Used for round trips and event streams so that the server's cost is measured,
 * not a general-purpose client's (the baseline is a raw pyzmq client, just as thin): the JDK's HttpClient
 * hands every body buffer through its own threads, which on 2 cores compete with the server and the kernel.
 */
final class KeepAliveHttp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String token;

  KeepAliveHttp(int port, String token) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.token = token;
  }

  /** POSTs JSON and returns the body, failing on a status other than 2xx. */
  String post(String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
    String status = line();
    long length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
        response.write(in.readNBytes(size));
        line();
      }
      line();
    } else {
      response.write(in.readNBytes((int) length));
    }
    String text = response.toString(StandardCharsets.UTF_8);
    if (!status.contains(" 2")) {
      throw new IOException(path + " answered " + status + ": " + text);
    }
    return text;
  }

  /**
   * Opens an event stream on this connection and returns its body, de-chunked. The connection then carries
   * only that stream.
   */
  InputStream openEventStream(String path) throws IOException {
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    String status = line();
    if (!status.contains(" 200")) {
      throw new IOException(path + " answered " + status);
    }
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
    }
    return chunked ? new ChunkedBody() : in;
  }

  /** A chunked body as plain bytes; ends at the last (empty) chunk. */
  private final class ChunkedBody extends InputStream {
    private long left;
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line();
        if (size.isEmpty()) {
          size = line();   // the CRLF that ends the previous chunk's data
        }
        left = Long.parseLong(size.split(";")[0].trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the stream ended inside a chunk");
      }
      left -= n;
      return n;
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
