package io.kernelchat.jupyter;

import io.kernelchat.jupyter.internal.Channel;
import io.kernelchat.jupyter.internal.Execution;
import io.kernelchat.jupyter.internal.KernelConnection;
import io.kernelchat.jupyter.internal.MessageContents;
import io.kernelchat.jupyter.internal.RequestReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends requests to a running kernel and waits for their results. Thread-safe: several threads may
 * execute at once (the kernel runs their code one request after another). Obtained from
 * {@link KernelManager#client()}; stays usable across restarts.
 */
public final class KernelClient {
  /** How long complete, inspect and kernel_info wait for their reply. */
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

  private volatile KernelConnection connection;

  KernelClient(KernelConnection connection) {
    this.connection = connection;
  }

  void attach(KernelConnection newConnection) {
    this.connection = newConnection;
  }

  /**
   * Runs code and streams its outputs to the listener on the calling thread, returning once both the
   * {@code execute_reply} and the {@code status: idle} for this request have arrived.
   *
   * @throws ExecutionTimeoutException when {@code options.timeout()} passes first (the kernel keeps running)
   * @throws KernelDiedException when the kernel dies (or is restarted) before the execution ends
   */
  public ExecutionResult execute(String code, ExecuteOptions options, ExecutionListener listener) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    return Execution.run(connection, code, options, listener);
  }

  /** Completions at {@code cursorPos} (a code point offset). */
  public CompleteReply complete(String code, int cursorPos) {
    MessageContents.CompleteReply reply = RequestReply.call(connection, Channel.SHELL,
        new MessageContents.CompleteRequest(code, cursorPos), MessageContents.CompleteReply.class, REPLY_TIMEOUT);
    failOnError("complete", reply.status(), reply.ename(), reply.evalue());
    return new CompleteReply(reply.matches() == null ? List.of() : reply.matches(), reply.cursorStart(),
        reply.cursorEnd(), reply.metadata() == null ? Map.of() : reply.metadata());
  }

  /** Documentation for the object at {@code cursorPos}; detail level 0 or 1. */
  public InspectReply inspect(String code, int cursorPos, int detailLevel) {
    MessageContents.InspectReply reply = RequestReply.call(connection, Channel.SHELL,
        new MessageContents.InspectRequest(code, cursorPos, detailLevel), MessageContents.InspectReply.class,
        REPLY_TIMEOUT);
    failOnError("inspect", reply.status(), reply.ename(), reply.evalue());
    return new InspectReply(reply.found(), reply.data() == null ? Map.of() : reply.data(),
        reply.metadata() == null ? Map.of() : reply.metadata());
  }

  /** The kernel's self-description. */
  public KernelInfo kernelInfo() {
    MessageContents.KernelInfoReply reply = RequestReply.call(connection, Channel.SHELL,
        new MessageContents.KernelInfoRequest(), MessageContents.KernelInfoReply.class, REPLY_TIMEOUT);
    Map<String, Object> language = reply.languageInfo() == null ? Map.of() : reply.languageInfo();
    return new KernelInfo(reply.protocolVersion(), reply.implementation(), reply.implementationVersion(),
        text(language.get("name")), text(language.get("version")), text(language.get("file_extension")),
        reply.banner(), language);
  }

  /** A language_info value as text: kernels send numbers for versions, and nothing for what they lack. */
  private static String text(Object value) {
    return value instanceof String || value instanceof Number ? value.toString() : "";
  }

  private static void failOnError(String request, String status, String ename, String evalue) {
    if ("error".equals(status)) {
      throw new KernelException(request + " failed in the kernel: " + ename + ": " + evalue);
    }
  }
}
