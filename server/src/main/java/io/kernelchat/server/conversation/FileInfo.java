package io.kernelchat.server.conversation;

/** A workspace file as the API shows it: a path relative to the workspace, bytes, epoch millis. */
public record FileInfo(String name, long size, long modified) {}
