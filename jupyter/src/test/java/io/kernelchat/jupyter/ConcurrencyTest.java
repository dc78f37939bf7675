package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  @Test
  void aWaiterInterruptedWhileReceivingGivesUpAndTheNextWaiterTakesOver() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      KernelClient client = kernel.client();
      CompletableFuture<Throwable> sleeper = new CompletableFuture<>();
      Thread waiter = new Thread(() -> {
        try {
          client.execute("import time; time.sleep(2)", ExecuteOptions.defaults(), new OutputRecorder());
          sleeper.complete(null);
        } catch (Throwable t) {
          sleeper.complete(t);
        }
      });
      waiter.start();
      Thread.sleep(300);
      waiter.interrupt();

      assertThat(sleeper.get(1, TimeUnit.SECONDS)).isInstanceOf(KernelException.class).hasMessageContaining("interrupted");
      OutputRecorder recorder = new OutputRecorder();
      assertThat(client.execute("1+1", ExecuteOptions.defaults(), recorder).status()).isEqualTo(ExecutionStatus.OK);
      assertThat(recorder.next(ExecuteResult.class).data()).containsEntry("text/plain", "2");
    }
  }

  @Test
  void outputPrintedAfterItsCellEndedReachesNoLaterCell() throws Exception {
    try (KernelManager kernel = TestKernels.startPython()) {
      KernelClient client = kernel.client();
      client.execute("""
          import threading, time
          def chatter():
              for i in range(300):
                  print('stray', i, flush=True)
                  time.sleep(0.002)
          chattering = threading.Thread(target=chatter)
          chattering.start()
          """, ExecuteOptions.defaults(), new OutputRecorder());
      Thread.sleep(1500);   // the chatter arrives while nobody waits: it must be dropped, not kept for later
      // On a loaded machine the chatter may outlast the wait, and a kernel gives what a thread prints during a
      // cell to that cell: let it end first (that cell's outputs are not the point).
      client.execute("chattering.join()", ExecuteOptions.defaults(), new OutputRecorder());
      OutputRecorder recorder = new OutputRecorder();
      client.execute("print('last')", ExecuteOptions.defaults(), recorder);
      assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("last\n");
    }
  }
}
