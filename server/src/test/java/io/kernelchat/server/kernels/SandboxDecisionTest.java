package io.kernelchat.server.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kernelchat.server.store.Database;
import io.kernelchat.server.store.KernelProcessRepository;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxDecisionTest {
  @TempDir Path home;

  @Test
  void withoutBubblewrapTheSandboxIsOffAndTheReasonSaysWhatToDo() {
    Sandbox sandbox = Sandbox.decide(SandboxMode.AUTO, Path.of("/nonexistent/bwrap"));

    assertThat(sandbox.on()).isFalse();
    assertThat(sandbox.state()).isEqualTo("off");
    assertThat(sandbox.reason()).contains("/nonexistent/bwrap is not installed").contains("apt-get install bubblewrap")
        .contains("--sandbox off");
  }

  @Test
  void offMeansOffWithoutAProbe() {
    assertThat(Sandbox.decide(SandboxMode.OFF, Path.of("/nonexistent/bwrap")).reason()).contains("--sandbox off");
  }

  @Test
  void requiredWithoutASandboxRefusesToStartAKernelWithAClearError() {
    SandboxSettings required = SandboxSettings.defaults().withMode(SandboxMode.REQUIRED);
    try (Database db = Database.open(home.resolve("kernelchat.db"))) {
      Kernels kernels = new Kernels(home, RunningServer.python(), Kernels.PYTHON, 2, 0, required,
          Sandbox.decide(SandboxMode.REQUIRED, Path.of("/nonexistent/bwrap")), Map.of(),
          new KernelProcessRepository(db));
      KernelSession session = kernels.session("c1", () -> Kernels.PYTHON, home, home.resolve("kernel.log"), () -> false,
          new KernelSession.Listener() {
            @Override
            public void status(String status) {}

            @Override
            public void died(io.kernelchat.jupyter.KernelDiedException cause) {}
          });

      assertThatThrownBy(session::client).isInstanceOfSatisfying(KernelUnavailableException.class, e -> {
        assertThat(e.code()).isEqualTo("unavailable:sandbox");
        assertThat(e.getMessage()).contains("--sandbox required").contains("is not installed");
      });
      assertThat(session.status()).isEqualTo("dead");
    }
  }

  @Test
  void theModeIsReadFromTheOptionWithAClearErrorOtherwise() {
    assertThat(SandboxMode.parse(" Required ")).isEqualTo(SandboxMode.REQUIRED);
    assertThatThrownBy(() -> SandboxMode.parse("maybe")).hasMessageContaining("auto, required or off");
  }
}
