package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One record per message content we send or read, and the table from {@code msg_type} to record. Field
 * names are the protocol's in camel case; {@link Session} maps them to snake case.
 */
public final class MessageContents {
  private MessageContents() {}

  public record ExecuteRequest(String code, boolean silent, boolean storeHistory,
                               Map<String, Object> userExpressions, boolean allowStdin, boolean stopOnError) {}

  public record ExecuteReply(String status, int executionCount, String ename, String evalue,
                             List<String> traceback) {}

  public record Stream(String name, String text) {}

  /** A {@code stream} content as read: its text in pieces (see {@link StreamContent}). */
  public record StreamPieces(String name, List<String> pieces) {}

  public record Transient(String displayId) {}

  public record DisplayData(Map<String, Object> data, Map<String, Object> metadata,
                            @JsonProperty("transient") Transient transientData) {}

  public record ExecuteResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata) {}

  public record Error(String ename, String evalue, List<String> traceback) {}

  public record ClearOutput(@JsonProperty("wait") boolean waitForNext) {}

  public record Status(String executionState) {}

  public record InputRequest(String prompt, boolean password) {}

  public record InputReply(String value) {}

  public record CompleteRequest(String code, int cursorPos) {}

  public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd,
                              Map<String, Object> metadata, String ename, String evalue) {}

  public record InspectRequest(String code, int cursorPos, int detailLevel) {}

  public record InspectReply(String status, boolean found, Map<String, Object> data, Map<String, Object> metadata,
                             String ename, String evalue) {}

  public record KernelInfoRequest() {}

  /** {@code language_info} stays a map: kernels add fields of their own, and notebooks keep all of it. */
  public record KernelInfoReply(String status, String protocolVersion, String implementation,
                                String implementationVersion, Map<String, Object> languageInfo, String banner) {}

  public record ShutdownRequest(boolean restart) {}

  public record InterruptRequest() {}

  /** Content types of the messages a kernel sends us; others are read as a {@code Map}. */
  static final Map<String, Class<?>> INBOUND = Map.ofEntries(
      Map.entry("execute_reply", ExecuteReply.class),
      Map.entry("stream", StreamPieces.class),
      Map.entry("display_data", DisplayData.class),
      Map.entry("update_display_data", DisplayData.class),
      Map.entry("execute_result", ExecuteResult.class),
      Map.entry("error", Error.class),
      Map.entry("clear_output", ClearOutput.class),
      Map.entry("status", Status.class),
      Map.entry("input_request", InputRequest.class),
      Map.entry("complete_reply", CompleteReply.class),
      Map.entry("inspect_reply", InspectReply.class),
      Map.entry("kernel_info_reply", KernelInfoReply.class));

  /** The {@code msg_type} of a request content we send. */
  static String msgTypeOf(Object content) {
    if (content instanceof ExecuteRequest) return "execute_request";
    if (content instanceof InputReply) return "input_reply";
    if (content instanceof CompleteRequest) return "complete_request";
    if (content instanceof InspectRequest) return "inspect_request";
    if (content instanceof KernelInfoRequest) return "kernel_info_request";
    if (content instanceof ShutdownRequest) return "shutdown_request";
    if (content instanceof InterruptRequest) return "interrupt_request";
    throw new IllegalArgumentException("not a request content: " + content.getClass().getName());
  }
}
