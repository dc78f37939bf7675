package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executions against one shared real ipykernel; no test depends on another's state. Code that fails on
 * purpose runs without stop-on-error, else ipykernel may abort the next test's request.
 */
class ExecuteTest {
  private static KernelManager kernel;
  private static KernelClient client;

  @BeforeAll
  static void startKernel() {
    kernel = TestKernels.startPython();
    client = kernel.client();
  }

  @AfterAll
  static void stopKernel() {
    kernel.shutdown();
  }

  @Test
  void onePlusOneGivesAnExecuteResultOfTwo() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    ExecutionResult result = client.execute("1+1", ExecuteOptions.defaults(), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
    ExecuteResult value = recorder.next(ExecuteResult.class);
    assertThat(value.data()).containsEntry("text/plain", "2");
    assertThat(value.executionCount()).isEqualTo(result.executionCount()).isPositive();
    assertThat(recorder.remaining()).isEmpty();
  }

  @Test
  void onSentComesOnceOnTheCallingThreadBeforeAnyOutput() {
    Thread caller = Thread.currentThread();
    List<String> calls = new ArrayList<>();
    client.execute("print('a'); print('b', flush=True); 3", ExecuteOptions.defaults(), new ExecutionListener() {
      @Override
      public void onSent() {
        assertThat(Thread.currentThread()).isSameAs(caller);
        calls.add("sent");
      }

      @Override
      public void onOutput(Output output) {
        assertThat(Thread.currentThread()).isSameAs(caller);
        calls.add(output.getClass().getSimpleName());
      }
    });

    assertThat(calls).first().isEqualTo("sent");
    assertThat(calls).filteredOn("sent"::equals).hasSize(1);
    assertThat(calls).contains("StreamOutput", "ExecuteResult");
  }

  @Test
  void onReplyComesOnceWithTheResultExecuteReturnsAndNeverBeforeTheCodeHasFinished(@TempDir Path dir) {
    Path done = dir.resolve("done.txt");
    List<Object> calls = new ArrayList<>();
    ExecutionResult result = client.execute("import time\ntime.sleep(0.2)\nopen(r'" + done + "', 'w').write('x')\n7",
        ExecuteOptions.defaults(), new ExecutionListener() {
          @Override
          public void onReply(ExecutionResult reply) {
            calls.add(reply);
            calls.add(Files.exists(done));
          }
        });

    assertThat(calls).containsExactly(result, true);
    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
  }

  @Test
  void interleavedStdoutAndStderrArriveInOrder() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    client.execute("""
        import sys
        for i in range(3):
            print('out', i, flush=True)
            print('err', i, file=sys.stderr, flush=True)
        """, ExecuteOptions.defaults(), recorder);

