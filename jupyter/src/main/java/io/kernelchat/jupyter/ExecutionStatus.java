package io.kernelchat.jupyter;

/** How an execution ended, from {@code execute_reply.status}. */
public enum ExecutionStatus { OK, ERROR, ABORTED }
