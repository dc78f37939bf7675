package io.kernelchat.jupyter;

import java.util.Map;

/** What the kernel knows about the object at the cursor; {@code data} as in {@link DisplayData}. */
public record InspectReply(boolean found, Map<String, Object> data, Map<String, Object> metadata) {}
