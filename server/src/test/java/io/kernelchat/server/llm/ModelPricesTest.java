package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelPricesTest {
  @Test
  void eachModelGetsDollarsPerMillionInputOutputAndCachedInputTokens() {
    ModelPrices prices = ModelPrices.parse("KERNELCHAT_PRICES", " gpt-4o = 2.50/10.00/1.25 , claude-sonnet-4-5=3/15");
    assertThat(prices.of("gpt-4o")).contains(new ModelPrices.Price(2.5, 10, 1.25));
    // Without a price of its own, cached input costs what input costs.
    assertThat(prices.of("claude-sonnet-4-5")).contains(new ModelPrices.Price(3, 15, 3));
    assertThat(prices.of("gpt-4o-mini")).isEmpty();
    assertThat(prices.of(null)).isEmpty();
  }

  @Test
  void aTurnCostsItsUncachedInputItsCachedInputAndItsOutputEachAtItsPrice() {
    ModelPrices.Price price = new ModelPrices.Price(2.5, 10, 1.25);
    // 1,000,000 input of which 400,000 cached, 100,000 output: 0.6 * 2.5 + 0.4 * 1.25 + 0.1 * 10.
    assertThat(price.dollars(new TokenUsage(1_000_000, 100_000, 400_000))).isEqualTo(3.0);
  }

  @Test
  void nothingConfiguredIsNoPrices() {
    assertThat(ModelPrices.parse("KERNELCHAT_PRICES", null).byModel()).isEmpty();
    assertThat(ModelPrices.parse("KERNELCHAT_PRICES", "  ").byModel()).isEmpty();
  }

  @Test
  void aMalformedEntryIsAnErrorThatNamesTheSettingTheEntryAndTheFormat() {
    for (String bad : new String[] {"gpt-4o", "gpt-4o=2.5", "gpt-4o=2.5/", "=2/3", "gpt-4o=two/10",
        "gpt-4o=-1/10", "gpt-4o=1/2/3/4", "gpt-4o=NaN/1", "gpt-4o=Infinity/1"}) {
      assertThatThrownBy(() -> ModelPrices.parse("KERNELCHAT_PRICES", "ok=1/2," + bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("KERNELCHAT_PRICES").hasMessageContaining(bad.trim())
          .hasMessageContaining("model=input/output[/cached]");
    }
    assertThatThrownBy(() -> ModelPrices.parse("KERNELCHAT_PRICES", "a=1/2,a=3/4"))
        .hasMessageContaining("prices a twice");
  }
}
