package io.kernelchat.jupyter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One cell's outputs as Jupyter's output area (and nbclient re-executing a notebook) leaves them, so that what is
 * kept is the final state, not every redraw:
 * <ul>
 *   <li>consecutive chunks of one stream merge, and a carriage return rewrites its line ({@link StreamText});
 *   <li>{@code clear_output} empties the area, or with {@code wait} does so when the next output comes (an update
 *       does not count); a wait still pending when the cell ends clears nothing;
 *   <li>{@code update_display_data} replaces each display in the area with its id. One for a display this area
 *       never held (shown by an earlier cell) is kept, its last state only, for whoever holds that display.
 * </ul>
 */
public final class OutputArea {
  private final List<Object> shown = new ArrayList<>();   // Output, or StreamText for a stream
  private final Set<String> displayIds = new HashSet<>();   // every display id shown here, also ones cleared since
  private final ToLongFunction<Output> sizeOf;
  private boolean clearPending;
  private long size;

  /** @param sizeOf the size of an output other than a stream, which counts its chars */
  public OutputArea(ToLongFunction<Output> sizeOf) {
    this.sizeOf = sizeOf;
  }

  public void add(Output output) {
    if (output instanceof ClearOutput clear) {
      if (clear.waitForNext()) {
        clearPending = true;
      } else {
        clear();
      }
      return;
    }
    if (output instanceof UpdateDisplayData update) {
      update(update);
      return;
    }
    if (clearPending) {
      clear();
    }
    if (output instanceof StreamOutput s) {
      Object last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
      StreamText target = last instanceof StreamText t && t.name() == s.name() ? t : new StreamText(s.name());
      if (target != last) {
        shown.add(target);
      }
      long before = target.length();
      target.append(s.text());
      size += target.length() - before;
      return;
    }
    if (output instanceof DisplayData d && d.displayId() != null) {
      displayIds.add(d.displayId());
    }
    shown.add(output);
    size += sizeOf.applyAsLong(output);
  }

  /** Roughly what it holds: the chars of its streams and the sizes of the rest. */
  public long size() {
    return size;
  }

  /** What it shows, in order: each stream through {@code stream} (its name and text in pieces), the rest through {@code other}. */
  public <R> List<R> map(BiFunction<StreamName, List<String>, R> stream, Function<Output, R> other) {
    List<R> out = new ArrayList<>(shown.size());
    for (Object o : shown) {
      out.add(o instanceof StreamText t ? stream.apply(t.name(), t.chunks()) : other.apply((Output) o));
    }
    return out;
  }

  private void update(UpdateDisplayData update) {
    String id = update.displayId();
    if (displayIds.contains(id)) {
      for (int i = 0; i < shown.size(); i++) {
        if (shown.get(i) instanceof DisplayData d && id.equals(d.displayId())) {
          replace(i, new DisplayData(update.data(), update.metadata(), id));
        }
      }
      return;
    }
    for (int i = 0; i < shown.size(); i++) {
      if (shown.get(i) instanceof UpdateDisplayData earlier && id.equals(earlier.displayId())) {
        replace(i, update);
        return;
      }
    }
    shown.add(update);
    size += sizeOf.applyAsLong(update);
  }

  private void replace(int index, Output output) {
    size += sizeOf.applyAsLong(output) - sizeOf.applyAsLong((Output) shown.get(index));
    shown.set(index, output);
  }

  private void clear() {
    shown.clear();
    size = 0;
    clearPending = false;
  }
}
