package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.KernelDiedException;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecNotFoundException;
import io.kernelchat.server.agent.Agent;
import io.kernelchat.server.agent.AgentSettings;
import io.kernelchat.server.agent.InjectedContext;
import io.kernelchat.server.agent.KernelLanguage;
import io.kernelchat.server.kernels.KernelSession;
import io.kernelchat.server.kernels.Kernels;
import io.kernelchat.server.kernels.PoolState;
import io.kernelchat.server.kernels.RemoteProvisioner;
import io.kernelchat.server.kernels.Sandbox;
import io.kernelchat.server.llm.ModelPrices;
import io.kernelchat.server.llm.ModelRegistry;
import io.kernelchat.server.store.ConversationRecord;
import io.kernelchat.server.store.HistoryRepository;
import io.kernelchat.server.store.ConversationRepository;
import io.kernelchat.server.store.Database;
import io.kernelchat.server.store.KernelProcessRepository;
import io.kernelchat.server.store.OwnerOnly;
import io.kernelchat.server.store.TranscriptItem;
import io.kernelchat.server.store.TranscriptRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All conversations: the stored ones, and the live object (kernel, events) of each one in use. Starting
 * cleans up after a server that died (kernel groups it left, cells it left running); closing shuts every
 * kernel down.
 */
