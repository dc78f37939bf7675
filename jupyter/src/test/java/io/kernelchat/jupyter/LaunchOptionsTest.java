package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
  /** What the kernel may see: the safe minimum, ours, and what IPython sets for itself. */
  private static final Set<String> EXPECTED_NAMES = Set.of("PATH", "HOME", "LANG", "TMPDIR", "JPY_PARENT_PID",
      "CHOSEN", "TERM", "CLICOLOR", "PAGER", "GIT_PAGER", "MPLBACKEND", "PYDEVD_IPYTHON_COMPATIBLE_DEBUGGING",
      "PYDEVD_USE_FRAME_EVAL");

  @TempDir
  Path work;

  @Test
  void theCallerChoosesWorkingDirectoryEnvironmentAndLogFileAndNothingElseIsInherited() throws Exception {
    Path log = work.resolve("kernel.log");
    KernelLaunchOptions options = KernelLaunchOptions.builder()
        .workingDirectory(work)
        .environment(Map.of("CHOSEN", "yes"))
        .logFile(log)
        .build();
    try (KernelManager kernel = KernelManager.start(TestKernels.python(), options)) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("""
          import os
          print(os.getcwd())
          print(os.environ['CHOSEN'], os.environ['JPY_PARENT_PID'])
          print(','.join(sorted(os.environ)))
          os.write(2, b'straight to the log\\n')
          """, ExecuteOptions.defaults(), recorder);

      String[] lines = recorder.streamText(StreamName.STDOUT).split("\n");
      assertThat(Path.of(lines[0]).toRealPath()).isEqualTo(work.toRealPath());
      assertThat(lines[1]).isEqualTo("yes " + ProcessHandle.current().pid());
      assertThat(Set.of(lines[2].split(","))).isSubsetOf(EXPECTED_NAMES);
      // ipykernel captures fd 2 and echoes it to the real fd from a thread: the line lands a moment later.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.readString(log).contains("straight to the log") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.readString(log)).contains("straight to the log");
    }
  }

  @Test
  void theJvmsOwnEnvironmentIsNotPassedOn() {
    String secret = System.getenv().keySet().stream().filter(name -> !EXPECTED_NAMES.contains(name))
        .findFirst().orElse(null);
    assumeThat(secret).as("a variable of this JVM outside the safe minimum").isNotNull();
    try (KernelManager kernel = TestKernels.startPython()) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("import os\nprint(" + pythonString(secret) + " in os.environ)",
          ExecuteOptions.defaults(), recorder);
      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("False\n");
    }
  }

  private static String pythonString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
