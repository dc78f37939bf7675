package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ports and signing key a kernel listens with; written to a 0600 connection file for the kernel. */
public record ConnectionInfo(String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                             int hbPort, String key, String kernelName) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Fresh free ports on 127.0.0.1 and a random 256-bit key. */
  public static ConnectionInfo fresh(String kernelName) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      // Hold all five open at once so they are distinct, then release them for the kernel to bind.
      for (int i = 0; i < 5; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      return new ConnectionInfo("127.0.0.1", held.get(0).getLocalPort(), held.get(1).getLocalPort(),
          held.get(2).getLocalPort(), held.get(3).getLocalPort(), held.get(4).getLocalPort(),
          HexFormat.of().formatHex(key), kernelName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reserve local ports for a kernel", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Nothing to do: the port is released either way.
        }
      }
    }
  }

  /** The ZMQ endpoint for a port, e.g. {@code tcp://127.0.0.1:5555}. */
  public String endpoint(int port) {
    return "tcp://" + ip + ":" + port;
  }

  /** Writes the connection file as a new file readable only by its owner. */
  public Path writeTo(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "kernel-", ".json",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("transport", "tcp");
    json.put("ip", ip);
    json.put("shell_port", shellPort);
    json.put("iopub_port", iopubPort);
    json.put("stdin_port", stdinPort);
    json.put("control_port", controlPort);
    json.put("hb_port", hbPort);
    json.put("signature_scheme", "hmac-sha256");
    json.put("key", key);
    json.put("kernel_name", kernelName);
    Files.write(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    return file;
  }
}
