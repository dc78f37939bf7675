package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import java.util.List;

/**
 * Where the agent's code runs: one conversation's kernel and workspace. The conversation implements it
 * (and reports file changes itself); tests implement it over a real kernel.
 */
public interface CodeRunner {
  /** Runs a cell and blocks until it ends; outputs go to {@code listener}. Throws {@code KernelException}. */
  ExecutionResult run(String code, ExecutionListener listener);

  /** Interrupts the running cell, if any (from another thread). */
  void interrupt();

  /** The language its kernel runs: what the model is told to write, and the tool it gets. */
  KernelLanguage language();

  /** The files in the workspace now, for the system prompt. */
  List<WorkspaceFileInfo> files();
}
