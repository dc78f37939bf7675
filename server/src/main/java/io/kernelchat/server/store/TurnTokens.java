package io.kernelchat.server.store;

/** The tokens one turn used, or several turns summed, and the model that used them (null when none was chosen). */
public record TurnTokens(String model, TokenTotals tokens) {}
