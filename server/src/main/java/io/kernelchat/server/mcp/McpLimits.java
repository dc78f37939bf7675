package io.kernelchat.server.mcp;

/**
 * How much one tool result carries: {@code textChars} of a cell's output or a file (the rest is in a workspace
 * file, or a later read), and images of at most {@code imageBytes} as image content.
 */
record McpLimits(int textChars, int imageBytes) {
  static McpLimits defaults() {
    return new McpLimits(20_000, 1024 * 1024);
  }
}
