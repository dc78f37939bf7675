package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecsTest {
  @TempDir
  Path temp;

  private Path writeSpec(Path dataDir, String name, String json) throws IOException {
    Path dir = dataDir.resolve("kernels").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kernel.json"), json);
    return dir;
  }

  /** A real Python without ipykernel: a bare virtualenv of the test Python. */
  private Path pythonWithoutIpykernel() throws Exception {
    Path venv = temp.resolve("bare-venv");
    Process p = new ProcessBuilder(TestKernels.pythonExecutable().toString(), "-m", "venv", "--without-pip",
        venv.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return venv.resolve("bin/python");
  }

  @Test
  void readsEveryFieldOfAKernelJson() throws IOException {
    Path dir = writeSpec(temp, "MyKernel", """
        {"argv": ["/opt/py/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
         "display_name": "My Kernel", "language": "python", "env": {"A": "1"},
         "interrupt_mode": "message", "metadata": {"ignored": true}}""");

    KernelSpec spec = KernelSpecs.discover(List.of(temp)).find("mykernel").orElseThrow();

    assertThat(spec).isEqualTo(new KernelSpec("mykernel",
        List.of("/opt/py/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"), "My Kernel",
        "python", Map.of("A", "1"), InterruptMode.MESSAGE, dir));
  }

  @Test
  void earlierSearchPathEntriesWinAndMalformedSpecsAreSkipped() throws IOException {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    writeSpec(first, "k", "{\"argv\": [\"/first\"], \"language\": \"python\"}");
    writeSpec(second, "k", "{\"argv\": [\"/second\"], \"language\": \"python\"}");
    writeSpec(second, "broken", "{\"argv\": ");
    writeSpec(second, "no-argv", "{\"display_name\": \"x\"}");
    writeSpec(second, "other", "{\"argv\": [\"/other\"]}");

    KernelSpecs specs = KernelSpecs.discover(List.of(first, second, temp.resolve("missing")));

    assertThat(specs.find("k").orElseThrow().argv()).containsExactly("/first");
    assertThat(specs.all()).extracting(KernelSpec::name).containsExactly("k", "other");
    assertThat(specs.find("broken")).isEmpty();
  }

  @Test
  void aBarePython3InASpecIsResolvedToAPythonThatImportsIpykernel() throws Exception {
    writeSpec(temp, "python3", """
        {"argv": ["python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
         "display_name": "Python 3 (ipykernel)", "language": "python"}""");
    Path bare = pythonWithoutIpykernel();

    KernelSpec spec = KernelSpecs.discover(List.of(temp))
        .python(Optional.empty(), List.of(bare, TestKernels.pythonExecutable()));

    assertThat(spec.argv().get(0)).isEqualTo(TestKernels.pythonExecutable().toString());
    assertThat(spec.argv().subList(1, 5)).containsExactly("-m", "ipykernel_launcher", "-f", "{connection_file}");
    assertThat(spec.displayName()).isEqualTo("Python 3 (ipykernel)");
  }

  @Test
  void withoutAnySpecAUsablePythonIsLaunchedDirectly() throws Exception {
    KernelSpec spec = KernelSpecs.discover(List.of(temp))
        .python(Optional.empty(), List.of(pythonWithoutIpykernel(), TestKernels.pythonExecutable()));

    assertThat(spec.argv()).containsExactly(TestKernels.pythonExecutable().toString(), "-m",
        "ipykernel_launcher", "-f", "{connection_file}");
  }

  @Test
  void withNoSpecAndNoUsablePythonTheErrorNamesWhatWasSearched() throws Exception {
    Path bare = pythonWithoutIpykernel();

    assertThatThrownBy(() -> KernelSpecs.discover(List.of(temp)).python(Optional.empty(), List.of(bare)))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining(temp.resolve("kernels").toString())
        .hasMessageContaining(bare.toString())
        .hasMessageContaining("No module named 'ipykernel'");
  }

  @Test
  void aConfiguredPythonWithoutIpykernelIsRefusedByName() throws Exception {
    Path bare = pythonWithoutIpykernel();

    assertThatThrownBy(() -> KernelSpecs.discover(List.of(temp)).python(Optional.of(bare)))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("the configured Python " + bare)
        .hasMessageContaining("No module named 'ipykernel'");
  }

  @Test
  void aConfiguredProgramThatIsNotAPythonIsRefusedAsSuch() {
    assertThatThrownBy(() -> KernelSpecs.discover(List.of(temp)).python(Optional.of(Path.of("/bin/echo"))))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("the configured Python /bin/echo")
        .hasMessageContaining("it is not a Python");
  }

  @Test
  void aConfiguredPythonWithATooOldIpykernelIsRefusedWithWhatToInstall() throws Exception {
    // A Python whose ipykernel says it is 5.5.6: a real module shadowing the installed one.
    Path fake = temp.resolve("old-ipykernel");
    Files.createDirectories(fake.resolve("ipykernel"));
    Files.writeString(fake.resolve("ipykernel/__init__.py"), "__version__ = '5.5.6'\n");
    Path python = temp.resolve("python-with-old-ipykernel");
    Files.writeString(python, "#!/bin/sh\nPYTHONPATH=" + fake + " exec " + TestKernels.pythonExecutable() + " \"$@\"\n");
    python.toFile().setExecutable(true);

    assertThatThrownBy(() -> KernelSpecs.discover(List.of(temp)).python(Optional.of(python)))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("ipykernel 5.5.6 is older than 6.0")
        .hasMessageContaining("pip install --upgrade ipykernel");
  }

  @Test
  void aConfiguredPythonWithIpykernelWins() throws IOException {
    writeSpec(temp, "python3", "{\"argv\": [\"/somewhere/else\"], \"language\": \"python\"}");

    KernelSpec spec = KernelSpecs.discover(List.of(temp)).python(Optional.of(TestKernels.pythonExecutable()));

    assertThat(spec.argv().get(0)).isEqualTo(TestKernels.pythonExecutable().toString());
  }

  @Test
  void aBarePythonBecomesThePythonOfTheEnvironmentTheSpecIsInstalledIn() throws Exception {
    Path python = pythonWithoutIpykernel();
    Path prefix = python.getParent().getParent();
    writeSpec(prefix.resolve("share/jupyter"), "tool", """
        {"argv": ["python", "-m", "json.tool", "{connection_file}"], "language": "json"}""");

    KernelSpec spec = KernelSpecs.discoverFor(python).launchable("tool", Optional.of(TestKernels.pythonExecutable()));

    assertThat(spec.argv()).containsExactly(prefix.resolve("bin/python3").toString(), "-m", "json.tool",
        "{connection_file}");
  }

  @Test
  void aBarePythonWhoseEnvironmentLacksTheModuleBecomesAPythonThatHasIt() throws Exception {
    Path prefix = pythonWithoutIpykernel().getParent().getParent();
    writeSpec(prefix.resolve("share/jupyter"), "py", """
        {"argv": ["python3.11", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "language": "python"}""");

    KernelSpec spec = KernelSpecs.discover(List.of(prefix.resolve("share/jupyter")))
        .launchable("py", Optional.of(TestKernels.pythonExecutable()));

    assertThat(spec.argv().get(0)).isEqualTo(TestKernels.pythonExecutable().toString());
  }

  @Test
  void aBareProgramIsFoundOnPathAndAMissingOneIsNamed() throws IOException {
    writeSpec(temp, "shell", "{\"argv\": [\"sh\", \"{connection_file}\"], \"display_name\": \"Shell\"}");
    writeSpec(temp, "julia", "{\"argv\": [\"julia-that-is-not-installed\", \"{connection_file}\"],"
        + " \"display_name\": \"Julia 1.10\"}");
    writeSpec(temp, "gone", "{\"argv\": [\"/nonexistent/bin/kernel\", \"{connection_file}\"]}");
    KernelSpecs specs = KernelSpecs.discover(List.of(temp));

    assertThat(specs.launchable("shell", Optional.empty()).argv().get(0)).startsWith("/").endsWith("/sh");
    assertThatThrownBy(() -> specs.launchable("julia", Optional.empty()))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("'julia-that-is-not-installed' is not on PATH").hasMessageContaining("Julia 1.10");
    assertThatThrownBy(() -> specs.launchable("gone", Optional.empty()))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("/nonexistent/bin/kernel is not an executable file");
  }

  @Test
  void anUnknownKernelspecIsRefusedNamingTheOnesThereAre() throws IOException {
    writeSpec(temp, "shell", "{\"argv\": [\"sh\"]}");

    assertThatThrownBy(() -> KernelSpecs.discover(List.of(temp)).launchable("cobol", Optional.empty()))
        .isInstanceOf(KernelSpecNotFoundException.class)
        .hasMessageContaining("there is no kernelspec 'cobol'").hasMessageContaining("found shell");
  }
}
