package io.kernelchat.jupyter;

/**
 * Clear the output so far; when {@code waitForNext} (the protocol's {@code wait}, a name a record cannot
 * use), only once the next output arrives.
 */
public record ClearOutput(boolean waitForNext) implements Output {}
