package io.kernelchat.server.agent;

import io.kernelchat.server.llm.EnvironmentValues;
import java.util.List;
import java.util.Map;

/**
 * How the loop behaves: at most {@code maxSteps} rounds of code per turn, {@code outputBudgetChars} of each
 * cell's output shown to the model (head and tail), and the packages the system prompt names.
 */
public record AgentSettings(int maxSteps, int outputBudgetChars, List<String> packages) {
  public static final List<String> DEFAULT_PACKAGES =
      List.of("numpy", "pandas", "matplotlib", "scipy", "openpyxl", "pillow");

  public AgentSettings {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    if (outputBudgetChars < 200) {
      throw new IllegalArgumentException("outputBudgetChars must be at least 200, got " + outputBudgetChars);
    }
    packages = List.copyOf(packages);
  }

  /** {@code KERNELCHAT_MAX_STEPS}, {@code KERNELCHAT_OUTPUT_BUDGET} (characters), {@code KERNELCHAT_PACKAGES}. */
  public static AgentSettings fromEnvironment(Map<String, String> env) {
    EnvironmentValues values = new EnvironmentValues(env);
    AgentSettings defaults = defaults();
    List<String> packages = values.list("KERNELCHAT_PACKAGES");
    return new AgentSettings(values.integer("KERNELCHAT_MAX_STEPS", defaults.maxSteps(), 1),
        values.integer("KERNELCHAT_OUTPUT_BUDGET", defaults.outputBudgetChars(), 200),
        packages.isEmpty() ? defaults.packages() : packages);
  }

  public static AgentSettings defaults() {
    return new AgentSettings(10, 4000, DEFAULT_PACKAGES);
  }

  public AgentSettings withMaxSteps(int steps) {
    return new AgentSettings(steps, outputBudgetChars, packages);
  }

  public AgentSettings withOutputBudgetChars(int chars) {
    return new AgentSettings(maxSteps, chars, packages);
  }

  public AgentSettings withPackages(List<String> names) {
    return new AgentSettings(maxSteps, outputBudgetChars, names);
  }
}
