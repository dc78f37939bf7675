package io.kernelchat.jupyter;

import java.nio.file.Path;
import java.util.Optional;

/** The real Python kernel the tests run: $KERNELCHAT_PYTHON when set, else discovered. */
final class TestKernels {
  private static final KernelSpec PYTHON = pythonSpec();

  private TestKernels() {}

  static KernelSpec python() {
    return PYTHON;
  }

  static KernelManager startPython() {
    return KernelManager.start(PYTHON, KernelLaunchOptions.defaults());
  }

  static Path pythonExecutable() {
    return Path.of(PYTHON.argv().get(0));
  }

  private static KernelSpec pythonSpec() {
    String configured = System.getenv("KERNELCHAT_PYTHON");
    return KernelSpecs.discover().python(Optional.ofNullable(configured).filter(s -> !s.isBlank()).map(Path::of));
  }
}
