package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a kernel listens and the key it signs with, as its client reaches it: {@code tcp} ports on {@code ip}, or
 * {@code ipc} socket files {@code <ip>-<port>}; written to a 0600 connection file for the kernel.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String kernelName) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  /** The ipc "ports": numbers that name the sockets, in channel order. */
  static final List<Integer> IPC_NUMBERS = List.of(1, 2, 3, 4, 5);

  /** Fresh free ports on 127.0.0.1 and a random 256-bit key. */
  public static ConnectionInfo fresh(String kernelName) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      // Hold all five open at once so they are distinct, then release them for the kernel to bind.
      for (int i = 0; i < 5; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return withPorts(held.stream().map(ServerSocket::getLocalPort).toList(), kernelName);
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

  /** These loopback ports (shell, iopub, stdin, control, heartbeat) and a random 256-bit key. */
  private static ConnectionInfo withPorts(List<Integer> ports, String kernelName) {
    return create("tcp", "127.0.0.1", ports, kernelName);
  }

  /** The ipc sockets {@code <socketPrefix>-1..5} and a random 256-bit key. */
  static ConnectionInfo unixSockets(Path socketPrefix, String kernelName) {
    return create("ipc", socketPrefix.toString(), IPC_NUMBERS, kernelName);
  }

  private static ConnectionInfo create(String transport, String ip, List<Integer> ports, String kernelName) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new ConnectionInfo(transport, ip, ports.get(0), ports.get(1), ports.get(2), ports.get(3), ports.get(4),
        HexFormat.of().formatHex(key), kernelName);
  }

  /** The ZMQ endpoint for a TCP port, e.g. {@code tcp://127.0.0.1:5555}. */
  public String endpoint(int port) {
    return "tcp://" + ip + ":" + port;
  }

  boolean unix() {
    return transport.equals("ipc");
  }

  /** The socket file of an ipc "port". */
  Path ipcSocket(int port) {
    return Path.of(ip + "-" + port);
  }

  /** Writes the connection file as a new file readable only by its owner. */
  public Path writeTo(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "kernel-", ".json", OWNER_ONLY);
    write(file, "tcp", ip, List.of(shellPort, iopubPort, stdinPort, controlPort, hbPort));
    return file;
  }

  /**
   * Writes, as a new owner-only file, the connection file of these ipc sockets as the kernel sees them,
   * {@code <socketPrefix>-1} (shell) to {@code -5} (heartbeat): a wrapper may mount them elsewhere.
   */
  void writeIpcFile(Path file, String socketPrefix) throws IOException {
    Files.createFile(file, OWNER_ONLY);
    write(file, "ipc", socketPrefix, IPC_NUMBERS);
  }

  private void write(Path file, String transport, String address, List<Integer> ports) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("transport", transport);
    json.put("ip", address);
    json.put("shell_port", ports.get(0));
    json.put("iopub_port", ports.get(1));
    json.put("stdin_port", ports.get(2));
    json.put("control_port", ports.get(3));
    json.put("hb_port", ports.get(4));
    json.put("signature_scheme", "hmac-sha256");
    json.put("key", key);
    json.put("kernel_name", kernelName);
    Files.write(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }

}
