package org.pmargin.engine.funding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PerpetualFunding;

/**
 * The funding payments of an account at one funding time, from the snapshot in force then: the latest snapshot whose
 * time is at or before the funding time (the engine passes the previous snapshot for a funding time inside a market
 * jump, the new one for a funding time equal to its time). Each perpetual position pays or receives
 * {@link PerpetualFunding#credited} at that snapshot's funding rate and perpetual mark over the schedule's interval;
 * zero amounts (a zero rate) are not reported. Pure and stateless.
 */
public final class FundingCalculator {

  private FundingCalculator() {
  }

  /**
   * The payments.
   *
   * @param account  the account, positions held through the funding time
   * @param time  the funding time
   * @param inForce  the snapshot in force at it
   * @param schedule  the funding schedule
   * @return the payments, in the account's position order
   * @throws InvalidInputException naming the field when the snapshot has no market for a perpetual's underlying
   */
  public static List<FundingPayment> payments(Account account, Instant time, MarketSnapshot inForce,
      FundingSchedule schedule) {
    Checks.notNull(account, "account");
    Checks.notNull(time, "time");
    Checks.notNull(inForce, "snapshot");
    Checks.notNull(schedule, "schedule");
    List<FundingPayment> out = null;
    double hours = schedule.hours();
    for (Position p : account.portfolio().positions()) {
      if (!(p.instrument() instanceof Perpetual perp) || p.quantity() == 0) {
        continue;
      }
      UnderlyingMarket m;
      try {
        m = inForce.underlying(perp.underlying());
      } catch (InvalidInputException e) {
        throw e.within("funding." + perp.symbol());
      }
      double amount = PerpetualFunding.credited(perp, p.quantity(), m.perpetualMark(), m.fundingRate8h(), hours);
      if (amount == 0) {
        continue;
      }
      double usd;
      try {
        usd = amount * inForce.priceUsd(perp.settlementAsset());
      } catch (InvalidInputException e) {
        throw e.within("funding." + perp.symbol());
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(new FundingPayment(account.id(), perp.symbol(), time, p.quantity(), m.fundingRate8h(), hours,
          m.perpetualMark(), amount, perp.settlementAsset(), usd));
    }
    return out == null ? List.of() : out;
  }
}
