package org.pmargin.engine.oracle;

import java.time.Instant;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * One price observation from one source: the raw input of the oracle. An {@link Kind#INDEX} tick quotes the
 * underlying's spot (index constituent); a {@link Kind#PERPETUAL} tick quotes the perpetual, used only for the
 * smoothed basis of the perpetual mark.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param source  the source id (an exchange or feed name), not blank
 * @param underlying  the coin quoted
 * @param kind  what is quoted
 * @param price  the USD price, finite and &gt; 0
 * @param timestamp  when the source observed the price, UTC
 */
public record PriceTick(String source, Asset underlying, Kind kind, double price, Instant timestamp) {

  /** What a tick quotes. */
  public enum Kind {
    /** The spot price of the underlying: an index constituent. */
    INDEX,
    /** The price of the underlying's perpetual swap. */
    PERPETUAL
  }

  /** Validates the fields. */
  public PriceTick {
    Checks.notBlank(source, "source");
    Checks.notNull(underlying, "underlying");
    Checks.notNull(kind, "kind");
    Checks.positive(price, "price");
    Checks.notNull(timestamp, "timestamp");
  }

  /** An index tick. */
  public static PriceTick index(String source, Asset underlying, double price, Instant timestamp) {
    return new PriceTick(source, underlying, Kind.INDEX, price, timestamp);
  }

  /** A perpetual tick. */
  public static PriceTick perpetual(String source, Asset underlying, double price, Instant timestamp) {
    return new PriceTick(source, underlying, Kind.PERPETUAL, price, timestamp);
  }
}
