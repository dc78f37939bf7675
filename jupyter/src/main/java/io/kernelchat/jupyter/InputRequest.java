package io.kernelchat.jupyter;

/** The code called {@code input()} or {@code getpass()}. */
public record InputRequest(String prompt, boolean password) {}
