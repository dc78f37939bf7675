package io.kernelchat.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records an execution's outputs in a queue, for tests to take in order. */
class OutputRecorder implements ExecutionListener {
  final BlockingQueue<Output> outputs = new LinkedBlockingQueue<>();

  @Override
  public void onOutput(Output output) {
    outputs.add(output);
  }

  /** The next output, which must be of this type and arrive within 10 s. */
  <T extends Output> T next(Class<T> type) throws InterruptedException {
    Output output = outputs.poll(10, TimeUnit.SECONDS);
    assertThat(output).as("next output").isInstanceOf(type);
    return type.cast(output);
  }

  /**
   * The next line of stream text, whole: a kernel may send one print in pieces (ipykernel has sent "started"
   * and "\n" as two messages), so the stream outputs are joined until a newline ends them.
   */
  String nextLine() throws InterruptedException {
    StringBuilder line = new StringBuilder();
    while (line.length() == 0 || line.charAt(line.length() - 1) != '\n') {
      line.append(next(StreamOutput.class).text());
    }
    return line.toString();
  }

  /** Every stream text of this stream, concatenated. */
  String streamText(StreamName name) {
    StringBuilder text = new StringBuilder();
    for (Output o : outputs) {
      if (o instanceof StreamOutput s && s.name() == name) {
        text.append(s.text());
      }
    }
    return text.toString();
  }

  List<Output> remaining() {
    List<Output> rest = new ArrayList<>();
    outputs.drainTo(rest);
    return rest;
  }
}
