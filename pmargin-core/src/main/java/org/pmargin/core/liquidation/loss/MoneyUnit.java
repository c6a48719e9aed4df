package org.pmargin.core.liquidation.loss;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A settlement asset's smallest money unit (USDC 1e-6, BTC 1e-8), so that loss accounting is exact integer arithmetic
 * in minor units and "conservation to the smallest money unit" holds with no floating drift.
 *
 * <p>Conversion from a decimal amount rounds in a stated direction: deficits are rounded <em>up</em> (against whoever
 * covers them, never leaving a sub-unit loss uncovered), credits are rounded <em>down</em>. After conversion every
 * amount is a {@code long}; nothing further is rounded except the explicit pro-rata splits, whose residue is allocated.
 *
 * @param asset  the settlement asset, e.g. {@code USDC}
 * @param scale  decimal places of the minor unit, 0 to 18 (USDC 6, BTC 8)
 */
public record MoneyUnit(String asset, int scale) {

  /** USDC, 6 decimals. */
  public static final MoneyUnit USDC = new MoneyUnit("USDC", 6);
  /** BTC, 8 decimals (satoshi). */
  public static final MoneyUnit BTC = new MoneyUnit("BTC", 8);

  /** Validates the asset name and the scale. */
  public MoneyUnit {
    if (asset == null || asset.isBlank()) {
      throw new InvalidInputException("asset", "must be named");
    }
    if (scale < 0 || scale > 18) {
      throw new InvalidInputException("scale", "must be 0 to 18, got " + scale);
    }
  }

  /** A decimal string amount (e.g. {@code "1234.567891"}) in minor units, rounded up (a deficit). */
  public long deficitToMinor(String amount) {
    return toMinor(parse(amount), RoundingMode.CEILING);
  }

  /** A decimal amount in minor units, rounded up (a deficit: never under-covered). */
  public long deficitToMinor(double amount) {
    return toMinor(finite(amount), RoundingMode.CEILING);
  }

  /** A decimal amount in minor units, rounded down (a credit or a balance: never over-paid). */
  public long creditToMinor(double amount) {
    return toMinor(finite(amount), RoundingMode.FLOOR);
  }

  /** A decimal string amount in minor units, rounded down (a credit or a balance). */
  public long creditToMinor(String amount) {
    return toMinor(parse(amount), RoundingMode.FLOOR);
  }

  /** Minor units as an exact decimal in the asset, e.g. 1234567891 USDC minor units → 1234.567891. */
  public BigDecimal toDecimal(long minor) {
    return BigDecimal.valueOf(minor, scale);
  }

  private long toMinor(BigDecimal amount, RoundingMode mode) {
    try {
      return amount.movePointRight(scale).setScale(0, mode).longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException("amount", "does not fit in minor units of " + asset + ": " + amount, e);
    }
  }

  private static BigDecimal finite(double amount) {
    if (!Double.isFinite(amount)) {
      throw new InvalidInputException("amount", "must be finite, got " + amount);
    }
    return new BigDecimal(Double.toString(amount));
  }

  private static BigDecimal parse(String amount) {
    try {
      return new BigDecimal(amount);
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidInputException("amount", "not a decimal number: " + amount, e);
    }
  }
}
