package io.kernelchat.server.conversation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.jupyter.ErrorOutput;
import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.ExecutionTimeoutException;
import io.kernelchat.jupyter.InputRequest;
import io.kernelchat.jupyter.KernelClient;
import io.kernelchat.jupyter.KernelDiedException;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.server.agent.Agent;
import io.kernelchat.server.agent.CodeReview;
import io.kernelchat.server.agent.InjectedContext;
import io.kernelchat.server.agent.KernelLanguage;
import io.kernelchat.server.kernels.KernelSession;
import io.kernelchat.server.llm.UserMessage;
import io.kernelchat.server.store.StoreException;
import io.kernelchat.server.store.TurnTokens;
import io.kernelchat.server.store.TranscriptItem;
import io.kernelchat.server.store.TranscriptRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One live conversation: its kernel, workspace, event stream and transcript. Cells run one at a time (the
 * kernel runs one anyway); state changes and the events announcing them happen under this object's lock, so
 * a transcript read here is consistent with its {@code lastEventId}.
 */
public final class Conversation {
  /** A finished cell, as the API shows it, and the kernel's result for the agent. */
  public record CellRun(Views.CellView cell, ExecutionResult result) {}

  /** A cell already in the transcript that a run fills: a proposal the person approved, or a cell run again. */
  record StoredCell(String id, long createdAt) {}

  /** {@code stored}: it is in the transcript already (a {@link StoredCell}). */
  private record RunningCell(String id, String code, String source, long createdAt, CellOutputs outputs,
                             boolean stored) {}

  private final String id;
  private final ConversationSettings settings;
  private final ConversationEvents events;
  private final WorkspaceFiles workspace;
  private final TranscriptRepository transcript;
  private final ChatHistory history;
  private final Supplier<ApprovalMode> approval;
  /**
   * Keeps a turn's tokens on its user message (by id) and adds them to the conversation's totals (a page adds its
   * turn_end's usage to what it has).
   */
  private final BiConsumer<String, TurnTokens> spent;
  private final Costs costs;
  private final ReentrantLock cellLock = new ReentrantLock(true);
  private KernelSession kernel;
  private Supplier<KernelLanguage> language;
  private RunningCell running;
  /** The running cell's open {@code input()}, if it waits for one. */
  private PendingInput waitingInput;
  /** The model's code waiting for the person's approval, if any. */
  private PendingProposal proposal;
  /** The workspace as last announced; a cell's file events are the difference at its end. */
  private Map<String, FileInfo> knownFiles;
  private AgentTurn turn;
  private volatile boolean interruptRequested;
  /** Why the running cell could not be recorded as it started (a full disk); it still runs, and its caller hears. */
  private RuntimeException notStored;

  Conversation(String id, ConversationSettings settings, ConversationEvents events, WorkspaceFiles workspace,
               TranscriptRepository transcript, ChatHistory history, Supplier<ApprovalMode> approval,
               BiConsumer<String, TurnTokens> spent, Costs costs) {
    this.id = id;
    this.settings = settings;
    this.events = events;
    this.workspace = workspace;
    this.transcript = transcript;
    this.history = history;
    this.approval = approval;
    this.spent = spent;
    this.costs = costs;
  }

  void attach(Supplier<KernelLanguage> kernelLanguage, KernelSession session) {
    this.language = kernelLanguage;
    this.kernel = session;
  }

  /** The language its kernel runs: the kernelspec's, asked each time (the conversation may change kernel). */
  KernelLanguage language() {
    return language.get();
  }

  public String id() {
    return id;
  }

  public ConversationEvents events() {
    return events;
  }

  public WorkspaceFiles workspace() {
    return workspace;
  }

  KernelSession kernel() {
    return kernel;
  }

  /** True while a turn or a cell runs. */
  synchronized boolean busy() {
    return running != null || turn != null;
  }

