package io.kernelchat.server;

import io.kernelchat.server.agent.KernelLanguage;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.conversation.Conversation;
import io.kernelchat.server.conversation.ConversationEvents;
import io.kernelchat.server.conversation.Conversations;
import io.kernelchat.server.conversation.FileInfo;
import io.kernelchat.server.conversation.Views;
import io.kernelchat.server.conversation.WorkspaceFiles;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kernelchat ask "…"}: one agent turn without a browser. The question goes to a new conversation (kept, so the
 * page shows it later), with the given files uploaded first; the turn's steps stream to stdout as they happen; the
 * files the code made are copied to {@code --out}. Exit 0 when the turn ended done, 1 otherwise.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = "Run one agent turn in the terminal (the app's options go before `ask`).")
final class AskCommand implements Callable<Integer> {
  @ParentCommand
  private Main main;

  @Parameters(index = "0", description = "The question or task.")
  String question;

  @Option(names = "--file", description = "A file to upload into the workspace first (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--model", description = "The model id (default: the configured default).")
  String model;

  @Option(names = "--kernel", description = "The kernelspec to run the code in, e.g. ir (default: the server's --kernel).")
  String kernel;

  @Option(names = "--out", description = "Directory to copy the files the code made into; plots are saved there too"
      + " (default: plots stay in the workspace, whose path is printed).")
  Path out;

  @Option(names = "--json", description = "Print the turn's events as JSON lines, as the event stream sends them.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ServerOptions o = main.options();
    // Its own free port and no pool: a one-shot run must not collide with a server already running, nor warm
    // kernels it will not use. The model's code runs without asking: nobody is there to approve a proposal.
    ServerOptions oneShot = new ServerOptions(o.host(), 0, o.home(), o.token(), false, o.allowedHosts(), o.python(),
        o.maxKernels(), o.idleTimeout(), o.executionTimeout(), o.outputLimitBytes(), o.uploadLimitBytes(),
        o.modelEnvironment(), 0, o.sandbox(), o.kernel(), ApprovalMode.AUTO, o.gateway());
    if (o.gateway().isPresent() && out == null) {
      // Plots are saved as files of this machine, and the workspace is on the Jupyter Server.
      System.err.println("kernelchat: ask with --gateway-url needs --out DIR for the plots and files");
      return 2;
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        System.err.println("kernelchat: --file " + f + ": no such file");
        return 2;
      }
    }
    try (KernelchatServer server = KernelchatServer.start(oneShot, System.getenv())) {
      Conversations conversations = server.conversations();
      Conversation c = conversations.get(conversations.create(null, model, kernel).id());
      Set<String> uploaded = new HashSet<>();
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          uploaded.add(c.upload(f.getFileName().toString(), WorkspaceFiles.Content.of(in)).name());
        }
      }
      if (out != null) {
        Files.createDirectories(out);
      }
      TurnPrinter printer = new TurnPrinter(System.out, System.err, json,
          out != null ? out : c.workspace().directory().orElseThrow(), fence(conversations));   // local: see above
      long cursor = c.events().lastId();
      conversations.sendMessage(c.id(), question, model);
      String reason = null;
      while (reason == null) {
        ConversationEvents.Batch batch = c.events().after(cursor, 1000);
        for (ConversationEvents.Event e : batch.events()) {
          cursor = e.id();
          reason = reason != null ? reason : printer.print(e);
        }
      }
      if (out != null) {
        copyMadeFiles(c.workspace(), uploaded);
      }
      return reason.equals("done") ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("kernelchat: " + e.getMessage());
      return 1;
    }
  }

  /** The fence of the turn's kernel language, for its cells' code: {@code r} for IRkernel. */
  private String fence(Conversations conversations) {
    Views.KernelspecList specs = conversations.kernelspecs();
    String name = kernel != null ? kernel : specs.defaultName();
    return specs.kernelspecs().stream().filter(k -> k.name().equals(name)).findFirst()
        .map(k -> new KernelLanguage(k.language()).fence()).orElse(KernelLanguage.PYTHON.fence());
  }

  private void copyMadeFiles(WorkspaceFiles workspace, Set<String> uploaded) throws java.io.IOException {
    for (FileInfo f : workspace.list()) {
      if (uploaded.contains(f.name())) {
        continue;
      }
      Path target = out.resolve(f.name());
      Files.createDirectories(target.getParent());
      try (WorkspaceFiles.OpenFile file = workspace.open(f.name());
           InputStream in = Channels.newInputStream(file.channel())) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!json) {
        System.out.println("[file: " + target + "]");
      }
    }
  }
}
