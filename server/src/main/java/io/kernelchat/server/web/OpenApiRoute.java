package io.kernelchat.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the routes, {@code openapi.json} among the
 * resources. It is written by hand next to docs/api.md; OpenApiTest fails when a route is registered that it lacks,
 * or it names one that is not registered.
 */
final class OpenApiRoute {
  static final String PATH = "/api/openapi.json";
  private static final byte[] DOCUMENT = load();

  private OpenApiRoute() {}

  static void serve(Context ctx) {
    ctx.contentType("application/json").result(DOCUMENT);
  }

  private static byte[] load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
