package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.Output;
import io.kernelchat.server.llm.Image;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Runs the model's code as cells: reports each step to the listener and digests the output for the model. */
final class CellRunner {
  private final CodeRunner runner;
  private final AgentListener listener;
  private final StopSignal stop;
  private final int budget;

  CellRunner(CodeRunner runner, AgentListener listener, StopSignal stop, int budget) {
    this.runner = runner;
    this.listener = listener;
    this.stop = stop;
    this.budget = budget;
  }

  /** What the model is shown of one cell. */
  record Digest(String text, List<Image> images, boolean failed) {}

  List<WorkspaceFileInfo> files() {
    return runner.files();
  }

  /** Runs the model's code once the person let it (as written or edited); the model hears what ran, or why not. */
  Digest run(String proposed) {
    CodeReview review = runner.review(proposed);
    if (!review.approved()) {
      return new Digest("The person did not run this code" + (review.reason().isBlank() ? "."
          : ", saying: " + review.reason()), List.of(), true);
    }
    String code = review.code();
    String cellId = "cell-" + UUID.randomUUID();
    listener.onCellStart(cellId, code);
    CellDigest digest = new CellDigest();
    ExecutionListener outputs = new ExecutionListener() {
      @Override
      public void onOutput(Output output) {
        digest.add(output);
        listener.onOutput(cellId, output);
      }
    };
    long started = System.nanoTime();
    ExecutionResult result;
    try (StopSignal.Registration interruptOnStop = stop.whileRunning(runner::interrupt)) {
      result = runner.run(code, outputs);
    } catch (KernelException e) {
      // The kernel died or timed out: the user and the model both see why, as an error output.
      ErrorOutput error = new ErrorOutput(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), List.of());
      outputs.onOutput(error);
      result = new ExecutionResult(ExecutionStatus.ERROR, 0, error);
    }
    listener.onCellEnd(cellId, result, Duration.ofNanos(System.nanoTime() - started));
    digest.addErrorIfMissing(result.error());
    String text = OutputBudget.cut(digest.text(), budget);
    if (text.isBlank()) {
      text = result.status() == ExecutionStatus.ABORTED ? "(the kernel aborted this cell; nothing ran)" : "(no output)";
    }
    if (stop.isStopped()) {
      text += "\n[interrupted: the user pressed stop]";
    }
    if (!code.equals(proposed)) {
      text = "The person edited your code before running it. This is what ran:\n```python\n" + code + "\n```\n"
          + "Its output:\n" + text;
    }
    return new Digest(text, digest.images(), result.status() != ExecutionStatus.OK);
  }
}
