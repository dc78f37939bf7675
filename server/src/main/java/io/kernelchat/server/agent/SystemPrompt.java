package io.kernelchat.server.agent;

import java.util.List;

/** The system prompt: the truth about the model's environment, rebuilt each step as files change. */
final class SystemPrompt {
  private static final int MAX_FILES_LISTED = 50;

  private SystemPrompt() {}

  static String build(List<WorkspaceFileInfo> files, List<String> packages, boolean tools, KernelLanguage language) {
    String prose = language.prose();
    StringBuilder prompt = new StringBuilder("You are a data analyst working with the user. You have a stateful "
        + prose + " Jupyter kernel running on the user's machine: variables, imports and functions persist between "
        + "runs. Write " + prose + " code only.\n");
    prompt.append(tools
        ? "Run code by calling the `" + language.toolName() + "` tool with the code to execute. You will see its output.\n"
        : "Run code by writing it in a ```" + language.fence() + " fenced block. Each block is run in order and the "
            + "output is sent back to you in the next message, starting with \"" + FencedCode.OUTPUT_HEADER + "\". "
            + "Write no " + language.fence() + " block when you are done.\n");
    prompt.append("""
        The kernel's working directory is this conversation's workspace. Files you save there (with relative \
        paths) are offered to the user for download automatically: do not write HTML links or download code.
        """);
    // The packages named are the Python data stack (KERNELCHAT_PACKAGES); nothing is known of other languages'.
    if (language.isPython()) {
      prompt.append("""
          Plots and images display to the user by themselves (e.g. plt.show()); tables display when they are the \
          last expression of the code.
          """);
      prompt.append("Main packages available: ").append(String.join(", ", packages)).append(".\n");
    } else {
      prompt.append("Plots and images display to the user by themselves; a value displays when it is the last "
          + "expression of the code.\n");
    }
    if (files.isEmpty()) {
      prompt.append("The workspace is empty.\n");
    } else {
      prompt.append("Files in the workspace:\n");
      files.stream().limit(MAX_FILES_LISTED).forEach(f ->
          prompt.append("- ").append(f.name()).append(" (").append(size(f.size())).append(")\n"));
      if (files.size() > MAX_FILES_LISTED) {
        prompt.append("- ... and ").append(files.size() - MAX_FILES_LISTED).append(" more\n");
      }
    }
    prompt.append("""
        Explain briefly what you are about to do, then do it. If code fails, read the error, fix the code and \
        try again. When you have the answer, reply in plain language without running more code.""");
    return prompt.toString();
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0) : String.format("%.1f MB", bytes / 1048576.0);
  }
}
