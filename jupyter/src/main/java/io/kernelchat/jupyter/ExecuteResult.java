package io.kernelchat.jupyter;

import java.util.Map;

/** The value of the cell's last expression, e.g. {@code 2} for {@code 1+1}; {@code data} as in {@link DisplayData}. */
public record ExecuteResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata)
    implements Output {}
