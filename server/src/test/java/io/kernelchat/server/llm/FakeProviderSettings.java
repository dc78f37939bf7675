package io.kernelchat.server.llm;

import java.util.HashMap;
import java.util.Map;

/** Settings for tests: never probe this machine, retry fast, plus the given variables. */
final class FakeProviderSettings {
  private FakeProviderSettings() {}

  static LlmSettings with(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(Map.of("KERNELCHAT_PROBE_LOCAL", "false",
        "KERNELCHAT_LLM_RETRY_BASE_MS", "20", "KERNELCHAT_LLM_IDLE_TIMEOUT", "10"));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return LlmSettings.fromEnvironment(env);
  }
}