  /**
   * Stores the user's message (before anything can fail), runs {@code accepted}, then starts an agent turn on
   * {@code turns}; conflict:turn_running while another turn runs. What {@code accepted} publishes comes before
   * anything the turn publishes.
   */
  String startTurn(String text, Runnable accepted, Supplier<String> model, Supplier<Agent> agent, Executor turns) {
    if (text == null || text.isBlank()) {
      throw ConversationException.badRequest("text", "text is required");
    }
    AgentTurn started;
    synchronized (this) {
      if (turn != null) {
        throw new ConversationException("conflict:turn_running", "a turn is already running; stop it first");
      }
      started = new AgentTurn(this, history, "msg-" + UUID.randomUUID());
      turn = started;
      // turn_start first: a page that sees the user's message already knows a turn is running.
      publish("turn_start", new Views.TurnStart(started.id()));
      addMessage(started.messageId(), "user", text);
      history.append(List.of(new UserMessage(text)));
    }
    accepted.run();
    turns.execute(() -> started.run(agent, model));
    return started.id();
  }

  /** {@code used}: what the turn's calls to the model used, null when none answered. */
  synchronized void endTurn(AgentTurn ended, String reason, TurnTokens used) {
    if (turn == ended) {
      turn = null;
    }
    if (used != null) {
      spent.accept(ended.messageId(), used);
    }
    publish("turn_end", new Views.TurnEnd(ended.id(), reason, ended.messageId(), used == null ? null : costs.turn(used)));
  }

  /** Ends the running turn, if any, and interrupts the kernel. */
  public void stop() {
    AgentTurn current;
    synchronized (this) {
      current = turn;
    }
    if (current != null) {
      current.stop();
    }
    interrupt();
  }

  /** Context the user adds for the model (seen in the transcript and by the model on its next turn). */
  public synchronized Views.MessageView addContext(String text) {
    Views.MessageView m = addMessage("context", text);
    history.append(List.of(InjectedContext.message(text)));
    return m;
  }

  /**
   * Runs the transcript's cells again in order, each in place (an imported notebook's, to rebuild the kernel's
   * state), up to the first that does not end "ok"; returns the cells that ran. conflict:turn_running during a turn.
   */
  public List<Views.CellView> runAll() {
    synchronized (this) {
      if (turn != null) {
        throw new ConversationException("conflict:turn_running", "a turn is running; stop it before running all");
      }
    }
    List<Views.CellView> ran = new ArrayList<>();
    for (TranscriptItem item : transcript.items(id)) {
      if (item instanceof TranscriptItem.Cell c && !c.status().equals("proposed") && !c.status().equals("rejected")) {
        Views.CellView done = runCell(c.code(), c.source(), new ExecutionListener() {},
            new StoredCell(c.id(), c.createdAt())).cell();
        ran.add(done);
        if (!done.status().equals("ok")) {
          break;
        }
      }
    }
    return ran;
  }

  /** Runs code typed by the user (no model) and returns the finished cell. */
  public Views.CellView execute(String code) {
    return execute(code, new ExecutionListener() {});
  }

  /** The same, telling {@code outputs} of each output as it comes (an MCP client's progress). */
  public Views.CellView execute(String code, ExecutionListener outputs) {
    return runCell(code, "user", outputs).cell();
  }

  /**
   * Runs one cell: announces it, streams its outputs (up to the cap) to the event stream and to
   * {@code forward}, stores it, then announces files the code created, changed or deleted.
   */
  CellRun runCell(String code, String source, ExecutionListener forward) {
    return runCell(code, source, forward, null);
  }

