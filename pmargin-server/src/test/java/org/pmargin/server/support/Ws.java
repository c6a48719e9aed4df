package org.pmargin.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * A JDK WebSocket client for the stream tests: it collects the text messages (parsed) and the close code and
 * reason. With {@code reading=false} it asks for no message at all (a client that stops reading) until
 * {@link #readAll()}.
 */
public final class Ws implements WebSocket.Listener {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** How a connection ended: the close code and reason the server sent. */
  public record Closed(int code, String reason) {
  }

  private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final StringBuilder part = new StringBuilder();
  private final boolean reading;
  private WebSocket socket;

  private Ws(boolean reading) {
    this.reading = reading;
  }

  /**
   * Opens a stream.
   *
   * @param port  the server's port
   * @param query  the query string (without '?'), or empty
   * @param headerKey  a key sent as {@code Authorization: Bearer}, or null
   * @param reading  whether to read messages as they come
   * @return the open client
   */
  public static Ws open(int port, String query, String headerKey, boolean reading) throws Exception {
    Ws ws = new Ws(reading);
    WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (headerKey != null) {
      b.header("Authorization", "Bearer " + headerKey);
    }
    String q = query.isEmpty() ? "" : "?" + query;
    ws.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/stream" + q), ws).get(10, TimeUnit.SECONDS);
    return ws;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (reading) {
      webSocket.request(Long.MAX_VALUE);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    part.append(data);
    if (last) {
      messages.add(Json.parse(part.toString()));
      part.setLength(0);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(new Closed(-1, String.valueOf(error)));
  }

  /** Sends a text message (e.g. the auth message). */
  public void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  /** Starts reading everything (after a stall). */
  public void readAll() {
    socket.request(Long.MAX_VALUE);
  }

  /** Waits for the server's close. */
  public Closed closed(long seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  /** Whether the connection has ended. */
  public boolean isClosed() {
    return closed.isDone();
  }

  /** The next message, or null after the timeout. */
  public JsonNode next(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Messages until one matches (that one included), failing after the timeout. */
  public List<JsonNode> until(Predicate<JsonNode> stop, long millis) throws InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      JsonNode n = messages.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      if (n == null) {
        break;
      }
      out.add(n);
      if (stop.test(n)) {
        return out;
      }
    }
    throw new AssertionError("no matching message within " + millis + " ms; got " + out.size() + ": "
        + (out.isEmpty() ? "" : out.getLast()));
  }

  /** Closes from this side. */
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }
}
