package org.pmargin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.server.Server;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pmargin serve}: the margin service over HTTP, on a durable event log (embedded SQLite in a directory, or
 * PostgreSQL), recovered on start; see docs/API.md.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the margin service: HTTP/JSON API (docs/API.md) over the real-time engine, every "
        + "state-changing request an event in a durable log (embedded SQLite in --store-dir by default, PostgreSQL "
        + "with --db), acknowledged after its commit; a fresh store is initialised, an existing one recovered."})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "The port (0: a free one) "
      + "(default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "The address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  private String host;

  @Option(names = "--store-dir", paramLabel = "DIR", description = "The embedded store's directory (default: "
      + "pmargin-store in the current directory).")
  private Path storeDir;

  @Option(names = "--db", paramLabel = "JDBC-URL", description = "A PostgreSQL database instead of the embedded "
      + "store, e.g. jdbc:postgresql://127.0.0.1:5432/pmargin?user=postgres.")
  private String db;

  @Option(names = "--market", paramLabel = "FILE", description = "The initial market snapshot of a new store "
      + "(default: the shipped example, " + Examples.MARKET + ").")
  private Path market;

  @Option(names = "--model", defaultValue = "grid", paramLabel = "MODEL",
      description = "The engine's margin model for a new store: isolated, cross, grid, sensitivity or derive "
          + "(default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--price-band-mode", defaultValue = "refuse", paramLabel = "MODE",
      description = "Fills priced outside the band around the mark in a new store: refuse, flag or off (default: "
          + "${DEFAULT-VALUE}).")
  private String priceBandMode;

  @Option(names = "--admin-key-file", paramLabel = "FILE", description = "A file whose first line is an admin API "
      + "key to accept (at least 32 characters; kept as its SHA-256). Without it, the environment variable "
      + "PMARGIN_ADMIN_KEY; without either, a store with no key gets a generated admin key, printed once.")
  private Path adminKeyFile;

  @Option(names = "--rate-writes", paramLabel = "N", defaultValue = "50000", description = "State-changing "
      + "requests a second per API key (a batch of fills counts each fill; default: ${DEFAULT-VALUE}).")
  private double rateWrites;

  @Option(names = "--rate-reads", paramLabel = "N", defaultValue = "100000", description = "Reads a second per "
      + "API key (GET, what-if; default: ${DEFAULT-VALUE}).")
  private double rateReads;

  @Option(names = "--rate-anonymous", paramLabel = "N", defaultValue = "100", description = "Anonymous "
      + "calculator requests a second per remote address (default: ${DEFAULT-VALUE}).")
  private double rateAnonymous;

  @Override
  public Integer call() throws Exception {
    if (storeDir != null && db != null) {
      throw new InvalidInputException("store_dir", "give --store-dir or --db, not both");
    }
    StoreLocation location = db != null ? new StoreLocation(db)
        : StoreLocation.embedded(storeDir != null ? storeDir : Path.of("pmargin-store"));
    String marketJson = market == null ? Examples.text(Examples.MARKET)
        : GreeksCommand.withFile(market, () -> readString(market));
    Server server = Server.start(location, new ServiceSettings(model, marketJson, priceBandMode, true), host, port,
        Server.givenAdminKey(adminKeyFile), new org.pmargin.server.api.RateLimits(rateWrites, rateReads,
            rateAnonymous));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pmargin-serve-shutdown"));
    System.out.println("pmargin serve: listening on http://" + host + ":" + server.port() + " (event log "
        + location.display() + ", " + server.service().lastSequence() + " events)");
    server.bootstrapSecret().ifPresent(k -> System.out.println("pmargin serve: bootstrap admin API key (shown once, "
        + "only its hash is stored; create more with POST /v1/keys): " + k));
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
