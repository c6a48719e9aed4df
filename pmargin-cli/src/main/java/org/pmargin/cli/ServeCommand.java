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

  @Option(names = "--feed", paramLabel = "FILE|synthetic", description = "Run the engine's own oracle loop: price "
      + "ticks from a JSON-lines file (stamped in market time) or a seeded synthetic random walk, aggregated by the "
      + "oracle's guards (2 sources, 30 s staleness, 10%% move bound), each update logged as a market event; a feed "
      + "outage marks the underlyings degraded (GET /v1/market).")
  private String feed;

  @Option(names = "--feed-interval", defaultValue = "1s", paramLabel = "DURATION", description = "The oracle loop's "
      + "interval, e.g. 500ms, 1s (default: ${DEFAULT-VALUE}).")
  private String feedInterval;

  @Option(names = "--demo", description = "Demo: a fresh store (a new temporary directory unless --store-dir or "
      + "--db names an empty one; a store holding events is refused) on the crash window's start market, the demo "
      + "population loaded as logged events (create, deposit, fills), then the window's hourly bars replayed live "
      + "through POST /v1/market, liquidating as the engine does; the server keeps serving afterwards.")
  private boolean demo;

  @Option(names = "--demo-speed", defaultValue = "3600", paramLabel = "X", description = "Demo pace: market "
      + "seconds per wall second (default: ${DEFAULT-VALUE}, an hour of the crash a second).")
  private double demoSpeed;

  @Option(names = "--demo-days", defaultValue = "4", paramLabel = "N", description = "Demo: days of the window "
      + "replayed from its start (default: ${DEFAULT-VALUE}).")
  private int demoDays;

  @Option(names = "--demo-accounts", defaultValue = "1000", paramLabel = "N", description = "Demo: accounts in the "
      + "population (default: ${DEFAULT-VALUE}).")
  private int demoAccounts;

  @Option(names = "--demo-window", defaultValue = org.pmargin.server.demo.DemoWindow.DEFAULT, paramLabel = "ID",
      description = "Demo: the stress event of the data directory replayed (default: ${DEFAULT-VALUE}).")
  private String demoWindow;

  @Option(names = "--data-dir", paramLabel = "DIR", description = DataDirOption.HELP)
  private Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (demo) {
      return demo();
    }
    if (storeDir != null && db != null) {
      throw new InvalidInputException("store_dir", "give --store-dir or --db, not both");
    }
    StoreLocation location = db != null ? new StoreLocation(db)
        : StoreLocation.embedded(storeDir != null ? storeDir : Path.of("pmargin-store"));
    String marketJson = market == null ? Examples.text(Examples.MARKET)
        : GreeksCommand.withFile(market, () -> readString(market));
    Server server = Server.start(location, new ServiceSettings(model, marketJson, priceBandMode, true), host, port,
        Server.givenAdminKey(adminKeyFile), new org.pmargin.server.api.RateLimits(rateWrites, rateReads,
            rateAnonymous), dataDir(dataDir));
    org.pmargin.server.feed.OracleFeed oracle = null;
    if (feed != null) {
      try {
        oracle = org.pmargin.server.feed.OracleFeed.start(server.service(), org.pmargin.server.feed.Feeds.named(feed,
            server.service().engine().snapshot(), 2022_11L), org.pmargin.engine.oracle.OracleConfig.defaults(),
            interval(feedInterval));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    org.pmargin.server.feed.OracleFeed loop = oracle;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (loop != null) {
        loop.close();
      }
      server.close();
      stopped.countDown();
    }, "pmargin-serve-shutdown"));
    if (feed != null) {
      System.out.println("pmargin serve: oracle loop on " + feed + " every " + feedInterval);
    }
    System.out.println("pmargin serve: listening on http://" + host + ":" + server.port() + " (event log "
        + location.display() + ", " + server.service().lastSequence() + " events)");
    System.out.println("pmargin serve: dashboard at http://" + host + ":" + server.port() + "/dashboard/");
    server.bootstrapSecret().ifPresent(k -> System.out.println("pmargin serve: bootstrap admin API key (shown once, "
        + "only its hash is stored; create more with POST /v1/keys): " + k));
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The directory given with --data-dir (it must be one), else null for the service's default. */
  private static Path dataDir(Path given) {
    if (given == null) {
      return null;
    }
    return org.pmargin.data.DataDirectory.find(given).orElseThrow(() -> new InvalidInputException("data_dir",
        org.pmargin.data.DataDirectory.notFoundMessage()));
  }

  /** {@code --demo}: a fresh store on the window's start market, the population, then the live replay. */
  private int demo() throws Exception {
    if (storeDir != null && db != null) {
      throw new InvalidInputException("store_dir", "give --store-dir or --db, not both");
    }
    if (feed != null) {
      throw new InvalidInputException("feed", "--demo replays the crash window's bars; drop --feed");
    }
    if (market != null) {
      throw new InvalidInputException("market", "--demo starts on the crash window's own market; drop --market");
    }
    Path data = org.pmargin.data.DataDirectory.find(dataDir).orElseThrow(() -> new InvalidInputException(
        "data_dir", org.pmargin.data.DataDirectory.notFoundMessage()));
    var window = org.pmargin.server.demo.DemoWindow.read(data, demoWindow, demoDays);
    var pace = new org.pmargin.server.demo.DemoReplay.Pace(java.time.Duration.ofMinutes(15), demoSpeed);
    var population = new org.pmargin.server.demo.ServeDemo.Population(demoAccounts, 6, 2022_11L);
    StoreLocation location = db != null ? new StoreLocation(db) : StoreLocation.embedded(storeDir != null
        ? storeDir : Files.createTempDirectory("pmargin-demo-store-"));
    ServiceSettings settings = org.pmargin.server.demo.ServeDemo.settings(window, model, priceBandMode);
    java.util.Optional<String> given = Server.givenAdminKey(adminKeyFile);
    Server server = Server.start(location, settings, host, port, given, org.pmargin.server.api.RateLimits.defaults(),
        data);
    try {
      org.pmargin.server.demo.ServeDemo.requireFresh(server.service(), settings);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    String key = server.bootstrapSecret().or(() -> given).orElse(null);
    if (key == null) {
      server.close();
      throw new InvalidInputException("admin_key_file", "the store at " + location.display() + " has API keys "
          + "already: give its admin key with --admin-key-file or " + Server.ADMIN_KEY_ENV);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pmargin-serve-shutdown"));
    System.out.println("pmargin serve --demo: listening on http://" + host + ":" + server.port() + " (event log "
        + location.display() + ", a fresh demo store)");
    System.out.println("pmargin serve --demo: dashboard at http://" + host + ":" + server.port() + "/dashboard/ "
        + "(log in with the key below; the risk desk shows the population live through the crash replay)");
    System.out.println("pmargin serve --demo: admin API key" + (given.isPresent() ? " (the one given)" : " (generated,"
        + " shown once, only its hash is stored)") + ": " + key);
    System.out.flush();
    org.pmargin.server.demo.ServeDemo.run(server, host, key, window, population, pace, System.out);
    stopped.await();
    return ExitCodes.OK;
  }

  private static java.time.Duration interval(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s)").matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new InvalidInputException("feed_interval", "must be a positive duration like 500ms or 1s, got '" + text
          + "'");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? java.time.Duration.ofMillis(n) : java.time.Duration.ofSeconds(n);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
