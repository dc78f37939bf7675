package io.kernelchat.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.kernelchat.server.conversation.ApiJson;

/** A request's JSON object, with fields read as the API expects them (clear 400s otherwise). */
final class JsonBody {
  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  static JsonBody of(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      return new JsonBody(ApiJson.MAPPER.createObjectNode());
    }
    try {
      JsonNode node = ApiJson.MAPPER.readTree(body);
      if (!node.isObject()) {
        throw ApiException.badRequest("json", "the body must be a JSON object");
      }
      return new JsonBody(node);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A string field, or null when absent or null. */
  String optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field, field + " must be a string");
    }
    return value.asText();
  }

  /** A boolean field, or null when absent or null. */
  Boolean optionalBoolean(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(field, field + " must be true or false");
    }
    return value.asBoolean();
  }

  String requiredText(String field) {
    String value = optionalText(field);
    if (value == null) {
      throw ApiException.badRequest(field, field + " is required");
    }
    return value;
  }
}
