package io.kernelchat.jupyter;

/** Text written to stdout or stderr. Chunk boundaries are arbitrary and may fall mid-line. */
public record StreamOutput(StreamName name, String text) implements Output {}
