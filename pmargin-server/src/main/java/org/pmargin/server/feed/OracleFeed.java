package org.pmargin.server.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.Json;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.oracle.AggregatedPrice;
import org.pmargin.engine.oracle.LiveOracleLoop;
import org.pmargin.engine.oracle.Oracle;
import org.pmargin.engine.oracle.OracleConfig;
import org.pmargin.engine.oracle.OracleUpdate;
import org.pmargin.engine.oracle.PriceFeed;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's oracle loop feeding the service: a {@link LiveOracleLoop} polls a {@link PriceFeed} every interval,
 * the {@link Oracle} (started on the service's current market) aggregates the ticks with its guards, and each update
 * is submitted as one {@code market} event (index moves relative to the service's market, the update time as
 * {@code at}, the underlyings its circuit breaker holds as {@code degraded}) and waited for: so the oracle's
 * snapshots are in the log like any other market event, and a restart replays them. A feed outage makes the
 * sources stale, the oracle holds the last good prices and reports the underlyings degraded; the engine flags the
 * margins of the accounts exposed to them and goes on taking fills (banded against the last good price), deposits
 * and withdrawals, as the oracle's rules say (docs/METHODOLOGY.md, "Degraded prices"). When the feed is back, the
 * next update clears the flags.
 */
public final class OracleFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OracleFeed.class);

  private final MarginService service;
  private final LiveOracleLoop loop;
  private volatile Map<Asset, AggregatedPrice> status = Map.of();

  private OracleFeed(MarginService service, PriceFeed feed, OracleConfig config, Clock clock, Duration interval) {
    this.service = service;
    Oracle oracle = new Oracle(service.engine().snapshot(), config);
    this.loop = new LiveOracleLoop(oracle, feed, clock, interval, this::publish,
        e -> LOG.warn("oracle loop: {}", e.getMessage()));
  }

  /**
   * A feed driven by hand ({@link #tick()}), for tests.
   *
   * @param service  the service
   * @param feed  the price feed
   * @param config  the oracle's guards
   * @param clock  the market clock
   * @return the feed, not started
   */
  public static OracleFeed manual(MarginService service, PriceFeed feed, OracleConfig config, Clock clock) {
    Checks.notNull(service, "service");
    return new OracleFeed(service, Checks.notNull(feed, "feed"), Checks.notNull(config, "oracle_config"),
        Checks.notNull(clock, "clock"), Duration.ofSeconds(1));
  }

  /**
   * Starts the loop on a market clock that begins at the service's market time and runs at wall-clock speed (the
   * example markets are dated in the past, and market times may not go back).
   *
   * @param service  the service
   * @param feed  the price feed (its ticks stamped in that market time)
   * @param config  the oracle's guards
   * @param interval  the time between updates
   * @return the running feed
   */
  public static OracleFeed start(MarginService service, PriceFeed feed, OracleConfig config, Duration interval) {
    Instant marketNow = service.engine().snapshot().asOf();
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), marketNow));
    OracleFeed f = new OracleFeed(service, feed, config, clock, interval);
    f.loop.start();
    return f;
  }

  /** One update by hand: polls the feed up to the clock, logs the market event and waits for its commit. */
  public OracleUpdate tick() {
    return loop.tick();
  }

  /** The oracle's last status per underlying (OK or degraded, with the reason). */
  public Map<Asset, AggregatedPrice> status() {
    return status;
  }

  private void publish(OracleUpdate u) {
    status = Map.copyOf(u.prices());
    service.submit(Command.of("oracle-" + u.snapshot().asOf() + "-" + UUID.randomUUID(),
        request(service.engine().snapshot(), u))).join();
  }

  /** The market event of an oracle update, relative to the service's current market. */
  static ObjectNode request(MarketSnapshot current, OracleUpdate u) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("type", "market");
    ObjectNode moves = n.putObject("moves");
    for (UnderlyingMarket m : u.snapshot().underlyings().values()) {
      UnderlyingMarket now = current.underlyings().get(m.underlying());
      if (now != null && m.index() != now.index()) {
        moves.put(m.underlying().code(), m.index() / now.index() - 1);
      }
    }
    Instant at = u.snapshot().asOf().isBefore(current.asOf()) ? current.asOf() : u.snapshot().asOf();
    n.put("at", at.toString());
    var degraded = n.putArray("degraded");
    MarketUpdate.from(u).degraded().stream().filter(a -> current.underlyings().containsKey(a)).map(Asset::code)
        .sorted().forEach(degraded::add);
    return n;
  }

  @Override
  public void close() {
    loop.close();
  }
}
