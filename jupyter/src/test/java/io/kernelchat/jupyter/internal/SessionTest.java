package io.kernelchat.jupyter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {
  private final Session session = new Session("secret-key");

  /** Frames as a kernel would send them, answering a request of ours. */
  private List<byte[]> kernelMessage(Session signer, String msgType, Object content, byte[]... identities) {
    Message request = signer.request(new MessageContents.ExecuteRequest("1+1", false, true, Map.of(), true, true));
    Header header = new Header("k-1", "kernel-session", "kernel", "2026-01-01T00:00:00Z", msgType, "5.3");
    return signer.serialize(new Message(List.of(identities), header, request.header(), Map.of(), content,
        List.of()));
  }

  @Test
  void aSignedMessageParsesIntoItsTypedContent() {
    List<byte[]> frames = kernelMessage(session, "input_request", new MessageContents.InputRequest("Name?", true),
        "id-1".getBytes(StandardCharsets.UTF_8));

    Message parsed = session.parse(frames).orElseThrow();

    assertThat(parsed.msgType()).isEqualTo("input_request");
    assertThat(parsed.content()).isEqualTo(new MessageContents.InputRequest("Name?", true));
    assertThat(parsed.identities()).hasSize(1);
    assertThat(new String(parsed.identities().get(0), StandardCharsets.UTF_8)).isEqualTo("id-1");
    assertThat(parsed.parentId()).isNotNull();
    assertThat(parsed.header().version()).isEqualTo("5.3");
  }

  @Test
  void theRequestFramesCarryTheProtocolsSnakeCaseNames() {
    Message request = session.request(new MessageContents.ExecuteRequest("x", false, true, Map.of(), false, true));
    List<byte[]> frames = session.serialize(request);

    assertThat(new String(frames.get(0), StandardCharsets.US_ASCII)).isEqualTo("<IDS|MSG>");
    assertThat(new String(frames.get(2), StandardCharsets.UTF_8))
        .contains("\"msg_type\":\"execute_request\"").contains("\"msg_id\":");
    assertThat(new String(frames.get(3), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(new String(frames.get(5), StandardCharsets.UTF_8))
        .contains("\"store_history\":true").contains("\"allow_stdin\":false").contains("\"user_expressions\":{}");
  }

  @Test
  void aTamperedContentFrameIsDropped() {
    List<byte[]> frames = new ArrayList<>(kernelMessage(session, "stream", new MessageContents.Stream("stdout", "real")));
    int content = frames.size() - 1;
    frames.set(content, new String(frames.get(content), StandardCharsets.UTF_8).replace("real", "fake")
        .getBytes(StandardCharsets.UTF_8));

    assertThat(session.parse(frames)).isEmpty();
  }

  @Test
  void aMessageSignedWithAnotherKeyIsDropped() {
    List<byte[]> frames = kernelMessage(new Session("other-key"), "stream", new MessageContents.Stream("stdout", "x"));

    assertThat(session.parse(frames)).isEmpty();
  }

  @Test
  void framesWithoutADelimiterOrWithMissingPartsAreDropped() {
    List<byte[]> frames = kernelMessage(session, "stream", new MessageContents.Stream("stdout", "x"));

    assertThat(session.parse(frames.subList(1, frames.size()))).isEmpty();
    assertThat(session.parse(frames.subList(0, frames.size() - 1))).isEmpty();
  }

  @Test
  void anUnknownMessageTypeParsesAsAMap() {
    Message parsed = session.parse(kernelMessage(session, "comm_open", Map.of("comm_id", "c1"))).orElseThrow();

    assertThat(parsed.content()).isEqualTo(Map.of("comm_id", "c1"));
  }

  @Test
  void aStringLongerThanJacksonsDefaultLimitParses() {
    String big = "y".repeat(30 * 1024 * 1024);

    Message parsed = session.parse(kernelMessage(session, "stream", new MessageContents.Stream("stdout", big))).orElseThrow();

    assertThat(String.join("", ((MessageContents.StreamPieces) parsed.content()).pieces())).isEqualTo(big);
  }

  @Test
  void aOneElementListWhereTheProtocolHasAStringReadsAsThatString() {
    // octave_kernel's implementation_version is a Python tuple by mistake: ("0.34.2",)
    Message parsed = session.parse(kernelMessage(session, "kernel_info_reply", Map.of("status", "ok",
        "protocol_version", "5.3", "implementation", "Octave Kernel", "implementation_version", List.of("0.34.2"))))
        .orElseThrow();

    assertThat(((MessageContents.KernelInfoReply) parsed.content()).implementationVersion()).isEqualTo("0.34.2");
  }

  @Test
  void aFieldOfAShapeTheProtocolDoesNotHaveIsLeftOutAndTheRestKept() {
    Message parsed = session.parse(kernelMessage(session, "kernel_info_reply", Map.of("status", "ok",
        "protocol_version", "5.3", "implementation_version", List.of(6, 0), "banner", Map.of("not", "text"),
        "language_info", Map.of("name", "octave", "version", "8.4.0")))).orElseThrow();

    MessageContents.KernelInfoReply reply = (MessageContents.KernelInfoReply) parsed.content();
    assertThat(reply.implementationVersion()).isNull();
    assertThat(reply.banner()).isNull();
    assertThat(reply.protocolVersion()).isEqualTo("5.3");
    assertThat(reply.languageInfo()).containsEntry("name", "octave");
  }

  @Test
  void aTracebackSentAsOneStringReadsAsAOneLineList() {
    // metakernel's process kernels send str(traceback) when the language's process fails
    Message parsed = session.parse(kernelMessage(session, "error", Map.of("ename", "", "evalue", "1",
        "traceback", "Traceback (most recent call last): ..."))).orElseThrow();

    assertThat(((MessageContents.Error) parsed.content()).traceback())
        .containsExactly("Traceback (most recent call last): ...");
  }
}