  /** Runs a cell; {@code existing}, when not null, is the cell in the transcript that it fills. */
  CellRun runCell(String code, String source, ExecutionListener forward, StoredCell existing) {
    if (code == null) {
      throw ConversationException.badRequest("code", "code is required");
    }
    cellLock.lock();
    try {
      KernelClient client = kernel.client();
      interruptRequested = false;
      notStored = null;
      String cellId = existing != null ? existing.id() : "cell-" + UUID.randomUUID();
      String overflowName = "output-" + cellId.substring(5, 13) + ".txt";
      CellOutputs outputs = new CellOutputs(settings.outputCapBytes(), CellOutputs.OverflowFile.in(workspace, overflowName));
      synchronized (this) {
        if (knownFiles == null) {
          knownFiles = FileChanges.snapshot(workspace);   // once: later cells start from the last cell's end
        }
      }
      RunningCell cell = new RunningCell(cellId, code, source,
          existing != null ? existing.createdAt() : System.currentTimeMillis(), outputs, existing != null);
      CellExecution execution = new CellExecution(cell, forward);
      ExecutionResult result;
      String status;
      try {
        result = client.execute(code, ExecuteOptions.defaults().withAllowStdin(true).withStopOnError(false)
            .withTimeout(settings.executionTimeout()), execution);
        status = statusOf(result);
      } catch (ExecutionTimeoutException e) {
        result = failed(cell, "TimeoutError", "the cell ran longer than " + settings.executionTimeout().toSeconds()
            + " s and was stopped");
        status = "timeout";
        recoverFromTimeout(client);
      } catch (KernelDiedException e) {
        result = failed(cell, "KernelDied", "the kernel died while running this cell: " + e.getMessage());
        status = "error";
      }
      long durationMs = execution.durationMs();
      ObjectNode note = outputs.finish();
      Views.CellView done;
      try {
        synchronized (this) {
          if (note != null) {
            publish("output", new Views.OutputEvent(cellId, note));
          }
          TranscriptItem.Cell finished;
          try {
            finished = execution.storedAsItIs(status) ? execution.stored
                : storeEnd(cell, status, result.executionCount(), durationMs);
          } finally {
            // Over even when it could not be stored (a full disk): the caller hears why, the next cell can run.
            running = null;
            publish("cell_end", new Views.CellEnd(cellId, status, result.executionCount(), durationMs));
          }
          if (notStored != null) {
            throw notStored;
          }
          done = cellView(finished);
        }
      } finally {
        if (kernel.status().equals("busy")) {
          kernel.setStatus("idle");
        }
      }
      announceFileChanges(execution.filesAtEnd());
      return new CellRun(done, result);
    } finally {
      cellLock.unlock();
    }
  }

  /**
   * Follows one cell's execution on the calling thread. The cell is stored and announced once the request is on
   * its way, and its end is stored (and the workspace listed) as soon as the kernel replies: both while the
   * kernel still works, off the answer's path. Outputs that come after the reply are stored again at the end.
   */
  private final class CellExecution implements ExecutionListener {
    private final RunningCell cell;
    private final ExecutionListener forward;
    private final long started = System.nanoTime();
    private long repliedAfterMs = -1;
    private TranscriptItem.Cell stored;
    private int outputChangesStored;
    private Map<String, FileInfo> filesAtReply;

    CellExecution(RunningCell cell, ExecutionListener forward) {
      this.cell = cell;
      this.forward = forward;
    }

    @Override
    public void onSent() {
      // (The first listing of the workspace, before the request, must come first: the code may write at once.)
      startCell(cell);
    }

    @Override
    public void onReply(ExecutionResult result) {
      repliedAfterMs = (System.nanoTime() - started) / 1_000_000;
      try {
        synchronized (Conversation.this) {
          stored = storeEnd(cell, statusOf(result), result.executionCount(), repliedAfterMs);
          outputChangesStored = cell.outputs().changes();
        }
      } catch (StoreException e) {
        // stored at the end instead, where a failure reaches the caller
      }
      filesAtReply = FileChanges.snapshot(workspace);
    }

    @Override
    public void onOutput(Output output) {
      if (record(cell, output)) {
        forward.onOutput(output);
      }
    }

