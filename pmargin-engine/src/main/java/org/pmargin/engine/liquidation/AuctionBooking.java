package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.liquidation.auction.AuctionLiquidation;
import org.pmargin.core.liquidation.auction.AuctionOutcome;
import org.pmargin.core.liquidation.auction.DutchAuctionParameters;
import org.pmargin.core.liquidation.auction.SecurityModule;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.LiquidationStepBooked;

/**
 * Books Derive's Dutch auction ({@link AuctionLiquidation}, mainnet parameters) on a solvent account below
 * maintenance margin, for the {@link LiquidationMechanism#AUCTION auction} mechanism.
 *
 * <p>The auction runs on the event's snapshot: the bidder fills at the first second its discount pays for its
 * unwind. The account pays the start fee (rounded down to the micro-dollar) into the insurance fund, which plays the
 * security module, then hands the bidder the sold fraction of every position and balance, the fee's debit included,
 * and receives the bid's cash; both as USD balances, the engine's loss-money convention ({@link Transfers}). The
 * step's cost is the fee plus the value handed over at the mark less the cash received, so that accounts and fund
 * together lose exactly the bidder's discount, the auction's market cost.
 */
final class AuctionBooking {

  private AuctionBooking() {
  }

  /**
   * What the auction booked.
   *
   * @param after  the account after
   * @param health  its health, margined on the snapshot
   * @param step  the journal record of the auction as one step
   * @param feeUsd  the start fee the auction asked, USD
   * @param feeCharged  what the account paid into the fund, micro-USD
   */
  record Booked(Account after, AccountHealth health, LiquidationStepBooked step, double feeUsd, long feeCharged) {
  }

  /**
   * Auctions the account, or returns null when no bidder fills within the solvent auction (the caller falls back to
   * market slices).
   */
  static Booked run(long seq, Account account, AccountHealth before, int stepNumber, MarginModel model,
      LiquidityModel liquidity, MarketSnapshot market, LiquidationBook book) {
    AuctionOutcome o = new AuctionLiquidation(model, liquidity, DutchAuctionParameters.deriveMainnet(), 0)
        .run(account, market, new SecurityModule(0));
    if (!o.filled() || o.insolvent()) {
      return null;
    }
    long charged = LossResolver.UNIT.creditToMinor(o.startFeeUsd());
    Account paid = Transfers.credit(account, -charged / 1e6);
    double f = o.fractionSold();
    Account after = Transfers.credit(handOver(paid, f), o.cashFromBidderUsd());
    AccountHealth health = book.margin(after);
    double cost = charged / 1e6 + Transfers.valueUsd(paid, market) - Transfers.valueUsd(after, market);
    List<LiquidatedPart> parts = new ArrayList<>();
    for (Position p : account.portfolio().positions()) {
      double q = -p.quantity() * f;
      parts.add(new LiquidatedPart(p.instrument().symbol(), q, PositionValuer.value(p, market).markPrice(),
          AccountLiquidation.notionalUsd(p.instrument(), q, market), 0));
    }
    String description = String.format(Locale.ROOT, "dutch auction: %.2f%% of the portfolio at %.2f%% of MtM after "
        + "%d s, start fee %.2f USD", 100 * f, 100 * o.priceFraction(), o.bidSecond(), charged / 1e6);
    LiquidationStepBooked step = new LiquidationStepBooked(seq, account.id(), stepNumber, "auction", description,
        parts, cost, before.equityUsd(), health.equityUsd(), before.maintenanceMarginUsd(),
        health.maintenanceMarginUsd(), market.version(), String.format(Locale.ROOT, "equity %,.2f USD < MM %,.2f USD",
            before.equityUsd(), before.maintenanceMarginUsd()));
    return new Booked(after, health, step, o.startFeeUsd(), charged);
  }

  /** The account keeping 1 − f of every position and balance. */
  private static Account handOver(Account a, double f) {
    double keep = 1 - f;
    Map<Asset, Double> c = new TreeMap<>();
    a.collateral().forEach((asset, q) -> c.put(asset, q * keep));
    Portfolio rest = keep > 0 ? a.portfolio().scaled(keep) : Portfolio.empty();
    return new Account(a.id(), rest, c);
  }
}
