package io.kernelchat.server.llm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads settings from environment-style variables: blank counts as unset, lists are comma-separated, and a
 * malformed value is an {@link IllegalArgumentException} naming the variable.
 */
public record EnvironmentValues(Map<String, String> env) {
  public String text(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public String textOr(String name, String fallback) {
    String value = text(name);
    return value == null ? fallback : value;
  }

  public List<String> list(String name) {
    String value = text(name);
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public int integer(String name, int fallback) {
    return integer(name, fallback, 0);
  }

  /** A whole number of at least {@code min}, or {@code fallback} when unset. */
  public int integer(String name, int fallback, int min) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number >= " + min + ", got '" + value + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }
}
