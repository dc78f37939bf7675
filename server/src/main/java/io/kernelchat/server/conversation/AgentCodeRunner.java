package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.server.agent.CodeReview;
import io.kernelchat.server.agent.CodeRunner;
import io.kernelchat.server.agent.KernelLanguage;
import io.kernelchat.server.agent.WorkspaceFileInfo;
import java.util.List;

/** The agent's cells run as the conversation's cells: recorded, streamed and followed by file events. */
final class AgentCodeRunner implements CodeRunner {
  private final Conversation conversation;
  /** The proposal the person approved last, which the next cell fills (one turn runs its cells one by one). */
  private PendingProposal approved;

  AgentCodeRunner(Conversation conversation) {
    this.conversation = conversation;
  }

  @Override
  public CodeReview review(String code) {
    if (!conversation.asksBeforeRunning()) {
      return CodeReview.asWritten(code);
    }
    PendingProposal proposal = conversation.propose(code);
    CodeReview review = proposal.await();
    approved = review.approved() ? proposal : null;
    return review;
  }

  @Override
  public ExecutionResult run(String code, ExecutionListener listener) {
    PendingProposal filled = approved;
    approved = null;
    return conversation.runCell(code, "agent", listener, filled == null ? null : filled.stored()).result();
  }

  @Override
  public void interrupt() {
    conversation.interrupt();
  }

  @Override
  public KernelLanguage language() {
    return conversation.language();
  }

  @Override
  public List<WorkspaceFileInfo> files() {
    return conversation.workspace().list().stream().map(f -> new WorkspaceFileInfo(f.name(), f.size())).toList();
  }
}
