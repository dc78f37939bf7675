package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Milliseconds from POSTing a flood of prints to its last byte arriving over the event stream. */
final class SseFlood {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ServerProcess server;
  private final String id;
  private final String code;
  private final long chars;

  SseFlood(ServerProcess server, String id, String code, long chars) {
    this.server = server;
    this.id = id;
    this.code = code;
    this.chars = chars;
  }

  double run() throws Exception {
    HttpResponse<InputStream> stream = server.send(server.request("/api/conversations/" + id + "/events")
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      in.readLine();   // ": connected": the stream is subscribed before the code is sent
      long start = System.nanoTime();
      CompletableFuture<?> cell = CompletableFuture.runAsync(() -> {
        try {
          server.json("POST", "/api/conversations/" + id + "/execute", JSON.writeValueAsString(Map.of("code", code)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long received = 0;
      String type = "";
      String line;
      while (received < chars && (line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ") && type.equals("output")) {
          JsonNode output = JSON.readTree(line.substring(6)).get("output");
          received += output.path("text").asText().length();
        }
      }
      double millis = (System.nanoTime() - start) / 1e6;
      cell.get(5, TimeUnit.MINUTES);
      if (received != chars) {
        throw new IllegalStateException("the stream carried " + received + " of " + chars + " chars");
      }
      return millis;
    }
  }
}