public final class Conversations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Conversations.class);
  private final ConversationSettings settings;
  private final ConversationRepository records;
  private final TranscriptRepository transcripts;
  private final Kernels kernels;
  private final Map<String, Conversation> live = new ConcurrentHashMap<>();
  private final Supplier<ModelRegistry> models;
  private final Costs costs;
  private final Supplier<Agent> agent;
  private final HistoryRepository history;
  private final ExecutorService turns = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "agent-turn");
    t.setDaemon(true);
    return t;
  });
  private final Database db;
  private final long firstEventId = ConversationEvents.firstIdForThisProcess();
  private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kernel-housekeeping");
    t.setDaemon(true);
    return t;
  });

  public Conversations(Database db, ConversationSettings settings, Map<String, String> serverEnvironment,
                       Supplier<ModelRegistry> models, AgentSettings agentSettings, ModelPrices prices) {
    this.db = db;
    this.settings = settings;
    this.costs = new Costs(prices);
    this.models = models;
    this.agent = memoize(() -> new Agent(models.get(), agentSettings));
    this.history = new HistoryRepository(db);
    this.records = new ConversationRepository(db);
    this.transcripts = new TranscriptRepository(db);
    try {
      OwnerOnly.directories(settings.logs());
      OwnerOnly.directories(settings.workspaces());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.home() + ": " + e.getMessage(), e);
    }
    this.kernels = new Kernels(settings.home(), settings.python(), settings.kernel(), settings.maxKernels(),
        settings.kernelPool(), settings.sandbox(), settings.gateway(), serverEnvironment,
        new KernelProcessRepository(db));
    int closed = transcripts.closeRunningCells("interrupted");
    if (closed > 0) {
      log.info("{} cells were left running by the previous server; marked interrupted", closed);
    }
    // The turn that waited for them is gone with the previous server: a proposal cannot be approved any more.
    int expired = transcripts.expireProposedCells();
    if (expired > 0) {
      log.info("{} proposed cells were left waiting by the previous server; marked expired", expired);
    }
    long every = Math.max(1, Math.min(60, settings.idleTimeout().toSeconds() / 4));
    housekeeping.scheduleWithFixedDelay(this::cullIdleKernels, every, every, TimeUnit.SECONDS);
  }

  /** A new conversation, of {@code kernel} (a kernelspec's name) or else the default; bad_request:kernel for one that cannot start. */
  public Views.ConversationView create(String title, String model, String kernel) {
    String chosen = kernel != null ? checked(kernel).name() : kernels.defaultKernel();
    long now = System.currentTimeMillis();
    ConversationRecord r = new ConversationRecord(UUID.randomUUID().toString(),
        title == null || title.isBlank() ? ConversationTitle.DEFAULT : title.strip(), model, now, now, null, chosen, null);
    workspaceOf(r.id()).create();   // first: a gateway that cannot be reached must leave no conversation behind
    records.insert(r);
    return view(r);
  }

  /**
   * A new conversation holding the notebook's cells and outputs ({@link NotebookImport}); its kernel is the
   * notebook's kernelspec where this server has it, else the default, with a notice saying so. The model is told
   * what the notebook holds as context.
   */
  public Views.ConversationView importNotebook(String fileName, byte[] bytes) {
    NotebookImport.Imported nb = NotebookImport.read(bytes, fileName, settings.outputCapBytes());
    String kernel = kernels.defaultKernel();
    String notice = null;
    if (nb.kernelspec() != null) {
      try {
        kernel = kernels.spec(nb.kernelspec()).name();
      } catch (KernelSpecNotFoundException e) {
        notice = "The notebook's kernel \"" + nb.kernelspec() + "\" cannot run here (" + e.getMessage() + "), so this"
            + " conversation runs " + kernels.displayName(kernel) + ".";
      }
    }
    long now = System.currentTimeMillis();
    ConversationRecord r = new ConversationRecord(UUID.randomUUID().toString(),
        nb.title().isBlank() ? ConversationTitle.DEFAULT : nb.title().strip(), null, now, now, null, kernel, null);
    String noticeText = notice;
    workspaceOf(r.id()).create();   // first, as for a new conversation
    // One transaction: a notebook that cannot be stored whole (a full disk) leaves no half conversation behind.
    db.transaction(() -> {
      records.insert(r);
      for (TranscriptItem item : nb.items()) {
        if (item instanceof TranscriptItem.Message m) {
          transcripts.addMessage(r.id(), m);
        } else if (item instanceof TranscriptItem.Cell c) {
          transcripts.addCell(r.id(), c);
          transcripts.finishCell(r.id(), c);
        }
      }
      if (noticeText != null) {
        transcripts.addMessage(r.id(), new TranscriptItem.Message("msg-" + UUID.randomUUID(), "notice", noticeText,
            now + nb.items().size()));
      }
      new ChatHistory(history, r.id()).append(List.of(InjectedContext.message(nb.summary())));
      return null;
    });
    return view(records.find(r.id()).orElseThrow());
  }

  public List<Views.ConversationView> list() {
    return records.all().stream().map(this::view).toList();
  }

  public Views.ConversationView view(String id) {
    return view(record(id));
  }

  /**
   * Changes what is given (null: unchanged). A change of {@code network} or {@code kernel} restarts a running
   * kernel, with a notice, since a process cannot change its network namespace or its language. The kernel
   * cannot change while a turn or cell runs (conflict:turn_running): the model would be writing another language.
   * A change of {@code approval} holds from the model's next cell; a proposal already waiting still waits for its
   * answer.
   */
  public Views.ConversationView update(String id, String title, String model, Boolean network, String kernel,
                                       ApprovalMode approval) {
    ConversationRecord r = record(id);
    boolean kernelChanged = kernel != null && !kernel.equals(kernelOf(r));
    Conversation c = get(id);
    if (kernelChanged) {
      checked(kernel);
      if (c.busy()) {
        throw new ConversationException("conflict:turn_running", "a turn or a cell is running: stop it before"
            + " changing the kernel");
      }
    }
    ConversationRecord changed = new ConversationRecord(id, title == null ? r.title() : title.strip(),
        model == null ? r.model() : model, r.createdAt(), System.currentTimeMillis(),
        network == null ? r.network() : network, kernelChanged ? kernel : r.kernel(),
        approval == null ? r.approval() : approval.wireName());
    boolean networkChanged = network != null && network != network(id);
    records.update(changed);
    Views.ConversationView v = view(changed);
    c.publish("conversation", v);
    if (kernelChanged) {
      c.kernelChanged(kernels.displayName(kernel));
    } else if (networkChanged) {
      c.networkChanged(network);
    }
    return v;
  }

  /** {@code GET /api/kernelspecs}: what a conversation can run, and what it runs when it does not choose. */
  public Views.KernelspecList kernelspecs() {
    return new Views.KernelspecList(kernels.available().stream()
        .map(s -> new Views.KernelspecView(s.name(), s.displayName(), s.language())).toList(), kernels.defaultKernel());
  }

  /** The kernelspec named {@code name}, checked to start; bad_request:kernel saying why not. */
  private KernelSpec checked(String name) {
    try {
      return kernels.spec(name);
    } catch (KernelSpecNotFoundException e) {
      throw ConversationException.badRequest("kernel", e.getMessage());
    }
  }

  /** The name of the conversation's kernelspec; Python's for one made before kernels could be chosen. */
  private static String kernelOf(ConversationRecord r) {
    return r.kernel() != null ? r.kernel() : Kernels.PYTHON;
  }

  /** The notebook of a conversation: its transcript with its kernelspec and its kernel's language_info. */
  public String notebook(String id) {
    Views.Transcript transcript = transcript(id);
    String name = transcript.kernelspec();
    Map<String, Object> languageInfo = get(id).kernel().languageInfo();
    return NotebookExport.of(transcript, kernels.displayName(name), kernels.language(name), languageInfo);
  }

  /**
   * Stores the user's message and starts an agent turn with {@code model}, else the conversation's model,
   * else the default one. A conversation still under the default title is named after this message. Returns
   * the turn id.
   */
  public String sendMessage(String id, String text, String model) {
    ConversationRecord r = record(id);
    String chosen = model != null ? model : r.model();
    // Named before the turn runs: a fast turn's turn_end must not come before the new title.
    Runnable name = r.title().equals(ConversationTitle.DEFAULT)
        ? () -> update(id, ConversationTitle.fromMessage(text), null, null, null, null)
        : () -> { };
    return get(id).startTurn(text, name, () -> chosen != null ? chosen : models.get().defaultModel().orElse(null),
        agent, turns);
  }

  /** The live conversation, loading it on first use; not_found:conversation when there is none. */
  public Conversation get(String id) {
    Conversation c = live.get(id);
    if (c != null) {
      return c;
    }
    record(id);
    return live.computeIfAbsent(id, this::open);
  }

  public Views.Transcript transcript(String id) {
    return transcript(id, TranscriptRepository.Page.ALL);
  }

  /** The conversation with a page of its items; bad_request:before when that item is not one of them. */
  public Views.Transcript transcript(String id, TranscriptRepository.Page page) {
    Conversation c = get(id);
    ConversationRecord r = record(id);
    if (page.before() != null && !transcripts.contains(id, page.before())) {
      throw ConversationException.badRequest("before", "no item " + page.before() + " in conversation " + id);
    }
    List<Object> items;
    long lastEventId;
    // One moment for both: an event published between them would be counted as seen but not be in the items.
    synchronized (c) {
      items = c.items(page);
      lastEventId = c.lastEventId();
    }
    boolean hasEarlier = !items.isEmpty() && transcripts.hasItemsBefore(id, itemId(items.get(0)));
    return new Views.Transcript(r.id(), r.title(), r.model(), r.createdAt(), r.updatedAt(), c.busy(), kernelOf(r),
        approval(r).wireName(), tokens(r.id()), items, c.workspace().list(), kernelView(c, c.kernel().status()),
        lastEventId, hasEarlier);
  }

  private static String itemId(Object item) {
    return item instanceof Views.CellView cell ? cell.id() : ((Views.MessageView) item).id();
  }

  /** Stops its kernel, ends its event streams, removes its workspace and its records. */
  public void delete(String id) {
    record(id);
    Conversation c = live.remove(id);
    if (c != null) {
      c.stop();
      c.kernel().shutdown();
      c.events().close();
    }
    records.delete(id);
    workspaceOf(id).deleteAll();
    try {
      Files.deleteIfExists(kernelLog(id));
    } catch (IOException e) {
      log.warn("could not delete the kernel log of conversation {}: {}", id, e.toString());
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    // In parallel: each kernel may take seconds to stop (shutdown_request, then signals).
    live.values().parallelStream().forEach(c -> {
      c.expireProposal();
      c.stop();
      c.events().close();
      try {
        c.kernel().shutdown();
      } catch (RuntimeException e) {
        log.warn("kernel of conversation {} did not shut down cleanly: {}", c.id(), e.getMessage());
      }
    });
    live.clear();
    kernels.close();
    turns.shutdownNow();
  }

  private Conversation open(String id) {
    WorkspaceFiles workspace = workspaceOf(id);
    workspace.create();
    Conversation c = new Conversation(id, settings,
        new ConversationEvents(firstEventId, settings.replayEvents(), settings.replayBytes()), workspace, transcripts,
        new ChatHistory(history, id), () -> approval(id), (messageId, used) -> records.addTurnTokens(id, messageId,
            used), costs);
    c.attach(() -> new KernelLanguage(kernels.language(kernelOf(record(id)))), kernels.session(id,
        () -> kernelOf(record(id)), settings.workspaces().resolve(id), kernelLog(id), () -> network(id), new KernelSession.Listener() {
          @Override
          public void status(String status) {
            c.publish("kernel", kernelView(c, status));
          }

          @Override
          public void evicted(String reason) {
            c.addMessage("notice", "The kernel was " + reason + ".");
          }

          @Override
          public void died(KernelDiedException cause) {
            c.addMessage("notice", "The kernel died and is being restarted: its variables are gone, its files are kept."
                + " Cause: " + cause.getMessage() + ".");
            housekeeping.execute(() -> restartQuietly(c));
          }
        }));
    return c;
  }

  /** Whether this conversation's kernel has a network: its own choice, else the server's default. */
  private boolean network(String id) {
    Boolean chosen = record(id).network();
    return chosen != null ? chosen : kernels.networkByDefault();
  }

  /** Whether the model's code waits for the person: the conversation's choice, else the server's default. */
  private ApprovalMode approval(String id) {
    return approval(record(id));
  }

  private ApprovalMode approval(ConversationRecord r) {
    String chosen = r.approval();
    return chosen != null ? ApprovalMode.parse("approval", chosen) : settings.approval();
  }

  private Views.KernelStatus kernelView(Conversation c, String status) {
    // An unconfined kernel has the machine's network whatever the conversation chose.
    boolean sandboxed = c.kernel().sandbox().equals("on");
    return new Views.KernelStatus(status, c.kernel().sandbox(), !sandboxed || network(c.id()),
        status.equals("stopped") ? c.kernel().stopReason() : null);
  }

  /** Whether kernels are confined here, why not when they are not, and the network a new conversation gets. */
  public Views.SandboxView sandbox() {
    Sandbox sandbox = kernels.sandbox();
    return new Views.SandboxView(sandbox.state(), sandbox.reason(), !sandbox.on() || kernels.networkByDefault());
  }

  /** {@code GET /api/kernels/pool}: how many ready kernels the pool keeps, and has now. */
  public PoolState pool() {
    return kernels.pool();
  }

  private Path kernelLog(String id) {
    return settings.logs().resolve("kernel-" + id + ".log");
  }

  private void restartQuietly(Conversation c) {
    try {
      c.kernel().restartIfDied();
    } catch (RuntimeException e) {
      log.warn("could not restart the kernel of conversation {}: {}", c.id(), e.getMessage());
      c.kernel().shutdown();
    }
  }

  private void cullIdleKernels() {
    kernels.refillPool();
    for (Conversation c : live.values()) {
      if (c.kernel().isStarted() && !c.busy() && c.kernel().idleLongerThan(settings.idleTimeout())) {
        log.info("stopping the idle kernel of conversation {}", c.id());
        c.kernel().shutdown();
      }
    }
  }

  private ConversationRecord record(String id) {
    return records.find(id).orElseThrow(() -> ConversationException.notFound("conversation",
        "no conversation " + id));
  }

  private Views.ConversationView view(ConversationRecord r) {
    Conversation c = live.get(r.id());
    return new Views.ConversationView(r.id(), r.title(), r.model(), r.createdAt(), r.updatedAt(),
        c != null && c.busy(), r.network() != null ? r.network() : kernels.networkByDefault(), kernelOf(r),
        approval(r).wireName(), tokens(r.id()));
  }

  private Views.Tokens tokens(String id) {
    return costs.conversation(records.tokens(id), records.tokensByModel(id));
  }

  /** On the gateway when there is one, where its kernels see it; else a directory of this machine. */
  private WorkspaceFiles workspaceOf(String id) {
    return kernels.gateway().<WorkspaceFiles>map(g -> new ServerWorkspace(g, RemoteProvisioner.directoryOf(id)))
        .orElseGet(() -> new LocalWorkspace(settings.workspaces().resolve(id)));
  }


  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }
}
