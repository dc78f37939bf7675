package io.kernelchat.server.conversation;

import io.kernelchat.server.llm.ModelPrices;
import io.kernelchat.server.llm.TokenUsage;
import io.kernelchat.server.store.TokenTotals;
import io.kernelchat.server.store.TurnTokens;
import java.util.List;

/**
 * Tokens as the API shows them, with what they cost in dollars where the prices configured now say
 * ({@code KERNELCHAT_PRICES}): a turn's at its model's price, a conversation's only when every one of its turns
 * has a price. Without one the cost is left out, never guessed.
 */
final class Costs {
  private final ModelPrices prices;

  Costs(ModelPrices prices) {
    this.prices = prices;
  }

  Views.Tokens turn(TurnTokens turn) {
    TokenTotals t = turn.tokens();
    return new Views.Tokens(t.inputTokens(), t.outputTokens(), t.cachedInputTokens(), dollars(turn));
  }

  /**
   * The conversation's {@code total}; {@code byModel} are its turns kept with their model, which cover the total
   * unless some turns were spent by a kernelchat that did not keep them (their model, so their price, is unknown).
   */
  Views.Tokens conversation(TokenTotals total, List<TurnTokens> byModel) {
    Double sum = 0.0;
    long input = 0;
    long output = 0;
    for (TurnTokens turn : byModel) {
      Double cost = dollars(turn);
      sum = sum == null || cost == null ? null : sum + cost;
      input += turn.tokens().inputTokens();
      output += turn.tokens().outputTokens();
    }
    boolean covered = input == total.inputTokens() && output == total.outputTokens();
    return new Views.Tokens(total.inputTokens(), total.outputTokens(), total.cachedInputTokens(),
        covered && !byModel.isEmpty() ? sum : null);
  }

  private Double dollars(TurnTokens turn) {
    TokenTotals t = turn.tokens();
    return prices.of(turn.model())
        .map(p -> p.dollars(new TokenUsage(t.inputTokens(), t.outputTokens(), t.cachedInputTokens()))).orElse(null);
  }
}
