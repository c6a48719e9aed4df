package org.pmargin.engine.oracle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * Replays a historical daily price series as a tick stream from one source: each date's value becomes an index tick
 * stamped at that date's 00:00 UTC. Used to drive the real-time engine over history (backtests of the live path).
 *
 * <p>Not thread-safe.
 */
public final class HistoryReplayFeed implements PriceFeed {

  private final String source;
  private final Asset underlying;
  private final PriceSeries series;
  private int next;

  /**
   * Creates the replay.
   *
   * @param source  the source id to stamp on the ticks
   * @param underlying  the coin the ticks quote (the series' asset may be named differently, e.g. a data file's)
   * @param series  the daily prices
   */
  public HistoryReplayFeed(String source, Asset underlying, PriceSeries series) {
    this.source = Checks.notBlank(source, "source");
    this.underlying = Checks.notNull(underlying, "underlying");
    this.series = Checks.notNull(series, "series");
  }

  /** A replay quoting the series' own asset. */
  public HistoryReplayFeed(String source, PriceSeries series) {
    this(source, Checks.notNull(series, "series").asset(), series);
  }

  /** The time of the i-th tick: that date at 00:00 UTC. */
  public Instant timeOf(int i) {
    return series.date(i).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Override
  public List<PriceTick> poll(Instant upTo) {
    Checks.notNull(upTo, "up_to");
    List<PriceTick> out = new ArrayList<>();
    while (next < series.size() && !timeOf(next).isAfter(upTo)) {
      out.add(PriceTick.index(source, underlying, series.value(next), timeOf(next)));
      next++;
    }
    return out;
  }

  @Override
  public boolean exhausted() {
    return next >= series.size();
  }
}
