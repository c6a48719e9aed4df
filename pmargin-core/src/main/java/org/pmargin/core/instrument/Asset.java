package org.pmargin.core.instrument;

import java.util.regex.Pattern;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A currency or token, identified by its upper-case ticker ({@code BTC}, {@code ETH}, {@code USDC}).
 *
 * <p>{@link #USD} is the unit of account: every USD figure the engine prints is in US dollars, and a USD-pegged
 * stablecoin is a separate asset with its own price (it can depeg).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param code  the ticker: 1 to 16 upper-case letters, digits or underscores
 */
public record Asset(String code) implements Comparable<Asset> {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,16}");

  /** US dollar, the unit of account. */
  public static final Asset USD = new Asset("USD");
  /** USD Coin. */
  public static final Asset USDC = new Asset("USDC");
  /** Tether. */
  public static final Asset USDT = new Asset("USDT");
  /** Bitcoin. */
  public static final Asset BTC = new Asset("BTC");
  /** Ether. */
  public static final Asset ETH = new Asset("ETH");

  /** Validates the code. */
  public Asset {
    Checks.notBlank(code, "asset");
    if (!CODE.matcher(code).matches()) {
      throw new InvalidInputException("asset", "must be 1-16 upper-case letters, digits or '_', got '" + code + "'");
    }
  }

  /** The asset with this ticker (case-insensitive). */
  public static Asset of(String code) {
    Checks.notBlank(code, "asset");
    return new Asset(code.trim().toUpperCase(java.util.Locale.ROOT));
  }

  @Override
  public int compareTo(Asset other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
