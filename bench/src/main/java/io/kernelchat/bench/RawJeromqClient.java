package io.kernelchat.bench;

import io.kernelchat.jupyter.internal.ConnectionInfo;
import io.kernelchat.jupyter.internal.KernelProcess;
import io.kernelchat.jupyter.internal.Message;
import io.kernelchat.jupyter.internal.MessageContents;
import io.kernelchat.jupyter.internal.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A second baseline, in Java: the thinnest single-threaded JeroMQ client (our wire format, no IO thread,
 * no queues). The gap between it and raw pyzmq is JeroMQ's; the gap between it and us is our threading.
 */
final class RawJeromqClient implements AutoCloseable {
  private final ZContext context = new ZContext(1);
  private final Path connectionFile;
  private final KernelProcess process;
  private final Session session;
  private final ZMQ.Socket shell;
  private final ZMQ.Socket iopub;
  private final ZMQ.Poller poller;

  RawJeromqClient(Path python) throws Exception {
    ConnectionInfo info = ConnectionInfo.fresh("bench");
    connectionFile = info.writeTo(Path.of(System.getProperty("java.io.tmpdir")));
    process = KernelProcess.launch(List.of(python.toString(), "-m", "ipykernel_launcher", "-f",
        connectionFile.toString()), Path.of(System.getProperty("java.io.tmpdir")), Map.of(),
        Path.of("/dev/null"));
    session = new Session(info.key());
    shell = context.createSocket(SocketType.DEALER);
    shell.connect(info.endpoint(info.shellPort()));
    iopub = context.createSocket(SocketType.SUB);
    iopub.subscribe(new byte[0]);
    iopub.connect(info.endpoint(info.iopubPort()));
    poller = context.createPoller(2);
    poller.register(shell, ZMQ.Poller.POLLIN);
    poller.register(iopub, ZMQ.Poller.POLLIN);
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      String id = send(new MessageContents.KernelInfoRequest());
      long attemptEnd = System.nanoTime() + 250_000_000L;
      while (System.nanoTime() < attemptEnd) {
        if (poller.poll(50) > 0 && poller.pollin(1)
            && receive(iopub).map(m -> id.equals(m.parentId())).orElse(false)) {
          return;
        }
        if (poller.pollin(0)) {
          receive(shell);
        }
      }
    }
    throw new IllegalStateException("raw JeroMQ baseline: kernel not ready");
  }

  /**
   * Executes and returns once both the reply and status idle arrived. Each wake drains both sockets, so
   * JeroMQ's poller (two selects and a re-registration per call) runs once per burst, not once per message.
   */
  void execute(String code) {
    String id = send(new MessageContents.ExecuteRequest(code, false, true, Map.of(), false, true));
    boolean replied = false;
    boolean idle = false;
    while (!(replied && idle)) {
      poller.poll(-1);
      for (ZMQ.Socket socket : List.of(shell, iopub)) {
        for (List<byte[]> frames = framesNow(socket); frames != null; frames = framesNow(socket)) {
          Object content = session.parse(frames).filter(msg -> id.equals(msg.parentId())).map(Message::content)
              .orElse(null);
          if (content instanceof MessageContents.ExecuteReply) {
            replied = true;
          } else if (content instanceof MessageContents.Status s) {
            idle = idle || "idle".equals(s.executionState());
          }
        }
      }
    }
  }

  /** The frames of the next message if one is waiting, else null. */
  private static List<byte[]> framesNow(ZMQ.Socket socket) {
    byte[] first = socket.recv(ZMQ.DONTWAIT);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv(0));
    }
    return frames;
  }

  private String send(Object content) {
    Message request = session.request(content);
    List<byte[]> frames = session.serialize(request);
    for (int i = 0; i < frames.size(); i++) {
      shell.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }
    return request.header().msgId();
  }

  private Optional<Message> receive(ZMQ.Socket socket) {
    List<byte[]> frames = new ArrayList<>();
    frames.add(socket.recv(0));
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv(0));
    }
    return session.parse(frames);
  }

  @Override
  public void close() throws Exception {
    process.signalGroup("KILL");
    process.waitFor(5000);
    context.close();
    Files.deleteIfExists(connectionFile);
  }
}
