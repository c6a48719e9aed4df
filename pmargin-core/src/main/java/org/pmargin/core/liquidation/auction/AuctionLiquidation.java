package org.pmargin.core.liquidation.auction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Runs Derive's Dutch auction ({@link DutchAuction}) on an account of this engine's models, against a rational
 * bidder, so that the auction can be compared with market-order liquidation on the same account and liquidity.
 *
 * <p>Derive's MM is the margin surplus: here equity − maintenance margin of the chosen model (whole account, all
 * pools); MtM is the equity. The bidder takes, at each whole second from the start, the largest fraction the auction
 * allows ({@link DutchAuction#maxProportion}) and bids at the first second at which its expected profit is at least
 * its hurdle: fraction × MtM (the value it receives at mark, positions and cash) − the price it pays − the cost of
 * unwinding those positions in the market (the liquidity model's spread and square-root impact, without the
 * liquidation fee, which is the venue's). The discount grows with time, so the first profitable second is where
 * competing bidders would fill. An auction that reaches price 0 unfilled is converted to insolvent if the account is
 * still below MM; the insolvent bidder takes the whole portfolio when the payment covers its negative value and cost.
 *
 * <p>The account hands over the fraction of every position and every balance and receives the bid's cash in USDC
 * (Derive's cash asset); its start fee is paid from USDC first. Marks do not move during the auction (one snapshot):
 * this measures the mechanism's cost, not the market's.
 */
public final class AuctionLiquidation {

  private final MarginModel model;
  private final LiquidityModel bidderLiquidity;
  private final DutchAuctionParameters parameters;
  private final double bidderHurdleUsd;

  /**
   * @param model  the margin model giving MM
   * @param liquidity  the liquidity model; its fee is dropped for the bidder's unwind cost
   * @param parameters  the auction's parameters (e.g. {@link DutchAuctionParameters#deriveMainnet()})
   * @param bidderHurdleUsd  the least expected profit a bidder bids for, USD, ≥ 0
   */
  public AuctionLiquidation(MarginModel model, LiquidityModel liquidity, DutchAuctionParameters parameters,
      double bidderHurdleUsd) {
    this.model = Checks.notNull(model, "model");
    Checks.notNull(liquidity, "liquidity");
    this.bidderLiquidity = new LiquidityModel(0, liquidity.optionSpread(), liquidity.impactCoefficient(),
        liquidity.dailyVolumeUsd(), liquidity.dailyVol());
    this.parameters = Checks.notNull(parameters, "parameters");
    this.bidderHurdleUsd = Checks.nonNegative(bidderHurdleUsd, "bidder_hurdle_usd");
  }

  /**
   * Auctions an account below maintenance margin.
   *
   * @param account  the account
   * @param market  the snapshot, fixed for the auction
   * @param securityModule  pays insolvent bidders; receives the start fee
   * @return the outcome
   * @throws InvalidInputException when the account is not below maintenance margin (Derive refuses to start)
   */
  public AuctionOutcome run(Account account, MarketSnapshot market, SecurityModule securityModule) {
    MarginResult before = model.margin(account, market);
    double mtm = before.health().equityUsd();
    double mm = mtm - before.maintenanceMarginUsd();
    if (mm >= 0) {
      throw new InvalidInputException("account", account.id() + " is not below maintenance margin (equity "
          + mtm + " USD, MM " + before.maintenanceMarginUsd() + "): Derive does not start an auction");
    }
    Instant t0 = market.asOf();
    DutchAuction auction = DutchAuction.start(parameters, securityModule, mm, mtm, t0);
    double fee = auction.startFee();
    Account current = fee > 0 ? withCash(account, -fee, market) : account;
    // the marks do not move during the auction: value the positions once, cost fractions of them per second
    List<PositionValuation> valuations = new ArrayList<>();
    double[] index = new double[current.portfolio().positions().size()];
    for (Position p : current.portfolio().positions()) {
      index[valuations.size()] = market.underlying(p.instrument().underlying()).index();
      valuations.add(PositionValuer.value(p, market));
    }
    mtm -= fee;
    mm -= fee;
    if (!auction.isInsolvent()) {
      for (long t = 0; t < parameters.solventAuctionLengthSeconds(); t++) {
        Instant now = t0.plusSeconds(t);
        if (auction.status(mm, mtm, now).canTerminate()) {
          break;
        }
        double f = auction.maxProportion(mm, mtm, now);
        if (!(f > 0)) {
          continue;
        }
        double price = auction.currentBidPrice(mm, mtm, now) * f;
        double unwind = unwindCostUsd(valuations, index, f);
        double profit = f * mtm - price - unwind;
        if (profit >= bidderHurdleUsd) {
          AuctionBid bid = auction.bid(f, mm, mtm, now);
          Account after = handOver(current, bid.fractionTaken(), bid.cashFromBidder(), market);
          return outcome(true, false, t, DutchAuctionMath.priceFraction(parameters, t), bid, fee,
              fee + bid.fractionTaken() * mtm - bid.cashFromBidder(), unwind, profit, after, market);
        }
      }
      // unfilled while the price fell to zero; the marks have not moved, so the account is still below MM
      auction.convertToInsolvent(mm, mtm, t0.plusSeconds(parameters.solventAuctionLengthSeconds()));
    }
    Instant start = auction.startTime();
    double unwind = unwindCostUsd(valuations, index, 1);
    for (long t = 0; t <= parameters.insolventAuctionLengthSeconds(); t++) {
      Instant now = start.plusSeconds(t);
      double paid = -auction.currentBidPrice(mm, mtm, now);
      double profit = mtm + paid - unwind;
      if (profit >= bidderHurdleUsd) {
        AuctionBid bid = auction.bid(1, mm, mtm, now);
        Account after = handOver(current, 1, 0, market);
        return outcome(true, true, t, 0, bid, fee, fee + mtm, unwind, profit, after, market);
      }
    }
    return unfilled(current, fee, market);
  }

  private AuctionOutcome outcome(boolean filled, boolean insolvent, long second, double d, AuctionBid bid,
      double fee, double accountLoss, double unwind, double profit, Account after, MarketSnapshot market) {
    return new AuctionOutcome(filled, insolvent, second, d, bid.fractionTaken(), fee, bid.cashFromBidder(),
        bid.cashToBidder(), bid.paidBySecurityModule(), bid.socialisedLoss(), accountLoss, unwind, profit, after,
        model.margin(after, market));
  }

  private AuctionOutcome unfilled(Account current, double fee, MarketSnapshot market) {
    return new AuctionOutcome(false, false, -1, 0, 0, fee, 0, 0, 0, 0, fee, 0, 0, current,
        model.margin(current, market));
  }

  /** The bidder's cost of closing a fraction of every position, from their valuations and indices. */
  private double unwindCostUsd(List<PositionValuation> valuations, double[] index, double fraction) {
    double cost = 0;
    for (int i = 0; i < valuations.size(); i++) {
      cost += bidderLiquidity.closeCostUsd(valuations.get(i), index[i], fraction);
    }
    return cost;
  }

  /** The account after handing over a fraction of everything it holds and receiving cash. */
  private static Account handOver(Account account, double fraction, double cashUsd, MarketSnapshot market) {
    double keep = 1 - fraction;
    Map<Asset, Double> balances = new HashMap<>();
    account.collateral().forEach((a, q) -> balances.put(a, q * keep));
    balances.merge(Asset.USDC, cashUsd / market.priceUsd(Asset.USDC), Double::sum);
    Portfolio rest = keep > 0 ? account.portfolio().scaled(keep) : Portfolio.empty();
    return new Account(account.id(), rest, balances);
  }

  private static Account withCash(Account account, double usd, MarketSnapshot market) {
    Map<Asset, Double> balances = new HashMap<>(account.collateral());
    balances.merge(Asset.USDC, usd / market.priceUsd(Asset.USDC), Double::sum);
    return new Account(account.id(), account.portfolio(), balances);
  }
}
