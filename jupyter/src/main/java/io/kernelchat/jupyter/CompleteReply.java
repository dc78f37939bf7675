package io.kernelchat.jupyter;

import java.util.List;
import java.util.Map;

/** Completions for the text between {@code cursorStart} and {@code cursorEnd}. */
public record CompleteReply(List<String> matches, int cursorStart, int cursorEnd, Map<String, Object> metadata) {}
