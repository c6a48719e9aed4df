package org.pmargin.server;

import java.util.Optional;
import java.util.Set;
import org.pmargin.server.api.HttpApi;
import org.pmargin.server.auth.ApiKeys;
import org.pmargin.server.auth.Role;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.StoreLocation;

/**
 * The margin server: the service on its event log (recovered on start), its API keys, and the HTTP API in front of
 * them. A store without any key gets a bootstrap admin key: the one given (see {@link #start(StoreLocation,
 * ServiceSettings, String, int, Optional)}) or a generated one, whose secret {@link #bootstrapSecret()} hands to the
 * caller once, to print. Closing stops the API, then the service (which answers what is queued and writes a
 * snapshot).
 */
public final class Server implements AutoCloseable {

  /** The environment variable holding a bootstrap admin key. */
  public static final String ADMIN_KEY_ENV = "PMARGIN_ADMIN_KEY";

  private final MarginService service;
  private final HttpApi api;
  private final ApiKeys keys;
  private String bootstrapSecret;

  private Server(MarginService service, HttpApi api, ApiKeys keys, String bootstrapSecret) {
    this.service = service;
    this.api = api;
    this.keys = keys;
    this.bootstrapSecret = bootstrapSecret;
  }

  /**
   * Starts a server without a given admin key (a fresh store gets a generated one).
   *
   * @param location  the event log
   * @param settings  the settings of a new store (an existing store keeps its own)
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @return the running server
   */
  public static Server start(StoreLocation location, ServiceSettings settings, String host, int port) {
    return start(location, settings, host, port, Optional.empty());
  }

  /**
   * Starts a server.
   *
   * @param location  the event log
   * @param settings  the settings of a new store (an existing store keeps its own)
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @param adminKey  an admin key to accept (stored as its hash if it is not yet); when empty and the store has no
   *     key, one is generated and handed out once by {@link #bootstrapSecret()}
   * @return the running server
   */
  public static Server start(StoreLocation location, ServiceSettings settings, String host, int port,
      Optional<String> adminKey) {
    return start(location, settings, host, port, adminKey, org.pmargin.server.api.RateLimits.defaults());
  }

  /**
   * Starts a server with its rate limits.
   *
   * @param location  the event log
   * @param settings  the settings of a new store
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @param adminKey  an admin key to accept, or empty (see above)
   * @param limits  the request budgets per key and per anonymous address
   * @return the running server
   */
  public static Server start(StoreLocation location, ServiceSettings settings, String host, int port,
      Optional<String> adminKey, org.pmargin.server.api.RateLimits limits) {
    return start(location, settings, host, port, adminKey, limits, null);
  }

  /**
   * Starts a server with its rate limits and the data directory of its history-based views.
   *
   * @param location  the event log
   * @param settings  the settings of a new store
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @param adminKey  an admin key to accept, or empty (see above)
   * @param limits  the request budgets per key and per anonymous address
   * @param dataDir  the data directory of the P&amp;L distribution and the reports, or null for {@code
   *     $PMARGIN_DATA_DIR} or the checkout's shipped copy
   * @return the running server
   */
  public static Server start(StoreLocation location, ServiceSettings settings, String host, int port,
      Optional<String> adminKey, org.pmargin.server.api.RateLimits limits, java.nio.file.Path dataDir) {
    MarginService service = MarginService.open(location, settings, MarginService.Options.defaults());
    try {
      ApiKeys keys = ApiKeys.open(location);
      String generated = null;
      if (adminKey.isPresent()) {
        keys.ensureAdmin(adminKey.get());
      } else if (keys.isEmpty()) {
        generated = keys.create(Role.ADMIN, Set.of(), "bootstrap admin (generated)").secret();
      }
      long t0 = System.nanoTime();
      HttpApi api = HttpApi.start(service, keys, host, port, limits, dataDir);
      org.slf4j.LoggerFactory.getLogger(Server.class).info("HTTP API on port {} started in {} ms", api.port(),
          (System.nanoTime() - t0) / 1_000_000);
      return new Server(service, api, keys, generated);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /**
   * The admin key the operator gives: the first line of a file when one is named, else the environment variable
   * {@value #ADMIN_KEY_ENV}, else none.
   *
   * @param file  a file holding the key, or null
   * @return the key, if given
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public static Optional<String> givenAdminKey(java.nio.file.Path file) {
    if (file != null) {
      try {
        String k = java.nio.file.Files.readString(file).strip();
        if (k.isEmpty()) {
          throw new org.pmargin.core.validation.InvalidInputException("admin_key_file", "is empty: " + file);
        }
        return Optional.of(k.lines().findFirst().orElseThrow().strip());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read the admin key file " + file, e);
      }
    }
    String env = System.getenv(ADMIN_KEY_ENV);
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  /** The port the API listens on. */
  public int port() {
    return api.port();
  }

  /** The HTTP routes registered, {@code METHOD path} (for the OpenAPI check). */
  public java.util.List<String> routes() {
    return api.routes();
  }

  /** How many WebSocket stream clients receive live events now. */
  public int streamSubscribers() {
    return api.streamSubscribers();
  }

  /** The service. */
  public MarginService service() {
    return service;
  }

  /** The API keys. */
  public ApiKeys keys() {
    return keys;
  }

  /**
   * The secret of the admin key generated for a fresh store, once: the first call returns it, later ones empty.
   * The server never logs it; the caller prints it for the operator.
   */
  public synchronized Optional<String> bootstrapSecret() {
    Optional<String> s = Optional.ofNullable(bootstrapSecret);
    bootstrapSecret = null;
    return s;
  }

  @Override
  public void close() {
    api.close();
    service.close();
  }
}
