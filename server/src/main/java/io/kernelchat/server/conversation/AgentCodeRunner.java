package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.server.agent.CodeRunner;
import io.kernelchat.server.agent.KernelLanguage;
import io.kernelchat.server.agent.WorkspaceFileInfo;
import java.util.List;

/** The agent's cells run as the conversation's cells: recorded, streamed and followed by file events. */
final class AgentCodeRunner implements CodeRunner {
  private final Conversation conversation;

  AgentCodeRunner(Conversation conversation) {
    this.conversation = conversation;
  }

  @Override
  public ExecutionResult run(String code, ExecutionListener listener) {
    return conversation.runCell(code, "agent", listener).result();
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
