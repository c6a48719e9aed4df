package org.pmargin.data.history;

import java.time.Instant;
import org.pmargin.core.validation.Checks;

/**
 * One hourly OHLCV bar of {@code hourly/<SYMBOL>_1h.csv} (Binance spot, quoted in USDT), after cleaning.
 *
 * @param open  the bar's open time (the 10:00 bar covers 10:00-11:00 UTC)
 * @param openPrice  the open, USDT
 * @param high  the high, USDT
 * @param low  the low, USDT
 * @param close  the close, USDT
 * @param volumeBase  the volume in the base asset
 * @param line  the line in the file, for messages
 */
public record HourlyBar(Instant open, double openPrice, double high, double low, double close, double volumeBase,
    int line) {

  /** Validates the fields. */
  public HourlyBar {
    Checks.notNull(open, "open");
    Checks.positive(openPrice, "openPrice");
    Checks.positive(high, "high");
    Checks.positive(low, "low");
    Checks.positive(close, "close");
    Checks.nonNegative(volumeBase, "volumeBase");
  }
}
