package io.kernelchat.jupyter;

import java.util.Map;

/**
 * The kernel's {@code kernel_info_reply}: protocol, implementation and language.
 *
 * @param languageName {@code language_info.name}, e.g. {@code python}, {@code R}, {@code octave}; empty when not sent
 * @param languageVersion {@code language_info.version}; empty when not sent
 * @param fileExtension {@code language_info.file_extension} with its dot, e.g. {@code .r}; empty when not sent
 * @param languageInfo {@code language_info} as the kernel sent it (what a notebook's metadata carries)
 */
public record KernelInfo(String protocolVersion, String implementation, String implementationVersion,
                         String languageName, String languageVersion, String fileExtension, String banner,
                         Map<String, Object> languageInfo) {
  public KernelInfo {
    languageInfo = languageInfo == null ? Map.of() : Map.copyOf(languageInfo);
  }
}
