package io.kernelchat.server.llm.internal;

import io.kernelchat.server.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Joins tool-call fragments streamed over many chunks, keyed by the call's index in the reply. */
final class ToolCallAssembler {
  private final Map<Integer, Partial> calls = new TreeMap<>();

  void add(int index, String id, String name, String argumentsFragment) {
    Partial call = calls.computeIfAbsent(index, i -> new Partial());
    if (id != null && !id.isEmpty()) {
      call.id = id;
    }
    if (name != null && !name.isEmpty()) {
      call.name = name;
    }
    if (argumentsFragment != null) {
      call.arguments.append(argumentsFragment);
    }
  }

  int size() {
    return calls.size();
  }

  List<ToolCall> calls() {
    List<ToolCall> done = new ArrayList<>();
    calls.forEach((index, call) -> done.add(new ToolCall(call.id == null ? "call_" + index : call.id,
        call.name == null ? "" : call.name, call.arguments.length() == 0 ? "{}" : call.arguments.toString())));
    return done;
  }

  private static final class Partial {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }
}
