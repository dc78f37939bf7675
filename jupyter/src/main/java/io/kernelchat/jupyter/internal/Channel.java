package io.kernelchat.jupyter.internal;

/** The kernel's message channels (heartbeat is separate: it carries no messages). */
public enum Channel { SHELL, CONTROL, STDIN, IOPUB }
