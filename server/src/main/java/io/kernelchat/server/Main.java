package io.kernelchat.server;

import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.kernels.SandboxMode;
import io.kernelchat.server.kernels.SandboxSettings;
import java.awt.Desktop;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./kernelchat}: starts the server. Every option can also come from an environment variable or a
 * {@code .env} line of the same name (the option wins, then the environment, then .env).
 */
@Command(name = "kernelchat", mixinStandardHelpOptions = true, version = "kernelchat 0.1.0", sortOptions = false,
    subcommands = {McpCommand.class, AskCommand.class},
    description = "Chat with a model that runs Python (or R, or any language with a Jupyter kernel) in a Jupyter kernel"
        + " on this machine.",
    footer = {"", "Model settings are read from the environment or .env: OPENAI_API_KEY, OPENAI_BASE_URL,",
        "ANTHROPIC_API_KEY, AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENTS,",
        "KERNELCHAT_MODELS (a comma-separated list) and KERNELCHAT_MODEL (the default)."})
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--port", descriptionKey = "KERNELCHAT_PORT", defaultValue = "8765",
      description = "Port to listen on; 0 picks a free one (env KERNELCHAT_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", descriptionKey = "KERNELCHAT_HOST", defaultValue = "127.0.0.1",
      description = "Address to bind (env KERNELCHAT_HOST; default ${DEFAULT-VALUE}). Anything but loopback is reachable"
          + " from other machines: the token is still required.")
  String host;

  @Option(names = "--home", descriptionKey = "KERNELCHAT_HOME",
      description = "Directory for the database, workspaces and logs (env KERNELCHAT_HOME; default ~/.kernelchat).")
  Path home;

  @Option(names = "--token", descriptionKey = "KERNELCHAT_TOKEN",
      description = "The access token (env KERNELCHAT_TOKEN; default: a new random one per launch).")
  String token;

  @Option(names = "--no-browser", descriptionKey = "KERNELCHAT_NO_BROWSER", defaultValue = "false",
      description = "Do not open a browser (env KERNELCHAT_NO_BROWSER).")
  boolean noBrowser;

  @Option(names = "--allowed-host", descriptionKey = "KERNELCHAT_ALLOWED_HOSTS", split = ",",
      description = "Extra host names the Host header may carry besides localhost (env KERNELCHAT_ALLOWED_HOSTS).")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--python", descriptionKey = "KERNELCHAT_PYTHON",
      description = "Python with ipykernel for the kernels (env KERNELCHAT_PYTHON; default: discovered).")
  Path python;

  @Option(names = "--kernel", descriptionKey = "KERNELCHAT_KERNEL", defaultValue = "python3",
      description = "Kernelspec a new conversation gets unless it chooses, e.g. ir (env KERNELCHAT_KERNEL; default"
          + " ${DEFAULT-VALUE}, kernelchat's Python; the page lists the others).")
  String kernel;

  @Option(names = "--max-kernels", descriptionKey = "KERNELCHAT_MAX_KERNELS", defaultValue = "8",
      description = "Most kernels running at once (env KERNELCHAT_MAX_KERNELS; default ${DEFAULT-VALUE}).")
  int maxKernels;

  @Option(names = "--kernel-pool", descriptionKey = "KERNELCHAT_KERNEL_POOL", defaultValue = "1",
      description = "Kernels kept started and warm for new conversations and restarts; 0 turns the pool off"
          + " (env KERNELCHAT_KERNEL_POOL; default ${DEFAULT-VALUE}).")
  int kernelPool;

  @Option(names = "--idle-timeout", descriptionKey = "KERNELCHAT_IDLE_TIMEOUT", defaultValue = "1h",
      description = "Stop a conversation's kernel after this long unused, e.g. 30m (env KERNELCHAT_IDLE_TIMEOUT;"
          + " default ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--execution-timeout", descriptionKey = "KERNELCHAT_EXECUTION_TIMEOUT", defaultValue = "10m",
      description = "Longest a cell may run (env KERNELCHAT_EXECUTION_TIMEOUT; default ${DEFAULT-VALUE}).")
  String executionTimeout;

  @Option(names = "--output-limit", descriptionKey = "KERNELCHAT_OUTPUT_LIMIT", defaultValue = "10m",
      description = "Output kept per cell; the rest goes to a file (env KERNELCHAT_OUTPUT_LIMIT; default ${DEFAULT-VALUE}).")
  String outputLimit;

  @Option(names = "--upload-limit", descriptionKey = "KERNELCHAT_UPLOAD_LIMIT", defaultValue = "1g",
      description = "Largest uploaded file (env KERNELCHAT_UPLOAD_LIMIT; default ${DEFAULT-VALUE}).")
  String uploadLimit;

  @Option(names = "--sandbox", descriptionKey = "KERNELCHAT_SANDBOX", defaultValue = "auto",
      description = "Confine kernels with bubblewrap: auto (where it works), required (or start no kernel), off"
          + " (env KERNELCHAT_SANDBOX; default ${DEFAULT-VALUE}).")
  String sandbox;

  @Option(names = "--approval", descriptionKey = "KERNELCHAT_APPROVAL", defaultValue = "auto",
      description = "Whether the model's code runs at once (auto) or waits for you to approve, edit or reject it"
          + " (ask), unless the conversation chooses (env KERNELCHAT_APPROVAL; default ${DEFAULT-VALUE}).")
  String approval;

  @Option(names = "--kernel-network", descriptionKey = "KERNELCHAT_KERNEL_NETWORK", defaultValue = "off",
      description = "Whether sandboxed kernels have a network unless their conversation chooses: off or on"
          + " (env KERNELCHAT_KERNEL_NETWORK; default ${DEFAULT-VALUE}).")
  String kernelNetwork;

  @Option(names = "--kernel-memory", descriptionKey = "KERNELCHAT_KERNEL_MEMORY",
      description = "Memory each sandboxed kernel may allocate, e.g. 4g (env KERNELCHAT_KERNEL_MEMORY; default a"
          + " quarter of this machine's memory, at least 1g).")
  String kernelMemory;

  @Option(names = "--kernel-processes", descriptionKey = "KERNELCHAT_KERNEL_PROCESSES", defaultValue = "512",
      description = "Processes and threads each sandboxed kernel may run (env KERNELCHAT_KERNEL_PROCESSES;"
          + " default ${DEFAULT-VALUE}).")
  int kernelProcesses;

  @Option(names = "--kernel-file-size", descriptionKey = "KERNELCHAT_KERNEL_FILE_SIZE", defaultValue = "16g",
      description = "Largest file a sandboxed kernel may write (env KERNELCHAT_KERNEL_FILE_SIZE; default ${DEFAULT-VALUE}).")
  String kernelFileSize;

  @Option(names = "--gateway-url", descriptionKey = "KERNELCHAT_GATEWAY_URL",
      description = "Run every kernel on this Jupyter Server instead of this machine, e.g. http://127.0.0.1:8888/"
          + " (env KERNELCHAT_GATEWAY_URL; default: none, kernels run here).")
  String gatewayUrl;

  @Option(names = "--gateway-token", descriptionKey = "KERNELCHAT_GATEWAY_TOKEN",
      description = "The Jupyter Server's token, sent as Authorization: token ... (env KERNELCHAT_GATEWAY_TOKEN).")
  String gatewayToken;

  @Option(names = "--gateway-header", descriptionKey = "KERNELCHAT_GATEWAY_HEADER",
      description = "An extra header for every request to the Jupyter Server, 'Name: value' (a proxy's auth);"
          + " repeatable (env KERNELCHAT_GATEWAY_HEADER: one header).")
  List<String> gatewayHeaders = new ArrayList<>();

  @Option(names = "--gateway-ca", descriptionKey = "KERNELCHAT_GATEWAY_CA",
      description = "A PEM file of the certificates an https Jupyter Server's may be signed by (a private CA), in"
          + " place of the JDK's (env KERNELCHAT_GATEWAY_CA).")
  Path gatewayCa;

  @Option(names = "--gateway-connect-timeout", descriptionKey = "KERNELCHAT_GATEWAY_CONNECT_TIMEOUT",
      defaultValue = "10s", description = "Longest a connection to the Jupyter Server may take to open"
          + " (env KERNELCHAT_GATEWAY_CONNECT_TIMEOUT; default ${DEFAULT-VALUE}).")
  String gatewayConnectTimeout;

  @Option(names = "--gateway-request-timeout", descriptionKey = "KERNELCHAT_GATEWAY_REQUEST_TIMEOUT",
      defaultValue = "2m", description = "Longest a request to the Jupyter Server, and a kernel's start there, may"
          + " take (env KERNELCHAT_GATEWAY_REQUEST_TIMEOUT; default ${DEFAULT-VALUE}).")
  String gatewayRequestTimeout;

  @Option(names = "--model", descriptionKey = "KERNELCHAT_MODEL",
      description = "Default model id (env KERNELCHAT_MODEL).")
  String model;

  @Option(names = "--models", descriptionKey = "KERNELCHAT_MODELS",
      description = "Comma-separated model ids to offer (env KERNELCHAT_MODELS).")
  String models;

  @Option(names = "--prices", descriptionKey = "KERNELCHAT_PRICES",
      description = "What models cost, to show each turn's price: model=input/output[/cached] in US dollars per"
          + " million tokens, comma-separated, e.g. gpt-4o=2.50/10/1.25 (env KERNELCHAT_PRICES).")
  String prices;

  private final Map<String, String> environment;

  Main(Map<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    Map<String, String> env = Settings.withDotEnv(System.getenv(), Path.of(".env"));
    CommandLine cli = new CommandLine(new Main(env)).setDefaultValueProvider(Settings.provider(env));
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ServerOptions options;
    KernelchatServer server;
    try {
      options = options();
      if (!KernelchatServer.isLoopback(options.host())) {
        log.warn("listening on {}: other machines can reach this server (they still need the token)", options.host());
      }
      server = KernelchatServer.start(options, System.getenv());
    } catch (RuntimeException e) {
      System.err.println("kernelchat: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "kernelchat-shutdown"));
    System.out.println("kernelchat is running at " + server.url());
    System.out.flush();
    if (options.openBrowser()) {
      openBrowser(server.url());
    }
    stopped.await();
    return 0;
  }

  ServerOptions options() {
    Map<String, String> modelEnv = new LinkedHashMap<>(environment);
    if (model != null) {
      modelEnv.put("KERNELCHAT_MODEL", model);
    }
    if (models != null) {
      modelEnv.put("KERNELCHAT_MODELS", models);
    }
    if (prices != null) {
      modelEnv.put("KERNELCHAT_PRICES", prices);
    }
    Path kernelchatHome = home != null ? home : Path.of(System.getProperty("user.home"), ".kernelchat");
    String accessToken = token != null && !token.isBlank() ? token : HexFormat.of().formatHex(randomBytes());
    return new ServerOptions(host, port, kernelchatHome.toAbsolutePath(), accessToken, !noBrowser, allowedHosts,
        Optional.ofNullable(python), maxKernels, Settings.duration("--idle-timeout", idleTimeout),
        Settings.duration("--execution-timeout", executionTimeout), Settings.bytes("--output-limit", outputLimit),
        Settings.bytes("--upload-limit", uploadLimit), modelEnv, kernelPool(), sandboxSettings(), kernel,
        ApprovalMode.parse("--approval", approval), gateway());
  }

  private Optional<JupyterServerOptions> gateway() {
    Optional<JupyterServerOptions> gateway = gatewayOptions();
    if (gateway.isPresent() && SandboxMode.parse(sandbox) == SandboxMode.REQUIRED) {
      throw new IllegalArgumentException("--sandbox required cannot be met with --gateway-url: kernelchat does not"
          + " confine kernels on a Jupyter Server (leave --sandbox at auto, or run kernels here)");
    }
    return gateway;
  }

  private Optional<JupyterServerOptions> gatewayOptions() {
    if (gatewayUrl == null || gatewayUrl.isBlank()) {
      return Optional.empty();
    }
    URI url;
    try {
      url = new URI(gatewayUrl.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--gateway-url is not a URL: " + e.getMessage());
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("--gateway-url must be http://host:port/ or https://..., was " + gatewayUrl);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header : gatewayHeaders) {
      int colon = header.indexOf(':');
      if (colon <= 0 || header.substring(colon + 1).isBlank()) {
        throw new IllegalArgumentException("--gateway-header must be 'Name: value', was '" + header + "'");
      }
      headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
    }
    return Optional.of(new JupyterServerOptions(url, gatewayToken, headers,
        Settings.duration("--gateway-connect-timeout", gatewayConnectTimeout),
        Settings.duration("--gateway-request-timeout", gatewayRequestTimeout), gatewayCa));
  }

  private int kernelPool() {
    if (kernelPool < 0) {
      throw new IllegalArgumentException("--kernel-pool must be 0 (off) or more, not " + kernelPool);
    }
    return kernelPool;
  }

  private SandboxSettings sandboxSettings() {
    SandboxSettings settings = SandboxSettings.defaults().withMode(SandboxMode.parse(sandbox))
        .withNetwork(Settings.onOff("--kernel-network", kernelNetwork));
    if (kernelMemory != null && !kernelMemory.isBlank()) {
      settings = settings.withMemoryBytes(Settings.bytes("--kernel-memory", kernelMemory));
    }
    if (kernelProcesses < 16) {
      throw new IllegalArgumentException("--kernel-processes must be at least 16 (a kernel runs a dozen threads),"
          + " not " + kernelProcesses);
    }
    return settings.withProcesses(kernelProcesses)
        .withFileSizeBytes(Settings.bytes("--kernel-file-size", kernelFileSize));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void openBrowser(String url) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
      } else {
        new ProcessBuilder(System.getProperty("os.name").startsWith("Mac") ? "open" : "xdg-open", url)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      }
    } catch (Exception | Error e) {
      log.info("could not open a browser ({}); open the URL above yourself", e.getMessage());
    }
  }

}
