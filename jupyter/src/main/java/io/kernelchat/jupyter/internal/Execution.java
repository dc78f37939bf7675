package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.ClearOutput;
import io.kernelchat.jupyter.DisplayData;
import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecuteResult;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.ExecutionTimeoutException;
import io.kernelchat.jupyter.InputRequest;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.jupyter.UpdateDisplayData;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code execute_request}, run like jupyter_client's {@code execute_interactive}: IOPub messages whose
 * parent is this request go to the listener; done once both the reply and {@code status: idle} arrived.
 */
public final class Execution {
  private static final Logger log = LoggerFactory.getLogger(Execution.class);

  private Execution() {}

  public static ExecutionResult run(KernelConnection connection, String code, ExecuteOptions options,
                                    ExecutionListener listener) {
    long deadline = options.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeout().toNanos();
    PendingRequest pending = connection.send(Channel.SHELL, new MessageContents.ExecuteRequest(code,
        options.silent(), options.storeHistory(), Map.of(), options.allowStdin(), options.stopOnError()));
    try {
      listener.onSent();
      ExecutionResult result = null;
      boolean idle = false;
      while (result == null || !idle) {
        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        Object event = wait > 0 ? pending.next(wait) : null;
        if (event == null) {
          throw new ExecutionTimeoutException(options.timeout());
        }
        if (event instanceof PendingRequest.Died died) {
          throw died.cause();
        }
        Message message = (Message) event;
        Object content = message.content();
        if (content instanceof MessageContents.ExecuteReply r) {
          result = result(r);
          listener.onReply(result);
        } else if (content instanceof MessageContents.Status s) {
          idle = idle || "idle".equals(s.executionState());
        } else if (content instanceof MessageContents.InputRequest r) {
          connection.reply(message, new MessageContents.InputReply(answer(listener, r)));
        } else if (content instanceof MessageContents.StreamPieces s) {
          StreamName name = "stderr".equals(s.name()) ? StreamName.STDERR : StreamName.STDOUT;
          for (String piece : s.pieces()) {
            listener.onOutput(new StreamOutput(name, piece));
          }
        } else {
          Output output = toOutput(message.msgType(), content);
          if (output != null) {
            listener.onOutput(output);
          }
        }
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KernelException("interrupted while waiting for the kernel");
    } finally {
      connection.done(pending);
    }
  }

  private static String answer(ExecutionListener listener, MessageContents.InputRequest request) {
    try {
      String value = listener.onInputRequest(new InputRequest(request.prompt(), request.password()));
      return value == null ? "" : value;
    } catch (UnsupportedOperationException e) {
      // The kernel blocks until it gets a reply, so a listener that cannot answer sends an empty line.
      return "";
    }
  }

  private static ExecutionResult result(MessageContents.ExecuteReply reply) {
    String status = reply.status() == null ? "" : reply.status();
    return switch (status) {
      case "ok" -> new ExecutionResult(ExecutionStatus.OK, reply.executionCount(), null);
      case "aborted", "abort" -> new ExecutionResult(ExecutionStatus.ABORTED, reply.executionCount(), null);
      // "error", and any status the protocol does not have (jupyter_client passes those on): the call ends
      // with an error that says what the kernel said.
      default -> new ExecutionResult(ExecutionStatus.ERROR, reply.executionCount(), new ErrorOutput(reply.ename(),
          reply.evalue() == null && !status.equals("error") ? "the kernel answered with status '" + status + "'"
              : reply.evalue(), listOrEmpty(reply.traceback())));
    };
  }

  /** The public output for an IOPub content, or null for messages that are not outputs. */
  static Output toOutput(String msgType, Object content) {
    if (content instanceof MessageContents.DisplayData d) {
      String displayId = d.transientData() == null ? null : d.transientData().displayId();
      return "update_display_data".equals(msgType)
          ? new UpdateDisplayData(mapOrEmpty(d.data()), mapOrEmpty(d.metadata()), displayId)
          : new DisplayData(mapOrEmpty(d.data()), mapOrEmpty(d.metadata()), displayId);
    } else if (content instanceof MessageContents.ExecuteResult r) {
      return new ExecuteResult(r.executionCount(), mapOrEmpty(r.data()), mapOrEmpty(r.metadata()));
    } else if (content instanceof MessageContents.Error e) {
      return new ErrorOutput(e.ename(), e.evalue(), listOrEmpty(e.traceback()));
    } else if (content instanceof MessageContents.ClearOutput c) {
      return new ClearOutput(c.waitForNext());
    }
    log.debug("ignoring IOPub {} during an execution", msgType);
    return null;
  }

  private static Map<String, Object> mapOrEmpty(Map<String, Object> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(map);
  }

  private static List<String> listOrEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
