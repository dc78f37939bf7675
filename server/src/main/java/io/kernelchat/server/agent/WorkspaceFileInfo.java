package io.kernelchat.server.agent;

/** A file in the conversation's workspace, as the model is told about it. */
public record WorkspaceFileInfo(String name, long size) {}
