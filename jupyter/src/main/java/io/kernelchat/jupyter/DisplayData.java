package io.kernelchat.jupyter;

import java.util.Map;

/**
 * Rich output from {@code display(...)}, e.g. a plot.
 *
 * @param data MIME type to value: a {@code String} for text and base64 images, a {@code Map}/{@code List} for JSON
 * @param metadata per-MIME metadata
 * @param displayId the id a later {@link UpdateDisplayData} refers to, or {@code null}
 */
public record DisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId)
    implements Output {}
