package org.pmargin.core.margin.simulation;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PerpetualFunding;

/**
 * The known funding of the margin period of risk: what each perpetual position of a pool would pay over the next
 * {@code hours} at the current rate and mark ({@link PerpetualFunding}), charged per underlying as the component
 * {@code funding_provision:X}, in full in both the initial and the maintenance margin (Paradex's funding provision,
 * not scaled by the IM/MM factors).
 *
 * <p>Adversarial: a position that would receive funding gets no credit, and paying and receiving positions do not
 * offset, because the rate can flip sign within the horizon (a crash turns it negative within hours) and a
 * receiving position's credit would then be a loss. A position's payment in a unified USD pool is its settlement
 * amount at par for a linear perpetual (as the valuer counts stablecoin P&amp;L) and its coin amount × the index for
 * an inverse one.
 */
final class FundingProvision {

  private FundingProvision() {
  }

  /**
   * Adds the pool's funding charges to the sheet (nothing when no position pays, or {@code hours} is 0).
   *
   * @param sheet  the pool's sheet
   * @param book  the pool
   * @param market  the snapshot
   * @param hours  the horizon, hours
   */
  static void charge(ChargeSheet sheet, PoolBook book, MarketSnapshot market, double hours) {
    if (hours == 0) {
      return;
    }
    Map<Asset, Double> paid = null;
    for (int i = 0; i < book.positions().size(); i++) {
      Position p = book.positions().get(i);
      if (!(p.instrument() instanceof Perpetual perp)) {
        continue;
      }
      UnderlyingMarket m;
      try {
        m = market.underlying(perp.underlying());
      } catch (InvalidInputException e) {
        throw e.within("positions[" + perp.symbol() + "]");
      }
      double pays = -PerpetualFunding.credited(perp, p.quantity(), m.perpetualMark(), m.fundingRate8h(), hours);
      if (!(pays > 0)) {
        continue; // receiving (or nothing): no credit, the rate may flip
      }
      boolean toUsd = book.currency().equals(Asset.USD) && perp.settlement() == Settlement.INVERSE;
      double inPool = toUsd ? pays * m.index() : pays;
      if (paid == null) {
        paid = new TreeMap<>();
      }
      paid.merge(perp.underlying(), inPool, Double::sum);
    }
    if (paid == null) {
      return;
    }
    String ccy = book.currency().code();
    for (Map.Entry<Asset, Double> e : paid.entrySet()) {
      double amount = e.getValue();
      UnderlyingMarket m = market.underlying(e.getKey());
      sheet.add("funding_provision", ":" + e.getKey(), amount, amount, () -> String.format(Locale.ROOT,
          "%s perpetuals: funding paid over the next %s h at the current rate %s%%/8h and mark %.6g, %.6g %s "
              + "(positions that would receive get no credit)", e.getKey(), plain(hours),
          plain(m.fundingRate8h() * 100), m.perpetualMark(), amount, ccy));
    }
  }

  /** A number without trailing zeros (24, 0.03). */
  private static String plain(double x) {
    return java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
  }
}
