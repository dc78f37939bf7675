package io.kernelchat.jupyter;

/** Which output stream a {@link StreamOutput} came from. */
public enum StreamName { STDOUT, STDERR }
