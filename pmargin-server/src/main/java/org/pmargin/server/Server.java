package org.pmargin.server;

import org.pmargin.server.api.HttpApi;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.StoreLocation;

/**
 * The margin server: the service on its event log (recovered on start) and the HTTP API in front of it. Closing
 * stops the API, then the service (which answers what is queued and writes a snapshot).
 */
public final class Server implements AutoCloseable {

  private final MarginService service;
  private final HttpApi api;

  private Server(MarginService service, HttpApi api) {
    this.service = service;
    this.api = api;
  }

  /**
   * Starts a server.
   *
   * @param location  the event log
   * @param settings  the settings of a new store (an existing store keeps its own)
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @return the running server
   */
  public static Server start(StoreLocation location, ServiceSettings settings, String host, int port) {
    MarginService service = MarginService.open(location, settings, MarginService.Options.defaults());
    try {
      long t0 = System.nanoTime();
      HttpApi api = HttpApi.start(service, host, port);
      org.slf4j.LoggerFactory.getLogger(Server.class).info("HTTP API on port {} started in {} ms", api.port(),
          (System.nanoTime() - t0) / 1_000_000);
      return new Server(service, api);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** The port the API listens on. */
  public int port() {
    return api.port();
  }

  /** The service. */
  public MarginService service() {
    return service;
  }

  @Override
  public void close() {
    api.close();
    service.close();
  }
}
