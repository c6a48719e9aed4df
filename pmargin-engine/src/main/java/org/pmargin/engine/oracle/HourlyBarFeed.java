package org.pmargin.engine.oracle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.history.HourlyBar;

/**
 * Replays hourly OHLC bars as a tick stream from one source, four ticks per bar along the usual OHLC path: the open
 * at :00, then the extreme the bar reached first at :15 (the high of a falling bar, the low of a rising one), the
 * other extreme at :45, and the close at :59:59. The order of the extremes inside a bar is not recorded, so this is
 * the conventional guess; it lets a replay see the intra-hour lows a crash reaches, not only hourly closes.
 *
 * <p>Not thread-safe.
 */
public final class HourlyBarFeed implements PriceFeed {

  private final String source;
  private final Asset underlying;
  private final List<PriceTick> ticks;
  private int next;

  /**
   * Creates the replay.
   *
   * @param source  the source id to stamp on the ticks
   * @param underlying  the coin the bars quote
   * @param bars  the bars, in time order
   */
  public HourlyBarFeed(String source, Asset underlying, List<HourlyBar> bars) {
    this.source = Checks.notBlank(source, "source");
    this.underlying = Checks.notNull(underlying, "underlying");
    Checks.notNull(bars, "bars");
    List<PriceTick> out = new ArrayList<>(bars.size() * 4);
    Instant last = Instant.MIN;
    for (int i = 0; i < bars.size(); i++) {
      HourlyBar b = Checks.notNull(bars.get(i), "bars[" + i + "]");
      if (!b.open().isAfter(last)) {
        throw new org.pmargin.core.validation.InvalidInputException("bars[" + i + "].open",
            "must be after the previous bar's, got " + b.open());
      }
      last = b.open();
      boolean falling = b.close() < b.openPrice();
      out.add(tick(b.openPrice(), b.open()));
      out.add(tick(falling ? b.high() : b.low(), b.open().plusSeconds(15 * 60)));
      out.add(tick(falling ? b.low() : b.high(), b.open().plusSeconds(45 * 60)));
      out.add(tick(b.close(), b.open().plusSeconds(3_599)));
    }
    this.ticks = List.copyOf(out);
  }

  private PriceTick tick(double price, Instant at) {
    return PriceTick.index(source, underlying, price, at);
  }

  @Override
  public List<PriceTick> poll(Instant upTo) {
    Checks.notNull(upTo, "up_to");
    int from = next;
    while (next < ticks.size() && !ticks.get(next).timestamp().isAfter(upTo)) {
      next++;
    }
    return ticks.subList(from, next);
  }

  @Override
  public boolean exhausted() {
    return next >= ticks.size();
  }
}