    StringBuilder merged = new StringBuilder();
    for (Output o : recorder.remaining()) {
      StreamOutput s = (StreamOutput) o;
      merged.append(s.name()).append(':').append(s.text());
    }
    assertThat(merged.toString()).isEqualTo(
        "STDOUT:out 0\nSTDERR:err 0\nSTDOUT:out 1\nSTDERR:err 1\nSTDOUT:out 2\nSTDERR:err 2\n");
  }

  @Test
  void anExceptionEndsWithErrorStatusNameAndTraceback() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    ExecutionResult result = client.execute("def f():\n    raise ValueError('bad value')\nf()",
        ExecuteOptions.defaults().withStopOnError(false), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(result.error().ename()).isEqualTo("ValueError");
    assertThat(result.error().evalue()).isEqualTo("bad value");
    ErrorOutput published = recorder.next(ErrorOutput.class);
    assertThat(published.ename()).isEqualTo("ValueError");
    String plain = String.join("\n", published.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
    assertThat(plain).contains("----> 3 f()").contains("ValueError: bad value");
  }

  @Test
  void aMatplotlibPlotArrivesAsPng() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    client.execute("""
        import matplotlib.pyplot as plt
        plt.plot([1, 2, 3], [4, 1, 9])
        plt.show()
        """, ExecuteOptions.defaults(), recorder);

    DisplayData plot = recorder.next(DisplayData.class);
    assertThat(plot.data()).containsKey("image/png");
    byte[] png = java.util.Base64.getMimeDecoder().decode((String) plot.data().get("image/png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void displayedHtmlArrivesAsTextHtmlAndUpdatesKeepTheirDisplayId() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    client.execute("""
        from IPython.display import display, HTML
        h = display(HTML('<b>bold</b>'), display_id='d1')
        h.update(HTML('<i>new</i>'))
        """, ExecuteOptions.defaults(), recorder);

    DisplayData shown = recorder.next(DisplayData.class);
    assertThat(shown.data()).containsEntry("text/html", "<b>bold</b>");
    assertThat(shown.displayId()).isEqualTo("d1");
    UpdateDisplayData update = recorder.next(UpdateDisplayData.class);
    assertThat(update.data()).containsEntry("text/html", "<i>new</i>");
    assertThat(update.displayId()).isEqualTo("d1");
  }

  @Test
  void clearOutputArrivesWithItsWaitFlag() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    client.execute("from IPython.display import clear_output\nclear_output(wait=True)",
        ExecuteOptions.defaults(), recorder);

    assertThat(recorder.next(ClearOutput.class).waitForNext()).isTrue();
  }

  @Test
  void jsonDisplayDataIsAMapNotAString() throws Exception {
    OutputRecorder recorder = new OutputRecorder();
    client.execute("from IPython.display import JSON, display\ndisplay(JSON({'a': [1, 2]}))",
        ExecuteOptions.defaults(), recorder);

    Object json = recorder.next(DisplayData.class).data().get("application/json");
    assertThat(json).isEqualTo(java.util.Map.of("a", java.util.List.of(1, 2)));
  }

  @Test
  void inputIsAnsweredThroughTheListener() throws Exception {
    BlockingQueue<InputRequest> asked = new LinkedBlockingQueue<>();
    OutputRecorder recorder = new OutputRecorder() {
      @Override
      public String onInputRequest(InputRequest request) {
        asked.add(request);
        return "Ada";
      }
    };
    ExecutionResult result = client.execute("name = input('Name? ')\nprint('hello', name)",
        ExecuteOptions.defaults(), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
    assertThat(asked).containsExactly(new InputRequest("Name? ", false));
    assertThat(recorder.streamText(StreamName.STDOUT)).isEqualTo("hello Ada\n");
  }

  @Test
  void inputRaisesWhenStdinIsNotAllowed() {
    ExecutionResult result = client.execute("input('x')",
        ExecuteOptions.defaults().withAllowStdin(false).withStopOnError(false), new OutputRecorder());

    assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(result.error().ename()).isEqualTo("StdinNotImplementedError");
  }

  @Test
  void tenMegabytesOfOutputArriveCompleteAndInOrderInChunksOfAtMostMaxChars() {
    OutputRecorder recorder = new OutputRecorder();
    ExecutionResult result = client.execute(
        "for i in range(200_000):\n    print(f'{i:08d}' + 'x' * 43)", ExecuteOptions.defaults(), recorder);

    assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
    assertThat(recorder.outputs).allSatisfy(o -> assertThat(((StreamOutput) o).text()).hasSizeLessThanOrEqualTo(StreamOutput.MAX_CHARS));
    assertThat(recorder.outputs).hasSizeGreaterThanOrEqualTo(200_000 * 52 / StreamOutput.MAX_CHARS);
    String text = recorder.streamText(StreamName.STDOUT);
    assertThat(text).hasSize(200_000 * 52);
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith(String.format("%08d", i))) {
        throw new AssertionError("line " + i + " out of order: " + lines[i].substring(0, 8));
      }
    }
  }

  @Test
  void aDeadlineEndsTheCallWithATimeoutAndLeavesTheKernelRunning() {
    assertThatThrownBy(() -> client.execute("import time; time.sleep(1.5)",
        ExecuteOptions.defaults().withTimeout(Duration.ofMillis(200)), new OutputRecorder()))
        .isInstanceOf(ExecutionTimeoutException.class)
        .hasMessageContaining("200 ms");

    OutputRecorder recorder = new OutputRecorder();
    assertThat(client.execute("'still here'", ExecuteOptions.defaults(), recorder).status())
        .isEqualTo(ExecutionStatus.OK);
    assertThat(kernel.isAlive()).isTrue();
  }

  @Test
  void afterAnErrorTheNextQueuedExecutionIsAbortedWhenStopOnError() throws Exception {
    OutputRecorder failingOutput = new OutputRecorder();
    CompletableFuture<ExecutionResult> failing = CompletableFuture.supplyAsync(() -> client.execute(
        "print('started', flush=True)\nimport time; time.sleep(0.5); 1/0", ExecuteOptions.defaults(),
        failingOutput));
    failingOutput.next(StreamOutput.class);
    ExecutionResult queued = client.execute("'never runs'", ExecuteOptions.defaults(), new OutputRecorder());

    assertThat(failing.get(10, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(queued.status()).isEqualTo(ExecutionStatus.ABORTED);
    // How long ipykernel goes on aborting after the error differs by version and load; the kernel takes
    // requests again afterwards (and the next test must not meet the abort).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ExecutionStatus after;
    do {
      after = client.execute("'runs again'", ExecuteOptions.defaults(), new OutputRecorder()).status();
    } while (after == ExecutionStatus.ABORTED && System.nanoTime() < deadline);
    assertThat(after).isEqualTo(ExecutionStatus.OK);
  }

  @Test
  void completeInspectAndKernelInfoAnswer() {
    CompleteReply completions = client.complete("import os\nos.pa", 15);
    assertThat(completions.matches()).contains("path", "pathsep");
    assertThat(completions.cursorStart()).isEqualTo(13);
    assertThat(completions.cursorEnd()).isEqualTo(15);

    InspectReply inspected = client.inspect("len", 3, 0);
    assertThat(inspected.found()).isTrue();
    assertThat((String) inspected.data().get("text/plain")).contains("Return the number of items");

    KernelInfo info = client.kernelInfo();
    assertThat(info.languageName()).isEqualTo("python");
    assertThat(info.fileExtension()).isEqualTo(".py");
    assertThat(info.languageInfo()).containsEntry("name", "python").containsKey("mimetype");
    assertThat(info.protocolVersion()).startsWith("5.");
  }
}