    /** Waits for the person's answer, within the cell's time limit; what the cell shows of it goes on as output. */
    @Override
    public String onInputRequest(InputRequest request) {
      PendingInput pending = new PendingInput(cell.id(), request);
      synchronized (Conversation.this) {
        waitingInput = pending;
        publish("input_request", pending.event());
      }
      if (interruptRequested) {
        pending.cancel();   // a stop that came before the kernel asked
      }
      String value;
      try {
        Duration left = settings.executionTimeout().minusNanos(System.nanoTime() - started);
        value = pending.await(left, settings.executionTimeout());
      } finally {
        synchronized (Conversation.this) {
          waitingInput = null;
          publish("input_end", new Views.InputEnd(cell.id()));
        }
      }
      if (!interruptRequested) {
        onOutput(new StreamOutput(StreamName.STDOUT, pending.echo(value)));
      }
      return value;
    }

    /** To the reply, which is when the code finished; to now when there was none (timeout, death). */
    long durationMs() {
      return repliedAfterMs >= 0 ? repliedAfterMs : (System.nanoTime() - started) / 1_000_000;
    }

    /** The workspace as the code left it: listed at the reply, or now when there was none. */
    Map<String, FileInfo> filesAtEnd() {
      return filesAtReply != null ? filesAtReply : FileChanges.snapshot(workspace);
    }

    /** Whether what the reply stored is still the whole truth: no output and no other status since. */
    boolean storedAsItIs(String status) {
      return stored != null && stored.status().equals(status) && outputChangesStored == cell.outputs().changes();
    }
  }

  private TranscriptItem.Cell storeEnd(RunningCell cell, String status, int executionCount, long durationMs) {
    TranscriptItem.Cell finished = new TranscriptItem.Cell(cell.id(), cell.code(), cell.source(), status,
        executionCount, durationMs, cell.createdAt(), cell.outputs().json());
    transcript.finishCell(id, finished);
    return finished;
  }

  private void startCell(RunningCell cell) {
    synchronized (this) {
      try {
        if (cell.stored()) {
          transcript.restartCell(id, cell.id(), cell.code());
        } else {
          transcript.addCell(id, new TranscriptItem.Cell(cell.id(), cell.code(), cell.source(), "running", null, null,
              cell.createdAt(), List.of()));
        }
      } catch (StoreException e) {
        notStored = e;   // the kernel has the code already: the cell runs and is shown, then the caller hears
      }
      running = cell;
      publish("cell_start", runningView(cell));
    }
    kernel.setStatus("busy");
    if (interruptRequested) {
      kernel.interrupt();   // a stop that came while the request was on its way saw no running cell
    }
  }

  /** Whether the model's code waits for the person before it runs. */
  boolean asksBeforeRunning() {
    return approval.get() == ApprovalMode.ASK;
  }

  /**
   * Shows the model's code as a proposed cell and returns once the person ran it (maybe edited: the cell then
   * runs through {@link #runCell(String, String, ExecutionListener, StoredCell)} with {@link PendingProposal#stored()}) or rejects it.
   */
  PendingProposal propose(String code) {
    PendingProposal p = new PendingProposal(code);
    synchronized (this) {
      transcript.addCell(id, new TranscriptItem.Cell(p.cellId(), code, "agent", "proposed", null, null,
          p.createdAt(), List.of()));
      proposal = p;
      publish("cell_start", new Views.CellView(p.cellId(), code, "agent", "proposed", null, List.of(), null,
          p.createdAt()));
    }
    CodeReview review = p.await();
    synchronized (this) {
      proposal = null;
      if (!review.approved()) {
        long tookMs = System.currentTimeMillis() - p.createdAt();
        transcript.finishCell(id, new TranscriptItem.Cell(p.cellId(), code, "agent", "rejected", null, tookMs,
            p.createdAt(), List.of()));
        publish("cell_end", new Views.CellEnd(p.cellId(), "rejected", null, tookMs));
      }
    }
    return p;
  }

  /** The server stops: a proposal still waiting is left as stored (the next server marks it expired). */
  void expireProposal() {
    PendingProposal waiting;
    synchronized (this) {
      waiting = proposal;
    }
    if (waiting != null) {
      waiting.expire();
    }
  }

