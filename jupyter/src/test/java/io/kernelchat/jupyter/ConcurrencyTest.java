package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void twoKernelsServeSeveralThreadsEachWithTheirOwnResults() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try (KernelManager a = TestKernels.startPython(); KernelManager b = TestKernels.startPython()) {
      a.client().execute("name = 'a'", ExecuteOptions.defaults(), new OutputRecorder());
      b.client().execute("name = 'b'", ExecuteOptions.defaults(), new OutputRecorder());
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        KernelManager kernel = t % 2 == 0 ? a : b;
        String expectedName = t % 2 == 0 ? "a" : "b";
        int thread = t;
        work.add(threads.submit(() -> {
          for (int i = 0; i < 20; i++) {
            int n = thread * 1000 + i;
            OutputRecorder recorder = new OutputRecorder();
            kernel.client().execute("print(name, " + n + " * 2)", ExecuteOptions.defaults(), recorder);
            assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo(expectedName + " " + n * 2 + "\n");
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
