package org.pmargin.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/** A tiny JDK HttpClient wrapper for the API tests: one call with an optional API key. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {
  }

  /** An answer: status, parsed body (null when empty), raw text. */
  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    /** The body's text. */
    public String text() {
      return raw.body();
    }
  }

  /**
   * Calls the API.
   *
   * @param port  the server's port
   * @param method  GET, POST, DELETE
   * @param path  the path with query
   * @param body  the body, or null
   * @param key  the API key sent as {@code Authorization: Bearer}, or null for none
   * @return the reply
   */
  public static Reply call(int port, String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b, method, body);
  }

  /** Calls the API with an arbitrary header (e.g. {@code X-API-Key}). */
  public static Reply callWith(int port, String method, String path, String body, String header, String value)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header(header, value);
    return send(b, method, body);
  }

  private static Reply send(HttpRequest.Builder b, String method, String body) throws Exception {
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return new Reply(r.statusCode(), r.body().isEmpty() || !json ? null : Json.parse(r.body()), r);
  }
}
