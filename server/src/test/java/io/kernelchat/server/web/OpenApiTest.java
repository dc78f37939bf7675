package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.RunningServer;
import io.kernelchat.server.testing.TestClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/openapi.json} against the routes the server registers, and against an independent validator. */
class OpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  @TempDir static Path home;
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(home);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDescriptionHasEveryRegisteredRouteAndNoOther() {
    JsonNode paths = server.getJson("/api/openapi.json").get("paths");
    List<String> described = new ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (METHODS.contains(method)) {
        described.add(method.toUpperCase() + " " + path.getKey());
      }
    }));
    Set<String> registered = new TreeSet<>(server.apiRoutes());
    // A new route needs its description in server/src/main/resources/openapi.json, and a removed one loses it.
    assertThat(new TreeSet<>(described)).as("openapi.json's routes").isEqualTo(registered);
  }

  @Test
  void everyOperationDescribesItsErrorsWithTheErrorShape() {
    JsonNode doc = server.getJson("/api/openapi.json");
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      op.getValue().get("responses").fields().forEachRemaining(response -> {
        if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
          JsonNode r = response.getValue().has("$ref")
              ? doc.at("/components/responses/" + response.getValue().get("$ref").asText().replaceAll(".*/", ""))
              : response.getValue();
          assertThat(r.at("/content/application~1json/schema/$ref").asText())
              .as("%s %s %s", op.getKey(), path.getKey(), response.getKey()).isEqualTo("#/components/schemas/Error");
        }
      });
    }));
  }

  @Test
  void anIndependentValidatorAcceptsItAsOpenApi31() throws IOException {
    String served = server.get("/api/openapi.json").body();
    assertThat(served).contains("\"openapi\": \"3.1.0\"");
    Path file = Files.writeString(home.resolve("openapi.json"), served);
    Path cli = TestClients.dir().resolve("node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js");
    TestClients.Result r = TestClients.run(Path.of("."), 120, List.of("node", cli.toString(), file.toString()));
    assertThat(r.stdout()).contains("\"valid\": true");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void theDescriptionNeedsTheTokenLikeTheRestOfTheApi() {
    assertThat(server.sendAlone(java.net.http.HttpRequest.newBuilder(server.uri("/api/openapi.json")).GET().build())
        .statusCode()).isEqualTo(401);
  }
}
