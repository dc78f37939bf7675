package io.kernelchat.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The REST side of a Jupyter Server or Enterprise Gateway: kernelspecs, kernels and (Jupyter Server only)
 * the contents API. Kernels it starts are driven through {@link RemoteKernel}. Thread-safe.
 * An HTTP error status is a {@link JupyterServerException} with that status; no answer is one with status 0.
 */
public final class JupyterServer {
  /** Bytes per upload chunk: the contents API takes a file in base64 JSON pieces, so none is held whole. */
  private static final int UPLOAD_CHUNK = 8 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JupyterServerOptions options;
  private final HttpClient http;

  /**
   * A client for that server; nothing is asked yet.
   *
   * @throws IllegalArgumentException when {@link JupyterServerOptions#trustedCertificates()} cannot be read as PEM
   */
  public JupyterServer(JupyterServerOptions options) {
    this.options = options;
    // HTTP/1.1: the JDK otherwise asks a plain-http server to upgrade to h2c, which Tornado leaves hanging
    // on a request with a body.
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout());
    if (options.trustedCertificates() != null) {
      builder.sslContext(trusting(options.trustedCertificates()));
    }
    this.http = builder.build();
  }

  /** TLS that trusts the certificates of a PEM file and no others. */
  private static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("trusted-" + n++, certificate);
      }
      if (n == 0) {
        throw new IllegalArgumentException(pem + " holds no certificate");
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the certificates in " + pem + ": " + e.getMessage(), e);
    }
  }

  public JupyterServerOptions options() {
    return options;
  }

  HttpClient http() {
    return http;
  }

  /** Every kernelspec the server offers, its default first. */
  public List<KernelSpec> kernelSpecs() {
    JsonNode answer = json(send(request("api/kernelspecs").GET(), 200));
    String defaultName = answer.path("default").asText("");
    List<KernelSpec> specs = new ArrayList<>();
    answer.path("kernelspecs").fields().forEachRemaining(entry -> {
      JsonNode spec = entry.getValue().path("spec");
      List<String> argv = new ArrayList<>();
      spec.path("argv").forEach(a -> argv.add(a.asText()));
      KernelSpec found = new KernelSpec(entry.getKey(), argv.isEmpty() ? List.of("(remote)") : argv,
          spec.path("display_name").asText(entry.getKey()), spec.path("language").asText(""), Map.of(),
          "message".equals(spec.path("interrupt_mode").asText()) ? InterruptMode.MESSAGE : InterruptMode.SIGNAL,
          null);
      specs.add(entry.getKey().equals(defaultName) ? 0 : specs.size(), found);
    });
    return specs;
  }

  /** Starts a kernel of that spec with {@code path} (a directory of the contents API) as its working directory. */
  public String startKernel(String specName, String path) {
    ObjectNode body = JSON.createObjectNode().put("name", specName);
    if (path != null && !path.isEmpty()) {
      body.put("path", path);
    }
    return json(send(request("api/kernels").POST(body(body)), 201)).path("id").asText();
  }

  /** The ids of the kernels running there. */
  public List<String> kernelIds() {
    List<String> ids = new ArrayList<>();
    json(send(request("api/kernels").GET(), 200)).forEach(k -> ids.add(k.path("id").asText()));
    return ids;
  }

  /** Whether the server still has this kernel. */
  public boolean hasKernel(String id) {
    HttpResponse<InputStream> answer = send(request("api/kernels/" + segment(id)).GET(), 200, 404);
    discard(answer);
    return answer.statusCode() == 200;
  }

  public void interruptKernel(String id) {
    discard(send(request("api/kernels/" + segment(id) + "/interrupt").POST(HttpRequest.BodyPublishers.noBody()), 204));
  }

  public void restartKernel(String id) {
    discard(send(request("api/kernels/" + segment(id) + "/restart").POST(HttpRequest.BodyPublishers.noBody()), 200));
  }

  /** Shuts the kernel down; one that is already gone is no error. */
  public void deleteKernel(String id) {
    discard(send(request("api/kernels/" + segment(id)).DELETE(), 204, 404));
  }

  /** The entries of a directory (empty path: the root). */
  public List<RemoteFile> list(String directory) {
    JsonNode answer = json(send(request("api/contents/" + path(directory) + "?content=1").GET(), 200));
    List<RemoteFile> entries = new ArrayList<>();
    answer.path("content").forEach(e -> entries.add(file(e)));
    return entries;
  }

  /** The entry at a path, or empty when there is none. */
  public Optional<RemoteFile> stat(String path) {
    HttpResponse<InputStream> answer = send(request("api/contents/" + path(path) + "?content=0").GET(), 200, 404);
    if (answer.statusCode() == 404) {
      discard(answer);
      return Optional.empty();
    }
    return Optional.of(file(json(answer)));
  }

  /** Makes a directory and those above it that are missing. */
  public void makeDirectories(String path) {
    StringBuilder at = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      at.append(at.length() == 0 ? "" : "/").append(part);
      if (stat(at.toString()).isEmpty()) {
        ObjectNode body = JSON.createObjectNode().put("type", "directory");
        discard(send(request("api/contents/" + path(at.toString())).PUT(body(body)), 200, 201));
      }
    }
  }

  /**
   * Writes a file from a stream, {@value #UPLOAD_CHUNK} bytes at a time (the contents API's chunked
   * save), under a temporary name ({@code kernelchat-upload-…}, seen in listings meanwhile) that is renamed into place
   * when whole; returns its entry.
   */
  public RemoteFile upload(String path, InputStream content) throws IOException {
    int slash = path.lastIndexOf('/');
    // Not a dot-name: a Jupyter Server refuses hidden files unless told to allow them.
    String partial = (slash < 0 ? "" : path.substring(0, slash + 1)) + "kernelchat-upload-" + UUID.randomUUID();
    byte[] buffer = new byte[UPLOAD_CHUNK];
    try {
      int chunk = 1;
      int length = content.readNBytes(buffer, 0, buffer.length);
      while (true) {
        byte[] more = new byte[UPLOAD_CHUNK];
        int next = length < buffer.length ? 0 : content.readNBytes(more, 0, more.length);
        boolean last = next == 0;
        ObjectNode body = JSON.createObjectNode().put("type", "file").put("format", "base64")
            .put("content", Base64.getEncoder().encodeToString(Arrays.copyOf(buffer, length)))
            .put("chunk", last ? -1 : chunk);
        if (last && chunk == 1) {
          body.remove("chunk");   // one piece: a plain save
        }
        discard(send(request("api/contents/" + path(partial)).PUT(body(body)), 200, 201));
        if (last) {
          break;
        }
        buffer = more;
        length = next;
        chunk++;
      }
      deleteFile(path);
      ObjectNode rename = JSON.createObjectNode().put("path", path);
      return file(json(send(request("api/contents/" + path(partial)).method("PATCH", body(rename)), 200)));
    } catch (IOException | RuntimeException e) {
      try {
        deleteFile(partial);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** A file's bytes as a stream, read as they come; close it. */
  public InputStream download(String path) {
    return send(request("files/" + path(path)).GET(), 200).body();
  }

  /** Deletes a file or an empty directory; one that is not there is no error. */
  public void deleteFile(String path) {
    discard(send(request("api/contents/" + path(path)).DELETE(), 204, 404));
  }

  /** The WebSocket address of a kernel's channels, for a client session id. */
  URI channels(String kernelId, String sessionId) {
    URI http = options.url().resolve("api/kernels/" + segment(kernelId) + "/channels?session_id="
        + URLEncoder.encode(sessionId, StandardCharsets.UTF_8));
    String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + http.toString().substring(http.getScheme().length()));
  }

  /** The token and extra headers, for every request and the WebSocket. */
  Map<String, String> headers() {
    Map<String, String> headers = new HashMap<>(options.headers());
    if (!options.token().isEmpty()) {
      headers.put("Authorization", "token " + options.token());
    }
    return headers;
  }

  private HttpRequest.Builder request(String relative) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(options.url().resolve(relative))
        .timeout(options.requestTimeout());
    headers().forEach(builder::header);
    return builder;
  }

  private static HttpRequest.BodyPublisher body(JsonNode json) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest.Builder builder, int... expected) {
    HttpRequest request = builder.header("Content-Type", "application/json").build();
    HttpResponse<InputStream> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new JupyterServerException("cannot reach the Jupyter Server at " + options.describe() + ": " + why(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JupyterServerException("interrupted while asking the Jupyter Server at " + options.describe(), e);
    }
    for (int status : expected) {
      if (answer.statusCode() == status) {
        return answer;
      }
    }
    throw refusal(request, answer);
  }

  /** What went wrong, in words: the JDK's refused connection has no message, an untrusted certificate a class name. */
  private static String why(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX")) {
        return "its TLS certificate is not signed by a trusted CA";
      }
    }
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof java.net.ConnectException ? "the connection was refused" : e.getClass().getSimpleName();
  }

  private JupyterServerException refusal(HttpRequest request, HttpResponse<InputStream> answer) {
    String reason;
    try (InputStream body = answer.body()) {
      JsonNode json = JSON.readTree(body.readNBytes(64 << 10));
      reason = json == null ? "" : json.path("message").asText(json.path("reason").asText(""));
    } catch (IOException e) {
      reason = "";
    }
    int status = answer.statusCode();
    String what = request.method() + " " + request.uri().getPath();
    String message = status == 401 || status == 403
        ? "the Jupyter Server at " + options.describe() + " refused the token (" + status + " on " + what + ")"
        : "the Jupyter Server at " + options.describe() + " answered " + status + " to " + what
            + (reason.isEmpty() ? "" : ": " + reason);
    return new JupyterServerException(status, message);
  }

  private JsonNode json(HttpResponse<InputStream> answer) {
    try (InputStream body = answer.body()) {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new JupyterServerException("the Jupyter Server at " + options.describe() + " sent JSON that does not parse", e);
    }
  }

  private static void discard(HttpResponse<InputStream> answer) {
    try (InputStream body = answer.body()) {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // nothing of it was wanted
    }
  }

  private static RemoteFile file(JsonNode entry) {
    String modified = entry.path("last_modified").asText("");
    long millis = modified.isEmpty() ? 0 : OffsetDateTime.parse(modified).toInstant().toEpochMilli();
    return new RemoteFile(entry.path("path").asText(), "directory".equals(entry.path("type").asText()),
        entry.path("size").asLong(0), millis);
  }

  private static String path(String path) {
    StringBuilder out = new StringBuilder();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        out.append(out.length() == 0 ? "" : "/").append(segment(part));
      }
    }
    return out.toString();
  }

  private static String segment(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
