package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
  /**
   * What the kernel process is started with: the safe minimum, the caller's and the parent's pid. Read from
   * /proc/self/environ, the environment as exec'd: ipykernel adds variables of its own in-process
   * (TERM, PAGER, FORCE_COLOR... differing by version), and those are not the launcher's doing.
   */
  private static final Set<String> LAUNCHED_NAMES = Set.of("PATH", "HOME", "LANG", "TMPDIR", "JPY_PARENT_PID",
      "CHOSEN");
  /** Set by the jupyter module's surefire configuration: a variable of this JVM that must not reach a kernel. */
  private static final String PLANTED_SECRET = "KERNELCHAT_TEST_SECRET";

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
          print(','.join(sorted(e.split(b'=', 1)[0].decode() for e in
                                open('/proc/self/environ', 'rb').read().split(b'\\0') if e)))
          os.write(2, b'straight to the log\\n')
          """, ExecuteOptions.defaults(), recorder);

      String[] lines = recorder.streamText(StreamName.STDOUT).split("\n");
      assertThat(Path.of(lines[0]).toRealPath()).isEqualTo(work.toRealPath());
      assertThat(lines[1]).isEqualTo("yes " + ProcessHandle.current().pid());
      assertThat(Set.of(lines[2].split(","))).isSubsetOf(LAUNCHED_NAMES).contains("CHOSEN", "JPY_PARENT_PID");
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
    assertThat(System.getenv(PLANTED_SECRET)).as("planted by the surefire configuration").isNotBlank();
    try (KernelManager kernel = TestKernels.startPython()) {
      OutputRecorder recorder = new OutputRecorder();
      kernel.client().execute("import os\nprint(" + pythonString(PLANTED_SECRET) + " in os.environ, "
          + pythonString(System.getenv(PLANTED_SECRET)) + ".encode() in open('/proc/self/environ', 'rb').read())",
          ExecuteOptions.defaults(), recorder);
      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("False False\n");
    }
  }

  private static String pythonString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
