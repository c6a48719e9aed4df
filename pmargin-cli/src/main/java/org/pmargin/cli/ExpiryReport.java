package org.pmargin.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pmargin.core.expiry.ExpirySettlement;
import org.pmargin.core.expiry.SettledAccount;
import org.pmargin.core.expiry.SettledPosition;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;

/**
 * Settles a portfolio's expired positions before {@code greeks}, {@code margin} and {@code stress} value the rest
 * ({@link ExpirySettlement}, at the market file's {@code delivery_prices}; an expired position without one is refused,
 * naming it), and prints what was settled.
 */
final class ExpiryReport {

  private ExpiryReport() {
  }

  /** Settles the account against the snapshot; an error names the position and the portfolio file. */
  static SettledAccount settle(Account account, MarketSnapshot snapshot, Path portfolio) {
    return GreeksCommand.withFile(portfolio, () -> ExpirySettlement.settle(account, snapshot));
  }

  /** One line per settlement, then a blank line; nothing when none. */
  static void print(List<SettledPosition> settlements, PrintWriter out) {
    for (SettledPosition s : settlements) {
      out.println(line(s.position().instrument().symbol(), s.position().quantity(), s.deliveryPrice().price(),
          s.amount(), s.currency().code(), s.amountUsd()) + " (" + s.deliveryPrice().source() + ")");
    }
    if (!settlements.isEmpty()) {
      out.println();
    }
  }

  /**
   * {@code settled BTC-14JUN24-60000-C ×10 at 66,012.34: +0.90890452 BTC (+60,012.34 USD)}: coin amounts to 8
   * decimals, USD and stablecoins to 2.
   */
  static String line(String instrument, double quantity, double price, double amount, String currency,
      double amountUsd) {
    boolean usdLike = currency.equals("USD") || currency.startsWith("USD");
    return String.format(Locale.ROOT, "settled %s \u00d7%s at %,.2f: %+,." + (usdLike ? 2 : 8) + "f %s%s",
        instrument, BigDecimal.valueOf(quantity).stripTrailingZeros().toPlainString(), price, amount, currency,
        usdLike ? "" : String.format(Locale.ROOT, " (%+,.2f USD)", amountUsd));
  }
}
