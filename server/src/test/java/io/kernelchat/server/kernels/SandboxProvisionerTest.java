package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.Kernel;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.server.testing.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sandbox shows a kernel beyond the system: the font list sandboxed kernels share (a kernel started
 * once it is made loads it instead of scanning the fonts again, and cannot change it for the next kernel), and
 * the directories of its PYTHONPATH, read-only.
 */
class SandboxProvisionerTest {
  /** Records the objects json.load returns from the shared lists, then imports matplotlib's font manager. */
  private static final String LOAD = """
      import json
      loaded = []
      real = json.load
      def spy(fp, *args, **kwargs):
          result = real(fp, *args, **kwargs)
          if getattr(fp, 'name', '').startswith('/tmp/.cache/matplotlib/fontlist-'):
              loaded.append(result)
          return result
      json.load = spy
      import matplotlib.font_manager as fm
      json.load = real
      print(len(loaded), any(fm.fontManager is r for r in loaded), len(fm.fontManager.ttflist) > 0)
      """;
  private static final String OVERWRITE = """
      import glob
      for path in glob.glob('/tmp/.cache/matplotlib/fontlist-*.json'):
          try:
              open(path, 'w').write('{}')
              print('written', path)
          except OSError as e:
              print('blocked', type(e).__name__)
      """;

  @TempDir Path home;

  @Test
  void aKernelLoadsTheSharedFontListAndCannotChangeIt() throws Exception {
    assumeThat(Sandbox.decide(SandboxMode.REQUIRED).on()).as("bubblewrap works here (./test installs it)").isTrue();
    KernelSpec spec = KernelSpecs.discover().python(RunningServer.python());
    assumeThat(printedBy(new LocalProvisioner(), spec, "import importlib.util\n"
        + "print(importlib.util.find_spec('matplotlib') is not None)")).as("the test Python has matplotlib")
        .isEqualTo("True\n");
    SandboxProvisioner sandboxed = new SandboxProvisioner(SandboxSettings.defaults(), home.resolve("ipython"),
        home.resolve("sandbox"), List.of(home));
    // The first kernel starts the font list's making; the next one, started once it is made, is shown it.
    assertThat(printedBy(sandboxed, spec, "print(1)")).isEqualTo("1\n");
    List<Path> lists = sandboxed.fontCache().making(spec).get(120, TimeUnit.SECONDS);
    assertThat(lists).hasSize(1);
    Path made = lists.get(0);
    String before = Files.readString(made);

    assertThat(printedBy(sandboxed, spec, LOAD)).isEqualTo("1 True True\n");
    assertThat(printedBy(sandboxed, spec, OVERWRITE)).isEqualTo("blocked OSError\n");
    assertThat(Files.readString(made)).isEqualTo(before);
  }

  @Test
  void theDirectoriesOfItsPythonPathCanBeImportedFromButNotWritten(@TempDir Path library) throws Exception {
    assumeThat(Sandbox.decide(SandboxMode.REQUIRED).on()).as("bubblewrap works here (./test installs it)").isTrue();
    Files.writeString(library.resolve("kernelchat_test_module.py"), "ANSWER = 42\n");
    SandboxProvisioner sandboxed = new SandboxProvisioner(SandboxSettings.defaults(), home.resolve("ipython"),
        home.resolve("sandbox"), List.of(home));
    String code = """
        import kernelchat_test_module
        print(kernelchat_test_module.ANSWER)
        try:
            open('%s/planted.py', 'w').write('x = 1')
            print('written')
        except OSError as e:
            print('blocked', type(e).__name__)
        """.formatted(library);

    assertThat(printedBy(sandboxed, KernelSpecs.discover().python(RunningServer.python()), code,
        Map.of("PYTHONPATH", library.toString()))).isEqualTo("42\nblocked OSError\n");
    assertThat(library.resolve("planted.py")).doesNotExist();
  }

  private String printedBy(KernelProvisioner provisioner, KernelSpec spec, String code) throws IOException {
    return printedBy(provisioner, spec, code, Map.of());
  }

  private String printedBy(KernelProvisioner provisioner, KernelSpec spec, String code, Map<String, String> extraEnv)
      throws IOException {
    Path workspace = Files.createTempDirectory(home, "workspace");
    Map<String, String> serverEnv = new java.util.HashMap<>(extraEnv);
    serverEnv.put("PATH", System.getenv("PATH"));
    KernelPlacement placement = new KernelPlacement(workspace, home.resolve("kernel.log"),
        KernelEnvironment.create(serverEnv, home.resolve("ipython")), false);
    StringBuilder out = new StringBuilder();
    try (Kernel kernel = provisioner.start(spec, placement)) {
      ExecutionResult result = kernel.client().execute(code, ExecuteOptions.defaults(), new ExecutionListener() {
        @Override
        public void onOutput(Output output) {
          if (output instanceof StreamOutput stream) {
            out.append(stream.text());
          }
        }
      });
      assertThat(result.status()).as("%s: %s", code, result).isEqualTo(ExecutionStatus.OK);
    }
    return out.toString();
  }
}
