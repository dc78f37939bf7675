package io.kernelchat.jupyter;

import java.util.Map;

/** Replaces the content of an earlier {@link DisplayData} with the same {@code displayId}. */
public record UpdateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId)
    implements Output {}