  /** The person runs the proposed cell: as the model wrote it ({@code code} null) or as they edited it. */
  public void approve(String cellId, String code) {
    if (code != null && code.isBlank()) {
      throw ConversationException.badRequest("code", "code must not be empty; reject the cell instead");
    }
    answerProposal(cellId, p -> CodeReview.asWritten(code != null ? code : p.code()));
  }

  /** The person does not run the proposed cell; the model hears {@code reason} (may be null) and goes on. */
  public void reject(String cellId, String reason) {
    answerProposal(cellId, p -> CodeReview.rejected(reason));
  }

  private void answerProposal(String cellId, Function<PendingProposal, CodeReview> answer) {
    PendingProposal p;
    synchronized (this) {
      p = proposal;
    }
    if (p == null || !p.cellId().equals(cellId) || !p.answer(answer.apply(p))) {
      throw new ConversationException("conflict:not_proposed", "cell " + cellId + " is not waiting for approval");
    }
  }

  /** Interrupts the running cell, if any (the kernel shows a KeyboardInterrupt), also while it waits for input. */
  public void interrupt() {
    PendingProposal waiting;
    synchronized (this) {
      waiting = proposal;
    }
    if (waiting != null) {
      waiting.answer(CodeReview.rejected("(the person pressed stop)"));
    }
    interruptRequested = true;
    if (cellRunning() && kernel.isStarted()) {
      kernel.interrupt();
      releaseInput();
    }
  }

  /**
   * Answers the running cell's {@code input()}. The value goes to the kernel only: the transcript keeps it as
   * the cell's output unless it was asked as a password, and nothing else keeps or logs it.
   */
  public void answerInput(String cellId, String value) {
    PendingInput pending;
    synchronized (this) {
      pending = waitingInput;
    }
    if (pending == null || !pending.cellId().equals(cellId) || !pending.answer(value)) {
      throw new ConversationException("conflict:not_waiting", "cell " + cellId + " is not waiting for input");
    }
  }

  /** Lets a cell that waits for input go on (with an empty line) after its kernel was interrupted or restarted. */
  private void releaseInput() {
    PendingInput pending;
    synchronized (this) {
      pending = waitingInput;
    }
    if (pending != null) {
      pending.cancel();
    }
  }

  private synchronized boolean cellRunning() {
    return running != null;
  }

  /**
   * The network switch moved: a running kernel restarts in its new network (a process cannot change its
   * network; a restart starts a new kernel with the conversation's placement as it is now).
   */
  void networkChanged(boolean on) {
    if (kernel.isStarted()) {
      addMessage("notice", "The kernel's network is now " + (on ? "on" : "off") + ", so the kernel restarted:"
          + " its variables are gone, its files are kept.");
      kernel.restart();
      releaseInput();
    }
  }

  /** Another kernelspec was chosen: a running kernel restarts as that one (as {@link #networkChanged} says why). */
  void kernelChanged(String displayName) {
    if (kernel.isStarted()) {
      addMessage("notice", "The kernel is now " + displayName + ", so it restarted: its variables are gone, its files"
          + " are kept.");
      kernel.restart();
    }
  }

  public void restartKernel() {
    if (kernel.isStarted()) {
      kernel.restart();
      releaseInput();
    } else {
      kernel.client();
    }
  }

  public synchronized Views.MessageView addMessage(String role, String text) {
    return addMessage("msg-" + UUID.randomUUID(), role, text);
  }

  synchronized Views.MessageView addMessage(String messageId, String role, String text) {
    Views.MessageView m = new Views.MessageView(messageId, role, text, System.currentTimeMillis());
    transcript.addMessage(id, new TranscriptItem.Message(m.id(), role, text, m.createdAt()));
    publish("message", m);
    return m;
  }

  /** Stores an uploaded file and tells the model about it with a context message. */
  public FileInfo upload(String name, WorkspaceFiles.Content content) {
    FileInfo saved = workspace.save(name, content);
    synchronized (this) {
      if (knownFiles != null) {
        knownFiles.put(saved.name(), saved);
      }
      publish("file", new Views.FileEvent("created", saved));
    }
    addContext(UploadPreview.describe(workspace, saved, language()));
    return saved;
  }

