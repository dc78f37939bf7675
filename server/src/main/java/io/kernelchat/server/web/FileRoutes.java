package io.kernelchat.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kernelchat.server.conversation.Conversation;
import io.kernelchat.server.conversation.Conversations;
import io.kernelchat.server.conversation.FileInfo;
import io.kernelchat.server.conversation.WorkspaceFiles;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation's files, and a notebook imported as a new conversation. Uploads are multipart: Jetty spools each part to disk (never the heap) under the
 * size limit, then it is moved into the workspace. Downloads are attachments with nosniff and a CSP that
 * blocks scripts, so a file the kernel wrote cannot act as a page of this origin.
 */
final class FileRoutes {
  static final String DOWNLOAD_CSP = "default-src 'none'; sandbox";
  /** The largest notebook an import reads: it is parsed whole, in memory. */
  static final long NOTEBOOK_LIMIT_BYTES = 64L * 1024 * 1024;
  /** The request attribute Jetty reads its multipart limits from. */
  private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
  private final Conversations conversations;
  private final Path spool;
  private final MultipartConfigElement multipart;
  private final MultipartConfigElement notebookMultipart;

  FileRoutes(Conversations conversations, Path spool, long uploadLimitBytes) {
    this.conversations = conversations;
    this.spool = spool;
    this.multipart = new MultipartConfigElement(spool.toString(), uploadLimitBytes, -1, 64 * 1024);
    this.notebookMultipart = new MultipartConfigElement(spool.toString(), NOTEBOOK_LIMIT_BYTES, -1, 64 * 1024);
  }

  void register(RoutesConfig routes) {
    routes.post("/api/conversations/import", this::importNotebook);
    routes.post("/api/conversations/{id}/files", this::upload);
    routes.get("/api/conversations/{id}/files", ctx ->
        ctx.json(Map.of("files", conversations.get(ctx.pathParam("id")).workspace().list())));
    routes.get("/api/conversations/{id}/files/<name>", this::download);
    routes.delete("/api/conversations/{id}/files/<name>", ctx -> {
      conversations.get(ctx.pathParam("id")).deleteFile(ctx.pathParam("name"));
      ctx.status(204);
    });
  }

  private void upload(Context ctx) throws Exception {
    Conversation conversation = conversations.get(ctx.pathParam("id"));
    List<Part> parts = fileParts(ctx, multipart, "upload");
    List<FileInfo> saved = new ArrayList<>();
    for (Part part : parts) {
      String name = part.getSubmittedFileName();
      conversation.workspace().checkName(name);   // refuse a bad name before moving bytes
      Path spooled = spool.resolve("part-" + UUID.randomUUID());
      try {
        part.write(spooled.toString());   // a rename when Jetty spooled the part, a write when it kept it in memory
        saved.add(conversation.upload(name, WorkspaceFiles.Content.movedFrom(spooled)));
      } finally {
        part.delete();
        Files.deleteIfExists(spooled);   // there still when the upload failed, or was copied to another disk
      }
    }
    ctx.status(201).json(Map.of("files", saved));
  }

  /** {@code POST /api/conversations/import}: a new conversation from the .ipynb in the field "file". */
  private void importNotebook(Context ctx) throws Exception {
    if (ctx.req().getContentLengthLong() > NOTEBOOK_LIMIT_BYTES) {
      throw notebookTooLarge();
    }
    List<Part> parts;
    try {
      parts = fileParts(ctx, notebookMultipart, "notebook");
    } catch (IllegalStateException e) {   // Jetty's answer to a part past the limit, when no length was sent
      throw notebookTooLarge();
    }
    if (parts.size() != 1) {
      parts.forEach(FileRoutes::deleteQuietly);
      throw ApiException.badRequest("notebook", "send one notebook at a time");
    }
    Part part = parts.get(0);
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    } finally {
      deleteQuietly(part);
    }
    ctx.status(201).json(conversations.importNotebook(part.getSubmittedFileName(), bytes));
  }

  private static ApiException notebookTooLarge() {
    return new ApiException(413, "too_large:notebook", "a notebook to import can be at most "
        + NOTEBOOK_LIMIT_BYTES / (1024 * 1024) + " MB");
  }

  /** The parts of the multipart field "file" that are files; bad_request:{@code what} when it has none. */
  private static List<Part> fileParts(Context ctx, MultipartConfigElement limits, String what) throws Exception {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
      throw ApiException.badRequest(what, "send the file as multipart/form-data in the field \"file\"");
    }
    ctx.req().setAttribute(MULTIPART_CONFIG, limits);
    List<Part> parts = new ArrayList<>();
    for (Part part : ctx.req().getParts()) {
      if (part.getName().equals("file") && part.getSubmittedFileName() != null) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      throw ApiException.badRequest(what, "no file in the field \"file\"");
    }
    return parts;
  }

  private static void deleteQuietly(Part part) {
    try {
      part.delete();
    } catch (java.io.IOException ignored) {
      // a spooled part Jetty removes with the request anyway
    }
  }

  /** Serves the file that was opened, never the name again: the kernel may have swapped it for a symlink since. */
  private void download(Context ctx) throws Exception {
    try (WorkspaceFiles.OpenFile file = conversations.get(ctx.pathParam("id")).workspace().open(ctx.pathParam("name"));
         InputStream in = Channels.newInputStream(file.channel())) {
      String fileName = file.fileName();
      ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_")
          + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
      ctx.header("Content-Security-Policy", DOWNLOAD_CSP);
      ctx.contentType("application/octet-stream");
      ctx.res().setContentLengthLong(file.size());
      try (var out = ctx.res().getOutputStream()) {
        byte[] buffer = new byte[1 << 20];   // large writes: far fewer trips through the servlet stack than 8 KB
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      }
    }
  }
}
