package io.kernelchat.server.web;

import io.javalin.http.Context;
import io.kernelchat.server.conversation.Conversations;
import java.nio.charset.StandardCharsets;

/** {@code GET …/notebook}: the conversation as an .ipynb download. */
final class NotebookRoute {
  private NotebookRoute() {}

  static void serve(Context ctx, Conversations conversations) {
    String id = ctx.pathParam("id");
    String notebook = conversations.notebook(id);
    String name = conversations.view(id).title().replaceAll("[^A-Za-z0-9._ -]", "_").strip();
    ctx.header("Content-Disposition", "attachment; filename=\"" + (name.isEmpty() ? "conversation" : name) + ".ipynb\"");
    ctx.header("Content-Security-Policy", FileRoutes.DOWNLOAD_CSP);
    // As bytes: a String result is encoded by the content type's charset, and without one not as UTF-8.
    ctx.contentType("application/x-ipynb+json; charset=utf-8")
        .result(notebook.getBytes(StandardCharsets.UTF_8));
  }
}
