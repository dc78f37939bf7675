package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
  @Test
  void defaultsToTenStepsAndAboutFourThousandCharactersOfOutput() {
    AgentSettings settings = AgentSettings.fromEnvironment(Map.of());
    assertThat(settings).isEqualTo(AgentSettings.defaults());
    assertThat(settings.maxSteps()).isEqualTo(10);
    assertThat(settings.outputBudgetChars()).isEqualTo(4000);
  }

  @Test
  void readsStepsBudgetAndPackagesAndRejectsNonsense() {
    AgentSettings settings = AgentSettings.fromEnvironment(Map.of("KERNELCHAT_MAX_STEPS", "3",
        "KERNELCHAT_OUTPUT_BUDGET", "2000", "KERNELCHAT_PACKAGES", "polars,duckdb"));
    assertThat(settings).isEqualTo(new AgentSettings(3, 2000, java.util.List.of("polars", "duckdb")));
    assertThatThrownBy(() -> AgentSettings.fromEnvironment(Map.of("KERNELCHAT_MAX_STEPS", "0")))
        .hasMessage("KERNELCHAT_MAX_STEPS must be a whole number >= 1, got '0'");
  }
}
