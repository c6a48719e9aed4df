package org.pmargin.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pmargin.core.validation.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pmargin stream}: follows a running service's WebSocket stream (docs/API.md, "Streams") and prints each
 * message as one JSON line, so a terminal session can watch margins move without a browser. The API key comes from
 * {@code $PMARGIN_API_KEY} and is sent as the stream's first message (never in the URL).
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = "Print a running service's stream (one account's, or the firehose for a risk or admin key) as "
        + "JSON lines; the key from $PMARGIN_API_KEY.")
final class StreamCommand implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
      description = "The service (default: ${DEFAULT-VALUE}).")
  private String url;

  @Option(names = "--account", paramLabel = "ID", description = "One account's stream (else the firehose).")
  private String account;

  @Option(names = "--after", paramLabel = "SEQ", description = "Replay the log after this sequence first.")
  private Long after;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N messages (default: follow until "
      + "the server closes the stream or Ctrl-C).")
  private Long count;

  @Override
  public Integer call() throws Exception {
    String key = System.getenv("PMARGIN_API_KEY");
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("PMARGIN_API_KEY", "set it to an API key (the stream's first message)");
    }
    URI base = URI.create(url.replaceFirst("^http", "ws"));
    StringBuilder query = new StringBuilder();
    if (account != null) {
      query.append("account=").append(URLEncoder.encode(account, StandardCharsets.UTF_8));
    }
    if (after != null) {
      query.append(query.isEmpty() ? "" : "&").append("after=").append(after);
    }
    URI uri = base.resolve("/v1/stream" + (query.isEmpty() ? "" : "?" + query));
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder part = new StringBuilder();
      private long seen;

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        part.append(data);
        if (last && count != null && seen >= count) {
          return null;
        }
        if (last) {
          System.out.println(part);
          System.out.flush();
          part.setLength(0);
          if (count != null && ++seen >= count) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            closed.complete("done");
          }
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        closed.complete(status + " " + reason);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
      }
    };
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    WebSocket ws = client.newWebSocketBuilder().buildAsync(uri, listener).join();
    ws.sendText("{\"type\":\"auth\",\"key\":\"" + key.replace("\\", "").replace("\"", "") + "\"}", true).join();
    String end = closed.join();
    System.err.println("pmargin stream: closed (" + end + ")");
    return end.startsWith("1000") || end.equals("done") ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }
}
