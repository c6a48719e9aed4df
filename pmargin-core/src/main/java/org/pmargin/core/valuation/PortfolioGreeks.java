package org.pmargin.core.valuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;

/**
 * An account's positions valued and their Greeks aggregated per underlying.
 *
 * <p>A coin balance adds its amount to the delta of the underlying of that name (a BTC balance is long BTC);
 * balances in assets that are not underlyings of the snapshot (stablecoins) carry no Greeks.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param accountId  the account
 * @param positions  every position's valuation, in the portfolio's order
 * @param byUnderlying  the aggregates, one per underlying with a position or a coin balance, in ticker order
 */
public record PortfolioGreeks(String accountId, List<PositionValuation> positions,
    List<UnderlyingGreeks> byUnderlying) {

  /** Copies the lists. */
  public PortfolioGreeks {
    positions = List.copyOf(positions);
    byUnderlying = List.copyOf(byUnderlying);
  }

  /**
   * Values an account and aggregates its Greeks.
   *
   * @param account  the account
   * @param market  the snapshot
   * @return the valuations and aggregates
   */
  public static PortfolioGreeks of(Account account, MarketSnapshot market) {
    List<PositionValuation> valuations = new ArrayList<>();
    Map<Asset, double[]> sums = new LinkedHashMap<>();
    for (Asset a : market.underlyings().keySet()) {
      if (account.balance(a) != 0) {
        sums.computeIfAbsent(a, k -> new double[9])[7] += account.balance(a);
      }
    }
    for (int i = 0; i < account.portfolio().positions().size(); i++) {
      Position p = account.portfolio().positions().get(i);
      PositionValuation v;
      try {
        v = PositionValuer.value(p, market);
      } catch (org.pmargin.core.validation.InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      valuations.add(v);
      double[] s = sums.computeIfAbsent(p.instrument().underlying(), k -> new double[9]);
      s[0] += v.delta();
      s[1] += v.gamma();
      s[2] += v.vega();
      s[3] += v.theta();
      s[4] += v.vanna();
      s[5] += v.volga();
      if (p.instrument().settlement() == Settlement.INVERSE) {
        s[6] += v.settlementDelta();
      }
    }
    List<UnderlyingGreeks> out = new ArrayList<>();
    sums.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      double[] s = e.getValue();
      double index = market.priceUsd(e.getKey()); // the index of an underlying, the listed price of other assets
      double delta = s[0] + s[7];
      out.add(new UnderlyingGreeks(e.getKey(), index, delta, delta * index, s[1], s[1] * index * index / 100,
          s[2], s[3], s[4], s[5], s[7], s[6]));
    });
    return new PortfolioGreeks(account.id(), valuations, out);
  }
}