  public void deleteFile(String name) {
    FileInfo gone = workspace.delete(name);
    synchronized (this) {
      if (knownFiles != null) {
        knownFiles.remove(name);
      }
      publish("file", new Views.FileEvent("deleted", gone));
    }
  }

  /** Publishes an event; its data is {@code payload} as JSON. */
  public synchronized ConversationEvents.Event publish(String type, Object payload) {
    return events.publish(type, ApiJson.writeBytes(payload));
  }

  /** A page of the stored transcript, the running cell with its outputs so far. */
  synchronized List<Object> items(TranscriptRepository.Page page) {
    return transcript.items(id, page).stream().map(item -> {
      if (running != null && item.id().equals(running.id())) {
        Views.CellView cell = runningView(running);
        return (Object) (waitingInput == null ? cell : cell.waitingFor(waitingInput.prompt()));
      }
      return item instanceof TranscriptItem.Message m ? new Views.MessageView("message", m.id(), m.role(), m.text(),
          m.createdAt(), m.turn() == null ? null : costs.turn(m.turn())) : cellView((TranscriptItem.Cell) item);
    }).toList();
  }

  synchronized long lastEventId() {
    return events.lastId();
  }

  /**
   * Announces what changed in the workspace since the last announcement: the cell's own files, and any a
   * background thread of the kernel wrote between cells.
   */
  private synchronized void announceFileChanges(Map<String, FileInfo> now) {
    for (Views.FileEvent change : FileChanges.between(knownFiles, now)) {
      publish("file", change);
    }
    knownFiles = now;
  }

  /**
   * Keeps and publishes an output; false when it went past the cap. (Stream text comes in chunks of at most
   * {@link io.kernelchat.jupyter.StreamOutput#MAX_CHARS}, so no event is larger than that.)
   */
  private synchronized boolean record(RunningCell cell, Output output) {
    ObjectNode json = cell.outputs().add(output);
    if (json != null) {
      publish("output", new Views.OutputEvent(cell.id(), json));
    }
    return json != null;
  }

  private ExecutionResult failed(RunningCell cell, String ename, String evalue) {
    ErrorOutput error = new ErrorOutput(ename, evalue, List.of(ename + ": " + evalue));
    record(cell, error);
    return new ExecutionResult(ExecutionStatus.ERROR, 0, error);
  }

  private String statusOf(ExecutionResult result) {
    return switch (result.status()) {
      case OK -> "ok";
      // After a stop, however the kernel says it: IPython with a KeyboardInterrupt error, IRkernel and metakernel's
      // kernels with the status "abort".
      case ABORTED -> interruptRequested ? "interrupted" : "aborted";
      case ERROR -> interruptRequested ? "interrupted" : "error";
    };
  }

  /** An interrupt gets {@code interruptGrace} to be honoured; a kernel that ignores it is restarted. */
  private void recoverFromTimeout(KernelClient client) {
    try {
      kernel.interrupt();
      client.execute("", ExecuteOptions.defaults().withSilent(true).withStoreHistory(false)
          .withTimeout(settings.interruptGrace()), new ExecutionListener() {});
    } catch (KernelException e) {
      kernel.restart();
      addMessage("notice", "The kernel did not stop after the time limit, so it was restarted: variables are gone,"
          + " files are kept.");
    }
  }

  private static Views.CellView runningView(RunningCell cell) {
    return new Views.CellView(cell.id(), cell.code(), cell.source(), "running", null,
        cell.outputs().json().stream().map(Utf8Json::new).toList(), null, cell.createdAt());
  }

  private static Views.CellView cellView(TranscriptItem.Cell c) {
    return new Views.CellView(c.id(), c.code(), c.source(), c.status(), c.executionCount(),
        c.outputs().stream().map(Utf8Json::new).toList(), c.durationMs(), c.createdAt());
  }
}
