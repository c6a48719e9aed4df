package org.pmargin.core.margin;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;

/**
 * What a scenario P&L vector is the P&L of, per unit: one contract of an instrument, or one coin held, valued in a
 * pool's currency. Every position's scenario P&L is {@link #weightOf weight} × the vector of its key, so the vectors
 * of a snapshot can be computed once and shared by every account that holds the instrument (see {@link
 * VectorCache}).
 *
 * <p>Why a coin holding is a key of its own: an inverse perpetual or future valued in USD is worth N·S/E − N·S/M
 * (N USD notional, S index, M mark, E entry). A price move scales S and M together, so its P&L is exactly that of
 * N/E coins held, whatever the mark: the entry price sets the exposure. Such a position shares the coin's vector,
 * with weight N/E, as a coin balance of a unified pool does. Every other position's P&L is linear in its quantity
 * and does not depend on its entry price, so it uses its instrument's vector with weight = quantity.
 *
 * <p>A key is looked up for every position of every account on every price tick, so its hash is computed once,
 * from the instrument's symbol (whose hash the string caches), not from every field of the instrument.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ExposureKey {

  private final Asset underlying;
  private final Instrument instrument;
  private final Asset pool;
  private final int hash;

  /**
   * Creates a key.
   *
   * @param underlying  the coin whose moves drive the vector (its market change invalidates the vector)
   * @param instrument  the instrument, or null for a coin holding
   * @param pool  the currency the vector is in
   */
  public ExposureKey(Asset underlying, Instrument instrument, Asset pool) {
    this.underlying = Checks.notNull(underlying, "underlying");
    this.pool = Checks.notNull(pool, "pool");
    if (instrument != null && !instrument.underlying().equals(underlying)) {
      throw new org.pmargin.core.validation.InvalidInputException("underlying",
          "must be the instrument's underlying " + instrument.underlying() + ", got " + underlying);
    }
    this.instrument = instrument;
    this.hash = (underlying.hashCode() * 31 + (instrument == null ? 0 : instrument.symbol().hashCode())) * 31
        + pool.hashCode();
  }

  /** The coin whose moves drive the vector (its market change invalidates the vector). */
  public Asset underlying() {
    return underlying;
  }

  /** The instrument, or null for a coin holding. */
  public Instrument instrument() {
    return instrument;
  }

  /** The currency the vector is in. */
  public Asset pool() {
    return pool;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ExposureKey k && k.hash == hash && k.underlying.equals(underlying)
        && k.pool.equals(pool) && (k.instrument == instrument || k.instrument != null
            && k.instrument.equals(instrument));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return (instrument == null ? "holding " + underlying : instrument.symbol()) + " in " + pool;
  }

  /** The key of one coin held, valued in a pool's currency. */
  public static ExposureKey holding(Asset coin, Asset pool) {
    return new ExposureKey(coin, null, pool);
  }

  /**
   * The key whose vector a position's P&L is a multiple of.
   *
   * @param position  the position
   * @param pool  the currency of its pool
   * @return the key
   */
  public static ExposureKey of(Position position, Asset pool) {
    Instrument inst = position.instrument();
    if (isInverseDeltaOneInUsd(inst, pool)) {
      return holding(inst.underlying(), pool);
    }
    return new ExposureKey(inst.underlying(), inst, pool);
  }

  /**
   * The multiple of its key's vector that a position's P&L is: N/E coins for an inverse delta-one contract valued in
   * USD, else its quantity in contracts.
   *
   * @param position  the position
   * @param pool  the currency of its pool
   * @return the weight
   */
  public static double weightOf(Position position, Asset pool) {
    Instrument inst = position.instrument();
    if (isInverseDeltaOneInUsd(inst, pool)) {
      return position.quantity() * inst.contractSize() / position.entryPrice();
    }
    return position.quantity();
  }

  /** Whether this key is a coin holding rather than an instrument. */
  public boolean isHolding() {
    return instrument == null;
  }

  /** One contract of the instrument, at a nominal entry price (vectors do not depend on it; see the class doc). */
  public Position unitPosition() {
    Checks.require(instrument != null, "instrument", "a coin holding has no unit position");
    return new Position(instrument, 1.0, 1.0);
  }

  private static boolean isInverseDeltaOneInUsd(Instrument inst, Asset pool) {
    return pool.equals(Asset.USD) && inst.settlement() == Settlement.INVERSE
        && (inst instanceof Perpetual || inst instanceof DatedFuture);
  }
}
