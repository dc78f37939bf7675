package io.kernelchat.jupyter;

/** The kernel's {@code kernel_info_reply}: protocol, implementation and language. */
public record KernelInfo(String protocolVersion, String implementation, String implementationVersion,
                         String languageName, String languageVersion, String banner) {}
