package org.pmargin.core.instrument;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Builds instruments from symbols in Deribit's naming convention, with Deribit's contract specifications as
 * defaults.
 *
 * <ul>
 *   <li>{@code BTC-PERPETUAL}: inverse perpetual, 10 USD per contract (ETH and others: 1 USD).</li>
 *   <li>{@code BTC_USDC-PERPETUAL}: linear perpetual in USDC, 0.001 BTC per contract (others: 0.01 coin).</li>
 *   <li>{@code BTC-28JUN24}: inverse dated future expiring 28 June 2024 at 08:00 UTC.</li>
 *   <li>{@code BTC-28JUN24-70000-C}: coin-settled European call, 1 BTC per contract; a {@code d} in the strike
 *       is a decimal point ({@code 0d625}).</li>
 *   <li>{@code BTC_USDC-28JUN24-70000-P}: USDC-settled European put, 0.01 BTC per contract.</li>
 *   <li>{@code BTC_USDC} or {@code BTC/USD}: spot.</li>
 * </ul>
 * Expiries are at 08:00 UTC, as on Deribit. A position file can always define an instrument in full instead.
 */
public final class DeribitSymbols {

  /** Deribit's expiry time of day, UTC. */
  public static final int EXPIRY_HOUR_UTC = 8;

  private static final Pattern SPOT = Pattern.compile("([A-Z0-9]+)[_/]([A-Z0-9]+)");
  private static final Pattern DERIV = Pattern.compile(
      "([A-Z0-9]+)(?:_([A-Z0-9]+))?-(PERPETUAL|\\d{1,2}[A-Z]{3}\\d{2})(?:-(\\d+(?:d\\d+)?)-([CP]))?");
  // Strict resolution: 30FEB24 is an error, not 29 February.
  private static final DateTimeFormatter EXPIRY = new DateTimeFormatterBuilder()
      .parseCaseInsensitive().appendPattern("d").appendPattern("MMM")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 2000)
      .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);

  private DeribitSymbols() {
  }

  /**
   * Parses a symbol into an instrument with Deribit's default contract specification.
   *
   * @param symbol  the symbol
   * @return the instrument
   * @throws InvalidInputException naming {@code instrument} when the symbol is not understood
   */
  public static Instrument parse(String symbol) {
    if (symbol == null || symbol.isBlank()) {
      throw new InvalidInputException("instrument", "is required");
    }
    String s = symbol.trim();
    Matcher d = DERIV.matcher(s);
    if (d.matches()) {
      Asset coin = Asset.of(d.group(1));
      boolean linear = d.group(2) != null;
      Asset quote = linear ? Asset.of(d.group(2)) : Asset.USD;
      Settlement settlement = linear ? Settlement.LINEAR : Settlement.INVERSE;
      String tenor = d.group(3);
      if (tenor.equals("PERPETUAL")) {
        return new Perpetual(s, coin, quote, settlement, deltaOneSize(coin, linear), deltaOneTick(coin, linear));
      }
      Instant expiry = expiry(tenor, s);
      if (d.group(4) == null) {
        return new DatedFuture(s, coin, quote, settlement, deltaOneSize(coin, linear), deltaOneTick(coin, linear),
            expiry);
      }
      double strike = Double.parseDouble(d.group(4).replace('d', '.'));
      OptionType type = d.group(5).equals("C") ? OptionType.CALL : OptionType.PUT;
      double size = linear ? (coin.equals(Asset.BTC) ? 0.01 : 0.1) : 1.0;
      double tick = linear ? 0.5 : 0.0001;
      return new EuropeanOption(s, coin, quote, settlement, type, strike, expiry, size, tick);
    }
    Matcher m = SPOT.matcher(s);
    if (m.matches()) {
      Asset base = Asset.of(m.group(1));
      Asset quote = Asset.of(m.group(2));
      return new Spot(s, base, quote, 0.01);
    }
    throw new InvalidInputException("instrument",
        "symbol '" + symbol + "' is not in Deribit's form (BTC-PERPETUAL, BTC-28JUN24, BTC-28JUN24-70000-C, "
            + "BTC_USDC-PERPETUAL, BTC_USDC); define the instrument in full instead");
  }

  /** Formats an expiry date as Deribit does in symbols, e.g. {@code 28JUN24}. */
  public static String expiryCode(Instant expiry) {
    LocalDate date = expiry.atOffset(ZoneOffset.UTC).toLocalDate();
    return date.format(EXPIRY).toUpperCase(Locale.ROOT);
  }

  private static Instant expiry(String code, String symbol) {
    try {
      LocalDate date = LocalDate.parse(code, EXPIRY);
      return date.atTime(EXPIRY_HOUR_UTC, 0).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("instrument", "bad expiry '" + code + "' in symbol '" + symbol + "'", e);
    }
  }

  private static double deltaOneSize(Asset coin, boolean linear) {
    if (linear) {
      return coin.equals(Asset.BTC) ? 0.001 : 0.01;
    }
    return coin.equals(Asset.BTC) ? 10.0 : 1.0;
  }

  private static double deltaOneTick(Asset coin, boolean linear) {
    if (coin.equals(Asset.BTC)) {
      return linear ? 1.0 : 0.5;
    }
    return linear ? 0.1 : 0.05;
  }
}
