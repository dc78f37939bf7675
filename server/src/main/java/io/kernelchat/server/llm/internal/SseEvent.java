package io.kernelchat.server.llm.internal;

/** One server-sent event: its {@code event:} name (null when absent) and its joined {@code data:} lines. */
record SseEvent(String name, String data) {}
