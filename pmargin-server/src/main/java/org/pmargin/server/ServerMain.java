package org.pmargin.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.StoreLocation;

/**
 * A bare entry point for the server without the command line ({@code pmargin serve} is the usual one): {@code
 * --market FILE (--store-dir DIR | --db URL) [--port N] [--host H] [--model M] [--price-band-mode refuse|flag|off]
 * [--admin-key-file F]} (or the admin key in {@code PMARGIN_ADMIN_KEY}).
 * Prints {@code pmargin-server listening on http://HOST:PORT} once it serves, and closes cleanly on SIGTERM.
 */
public final class ServerMain {

  private static final Set<String> OPTIONS = Set.of("--market", "--store-dir", "--db", "--port", "--host", "--model",
      "--price-band-mode", "--liquidation", "--admin-key-file");

  private ServerMain() {
  }

  /**
   * Runs the server until the process is stopped.
   *
   * @param args  the options above
   * @throws IOException when the market file cannot be read
   */
  public static void main(String[] args) throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        throw new InvalidInputException("args", "unknown option or missing value: " + args[i]);
      }
      o.put(args[i], args[i + 1]);
    }
    if (!o.containsKey("--market")) {
      throw new InvalidInputException("market", "is required");
    }
    if (o.containsKey("--store-dir") == o.containsKey("--db")) {
      throw new InvalidInputException("store_dir", "give exactly one of --store-dir DIR and --db JDBC-URL");
    }
    StoreLocation location = o.containsKey("--db") ? new StoreLocation(o.get("--db"))
        : StoreLocation.embedded(Path.of(o.get("--store-dir")));
    ServiceSettings settings = new ServiceSettings(o.getOrDefault("--model", "grid"),
        Files.readString(Path.of(o.get("--market"))), o.getOrDefault("--price-band-mode", "refuse"),
        !"off".equals(o.get("--liquidation")));
    String host = o.getOrDefault("--host", "127.0.0.1");
    Server server = Server.start(location, settings, host, Integer.parseInt(o.getOrDefault("--port", "0")),
        Server.givenAdminKey(o.containsKey("--admin-key-file") ? Path.of(o.get("--admin-key-file")) : null));
    server.bootstrapSecret().ifPresent(k -> System.out.println("pmargin-server: bootstrap admin API key (shown "
        + "once, not stored): " + k));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pmargin-shutdown"));
    System.err.println("pmargin-server: serving " + (System.nanoTime() - t0) / 1_000_000 + " ms after main, "
        + (System.currentTimeMillis() - ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
        .orElse(System.currentTimeMillis())) + " ms after the process started");
    System.out.println("pmargin-server listening on http://" + host + ":" + server.port());
    System.out.flush();
  }
}
