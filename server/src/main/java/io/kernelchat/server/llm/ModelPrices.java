package io.kernelchat.server.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each model's tokens cost, as {@code KERNELCHAT_PRICES} (or {@code --prices}) gives them: comma-separated
 * {@code model=input/output[/cached]}, US dollars per million tokens, e.g. {@code gpt-4o=2.50/10/1.25}. The model is
 * its id as the API shows it. Cached input without a price of its own is priced as input. A model not listed has no
 * price: nothing is guessed for it.
 */
public record ModelPrices(Map<String, Price> byModel) {
  public static final ModelPrices NONE = new ModelPrices(Map.of());
  private static final String FORMAT = "model=input/output[/cached] in US dollars per million tokens, comma-separated,"
      + " e.g. gpt-4o=2.50/10/1.25";

  /** Dollars per million tokens: all input, output, and the input a provider read from its cache. */
  public record Price(double input, double output, double cachedInput) {
    /** What these tokens cost in dollars; {@code inputTokens} includes the cached ones, as the providers count. */
    public double dollars(TokenUsage usage) {
      long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
      return (uncached * input + usage.cachedInputTokens() * cachedInput + usage.outputTokens() * output) / 1e6;
    }
  }

  public ModelPrices {
    byModel = Map.copyOf(byModel);
  }

  public Optional<Price> of(String model) {
    return Optional.ofNullable(model == null ? null : byModel.get(model));
  }

  /** Parses {@code value} (null or blank: no prices); a malformed entry is an error that names {@code setting}. */
  public static ModelPrices parse(String setting, String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    Map<String, Price> prices = new LinkedHashMap<>();
    for (String entry : value.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.lastIndexOf('=');
      String model = equals < 0 ? "" : entry.substring(0, equals).trim();
      String[] numbers = equals < 0 ? new String[0] : entry.substring(equals + 1).split("/", -1);
      if (model.isEmpty() || numbers.length < 2 || numbers.length > 3) {
        throw bad(setting, entry);
      }
      double input = dollars(setting, entry, numbers[0]);
      double output = dollars(setting, entry, numbers[1]);
      double cached = numbers.length == 3 ? dollars(setting, entry, numbers[2]) : input;
      if (prices.put(model, new Price(input, output, cached)) != null) {
        throw new IllegalArgumentException(setting + " prices " + model + " twice");
      }
    }
    return new ModelPrices(prices);
  }

  private static double dollars(String setting, String entry, String number) {
    try {
      double parsed = Double.parseDouble(number.trim());
      if (parsed >= 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the entry
    }
    throw bad(setting, entry);
  }

  private static IllegalArgumentException bad(String setting, String entry) {
    return new IllegalArgumentException(setting + ": cannot read '" + entry.trim() + "' (" + FORMAT + ")");
  }
}
