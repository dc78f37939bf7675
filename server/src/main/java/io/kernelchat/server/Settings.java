package io.kernelchat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** Where option values come from besides the command line (environment, .env) and how they are written. */
final class Settings {
  private Settings() {}

  /** The environment with .env entries added underneath (a real environment variable wins). */
  static Map<String, String> withDotEnv(Map<String, String> env, Path dotEnv) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (Files.isRegularFile(dotEnv)) {
      try {
        for (String line : Files.readAllLines(dotEnv)) {
          String l = line.strip();
          if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
            continue;
          }
          l = l.startsWith("export ") ? l.substring(7).strip() : l;
          String key = l.substring(0, l.indexOf('=')).strip();
          String value = l.substring(l.indexOf('=') + 1).strip();
          if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
          }
          merged.put(key, value);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + dotEnv + ": " + e.getMessage(), e);
      }
    }
    merged.putAll(env);
    return merged;
  }

  /** Each option's default from the variable named by its descriptionKey, when set. */
  static CommandLine.IDefaultValueProvider provider(Map<String, String> env) {
    return arg -> {
      if (arg instanceof CommandLine.Model.OptionSpec option && option.descriptionKey() != null) {
        String value = env.get(option.descriptionKey());
        if (value != null && !value.isBlank()) {
          return value.strip();
        }
      }
      return arg.defaultValue();
    };
  }

  /** {@code 90} (seconds), {@code 30s}, {@code 10m}, {@code 1h}. */
  static Duration duration(String option, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(t.replaceAll("[smh]$", ""));
      Duration d = t.endsWith("h") ? Duration.ofHours(n) : t.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
      if (n > 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive duration such as 90, 30s, 10m or 1h, was '" + text + "'");
  }

  /** {@code 1048576}, {@code 500k}, {@code 10m}, {@code 1g}. */
  static long bytes(String option, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("b$", "");
    long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
    try {
      long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1));
      if (n > 0) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive size such as 500k, 10m or 1g, was '" + text + "'");
  }

  /** {@code on}/{@code off} (also true/false, yes/no). */
  static boolean onOff(String option, String text) {
    switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes", "1":
        return true;
      case "off", "false", "no", "0":
        return false;
      default:
        throw new IllegalArgumentException(option + " must be on or off, was '" + text + "'");
    }
  }
}
