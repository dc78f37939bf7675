package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ExecutionListener;

/**
 * What a {@link CodeRunner} reports while a cell runs: the kernel's outputs (it can be handed straight to
 * the kernel client) and the workspace files the cell changed, which the agent passes on to its listener.
 */
public interface CellListener extends ExecutionListener {
  default void onFileChange(FileChange change) {}
}
