package org.pmargin.core.stress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Replays a crash window on today's account as a path of stresses: for every day of the window, each asset's
 * cumulative log return from the close before the window to that day's close.
 *
 * <p>Two readings of a window are reported, because they differ: the <b>holding-period</b> move (the last day of the
 * path) and the <b>worst point</b> (the day on which this account's P&L is lowest; a window that ends after a rebound,
 * such as USDC/SVB in March 2023, hides its stress from the holding period). Margin uses the worst point.
 *
 * <p>Conventions: coins without data for the window follow BTC (the market factor); stablecoins without data stay at
 * their price. Implied vols move by the log change of the coin's vol index (DVOL) over the same days; coins without
 * an index follow BTC's; before DVOL existed (2021-03-24) vols are assumed up 50% on days when BTC is more than 10%
 * below its pre-window close and unchanged otherwise.
 */
public final class CrashReplay {

  /** The vol assumed where no vol index covers the window: × 1.5 when BTC is down more than 10%. */
  public static final double FALLBACK_VOL_FACTOR = 1.5;

  private CrashReplay() {
  }

  /**
   * The daily path of a window.
   *
   * @param window  the window
   * @param prices  USD price series of the coins (and stablecoins) available
   * @param volIndices  vol-index level series by coin (e.g. BTC → BTC DVOL)
   * @return one scenario per day of the window with data, in date order
   * @throws InvalidInputException naming {@code history} when BTC has no data for the window
   */
  public static List<StressScenario> path(CrashWindow window, List<PriceSeries> prices,
      Map<Asset, PriceSeries> volIndices) {
    PriceSeries btc = prices.stream().filter(p -> p.asset().equals(Asset.BTC)).findFirst()
        .orElseThrow(() -> new InvalidInputException("history", "no BTC price series to replay " + window.id()));
    List<StressScenario> out = new ArrayList<>();
    int startIdx = btc.indexOf(window.start());
    if (startIdx < 1) {
      throw new InvalidInputException("history", "BTC has no close before " + window.start() + " for " + window.id());
    }
    for (int i = startIdx; i < btc.size() && !btc.date(i).isAfter(window.end()); i++) {
      LocalDate day = btc.date(i);
      Map<Asset, Double> returns = new LinkedHashMap<>();
      for (PriceSeries s : prices) {
        Double r = cumulative(s, window.start().minusDays(1), day);
        if (r != null) {
          returns.put(s.asset(), r);
        }
      }
      double btcReturn = returns.get(Asset.BTC);
      Map<Asset, Double> vols = new LinkedHashMap<>();
      for (Map.Entry<Asset, PriceSeries> v : volIndices.entrySet()) {
        Double c = cumulative(v.getValue(), window.start().minusDays(1), day);
        if (c != null) {
          vols.put(v.getKey(), c);
        }
      }
      double otherVol = vols.containsKey(Asset.BTC) ? vols.get(Asset.BTC)
          : btcReturn < Math.log(0.9) ? Math.log(FALLBACK_VOL_FACTOR) : 0.0;
      out.add(new StressScenario(window.id() + ":" + day, window.description(), returns, vols, btcReturn, otherVol));
    }
    return out;
  }

  private static Double cumulative(PriceSeries s, LocalDate from, LocalDate to) {
    int a = s.indexOf(from);
    int b = s.indexOf(to);
    if (a < 0 || b < 0) {
      return null;
    }
    return Math.log(s.value(b) / s.value(a));
  }

  /**
   * The two readings of a window for an account.
   *
   * @param account  the account
   * @param market  today's snapshot
   * @param path  the window's daily path
   * @param haircuts  the collateral schedule
   * @return {@code [holding period, worst point]}
   */
  public static StressResult[] replay(Account account, MarketSnapshot market, List<StressScenario> path,
      HaircutSchedule haircuts) {
    if (path.isEmpty()) {
      throw new InvalidInputException("history", "an empty crash path");
    }
    List<StressResult> results = StressTest.run(account, market, path, haircuts);
    StressResult worst = results.get(0);
    for (StressResult r : results) {
      if (r.pnlUsd() < worst.pnlUsd()) {
        worst = r;
      }
    }
    return new StressResult[] {results.get(results.size() - 1), worst};
  }
}
