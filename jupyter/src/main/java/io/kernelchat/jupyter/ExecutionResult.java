package io.kernelchat.jupyter;

/**
 * The end of an execution.
 *
 * @param executionCount the kernel's counter after this request (0 when aborted or silent)
 * @param error the exception when {@code status} is {@link ExecutionStatus#ERROR}, else {@code null}
 */
public record ExecutionResult(ExecutionStatus status, int executionCount, ErrorOutput error) {}
