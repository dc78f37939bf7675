package io.kernelchat.jupyter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.jupyter.KernelSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZMTP spoken to a real ipykernel's ipc sockets, with nothing in between. */
class ZmtpSocketTest {
  @Test
  void aPingSentTheMomentTheConnectionOpensIsEchoedEveryTime(@TempDir Path dir) throws Exception {
    ConnectionInfo info = ConnectionInfo.unixSockets(dir.resolve("kernel"), "python3");
    Path file = dir.resolve("kernel.json");
    info.writeIpcFile(file, info.ip());
    String python = KernelSpecs.discover().python(Optional.ofNullable(System.getenv("KERNELCHAT_PYTHON"))
        .filter(s -> !s.isBlank()).map(Path::of)).argv().get(0);
    Process kernel = new ProcessBuilder(python, "-m", "ipykernel_launcher", "-f", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile()).start();
    try {
      Path heartbeat = info.ipcSocket(info.hbPort());
      // Each ping goes out with the greeting, before the kernel's READY: libzmq drops a connection whose first
      // message comes before it has sent its READY, so the socket must hold it until then.
      for (int i = 0; i < 30; i++) {
        try (ZmtpSocket socket = connect(heartbeat)) {
          byte[] ping = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
          socket.send(List.of(new byte[0], ping));
          List<byte[]> echo = socket.receive(10_000);
          assertThat(echo).as("the echo of ping %d", i).isNotNull();
          assertThat(echo.get(echo.size() - 1)).isEqualTo(ping);
        }
      }
    } finally {
      kernel.destroyForcibly().waitFor();
    }
  }

  /** The kernel binds its heartbeat a moment after it starts. */
  private static ZmtpSocket connect(Path socketFile) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(socketFile)) {
        ZmtpSocket socket = ZmtpSocket.connect(socketFile, "REQ", null);
        if (socket != null) {
          return socket;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the kernel never listened on " + socketFile);
  }
}
