package io.kernelchat.jupyter;

/**
 * How an execution ended, from {@code execute_reply.status}.
 *
 * <ul>
 *   <li>{@link #OK}: the code ran to its end.</li>
 *   <li>{@link #ERROR}: it failed; the result carries the error. A status the protocol does not have reads as
 *       an error too, carrying what the reply said.</li>
 *   <li>{@link #ABORTED}: it did not run to its end without an error: {@code aborted} (skipped after an earlier
 *       error), or {@code abort}, the protocol's old word that IRkernel and metakernel's kernels still send
 *       for an interrupted execution.</li>
 * </ul>
 */
public enum ExecutionStatus { OK, ERROR, ABORTED }
