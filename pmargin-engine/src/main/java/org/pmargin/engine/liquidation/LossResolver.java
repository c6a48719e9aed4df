package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.liquidation.loss.AdlCandidate;
import org.pmargin.core.liquidation.loss.AdlFill;
import org.pmargin.core.liquidation.loss.AdlRanking;
import org.pmargin.core.liquidation.loss.AutoDeleveraging;
import org.pmargin.core.liquidation.loss.BankruptPosition;
import org.pmargin.core.liquidation.loss.InsuranceFund;
import org.pmargin.core.liquidation.loss.MoneyUnit;
import org.pmargin.core.liquidation.loss.Side;
import org.pmargin.core.liquidation.loss.SocialisedLoss;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.LossEntry;

/**
 * The engine's loss waterfall (METHODOLOGY "Liquidation in the engine"): the insurance fund, fed by the liquidation
 * fees, then auto-deleveraging of the opposite positions of other accounts ranked by PnL% × leverage ({@link
 * AdlRanking}) at the bankruptcy price, then socialised loss over the accounts with positive equity, then the
 * backstop book's takeover of whatever the bankrupt account still holds. All money is in exact minor units of USD
 * ({@link #UNIT}, 1e-6 USD) moved as USD balances; positions move at the mark. So per bankruptcy: deficit = fund draw
 * + ADL + socialised + uncovered, and the sum of all accounts' values, the backstop book's and the fund is unchanged.
 *
 * <p>Not thread-safe: the engine calls it under its write lock.
 */
public final class LossResolver {

  /** The engine's money unit for losses: micro-USD. */
  public static final MoneyUnit UNIT = new MoneyUnit("USD", 6);
  /** ADL lots: 1e-8 contracts (the smallest quantity ADL splits a deficit over). */
  private static final double LOTS = 1e8;

  private InsuranceFund fund;
  /** The books the backstop has taken over, one per takeover, at their entries (their value at the mark counts). */
  private final List<Account> backstop = new ArrayList<>();
  private long adlFills;
  private long drawn;
  private long socialised;
  private long uncovered;
  private long feesCollected;
  private long takeovers;

  /**
   * A resolver with a starting fund.
   *
   * @param initialFundUsd  the fund's starting balance, USD ≥ 0 (rounded down to 1e-6)
   */
  public LossResolver(double initialFundUsd) {
    this.fund = new InsuranceFund(UNIT, UNIT.creditToMinor(initialFundUsd));
  }

  /**
   * The resolver's state, for the engine's state export: the fund's balance in minor units, the backstop's books
   * (in order) and the running totals.
   *
   * @param fundBalance  the insurance fund, micro-USD
   * @param backstop  the backstop's books, one per takeover
   * @param totals  adlFills, drawn, socialised, uncovered, feesCollected, takeovers, in that order
   */
  public record State(long fundBalance, List<Account> backstop, long[] totals) {
  }

  /** This resolver's state (see {@link State}). */
  public State exportState() {
    return new State(fund.balance(), List.copyOf(backstop), new long[] {adlFills, drawn, socialised, uncovered,
        feesCollected, takeovers});
  }

  /** Puts back a state from {@link #exportState()} (on a fresh resolver). */
  void restore(State s) {
    fund = new InsuranceFund(UNIT, s.fundBalance());
    backstop.clear();
    backstop.addAll(s.backstop());
    long[] t = s.totals();
    adlFills = t[0];
    drawn = t[1];
    socialised = t[2];
    uncovered = t[3];
    feesCollected = t[4];
    takeovers = t[5];
  }

  /** What a resolution touched: the accounts changed (by index, in the order first touched) and the journal. */
  record Resolved(Map<Integer, Account> changed, List<LossEntry> entries, long uncovered) {
  }

  /** Pays a charged liquidation fee into the fund and journals it. */
  LossEntry fee(long seq, String accountId, int step, double configuredUsd, long charged, long version) {
    fund = fund.deposit(charged);
    feesCollected += charged;
    return new LossEntry(seq, "fee", accountId, "", "", 0, 0, charged, fund.balance(), version,
        String.format(Locale.ROOT, "liquidation step %d: fee %s USD of the configured %.6f USD", step,
            UNIT.toDecimal(charged).toPlainString(), configuredUsd));
  }

  /**
   * Resolves a bankrupt account: covers its deficit (−value at the mark) by the fund, ADL and socialised loss, then
   * moves what it still holds to the backstop book.
   *
   * @param seq  the event
   * @param i  the bankrupt account's index
   * @param book  the engine's accounts (the bankrupt one as its liquidation left it)
   * @param equityLeft  each other account's equity available to absorb losses, minor units, by index; updated
   * @param changed  the accounts changed so far in this event, by index (not yet committed); updated
   * @param why  the bankruptcy's reason
   * @return the journal and the uncovered rest ({@code changed} holds the accounts after)
   */
  Resolved resolve(long seq, int i, LiquidationBook book, Map<Integer, Long> equityLeft,
      Map<Integer, Account> changed, String why) {
    MarketSnapshot market = book.snapshot();
    long version = market.version();
    List<LossEntry> entries = new ArrayList<>();
    Account a = changed.getOrDefault(i, book.account(i));
    String id = a.id();
    double value = Transfers.valueUsd(a, market);
    long deficit = value < 0 ? UNIT.deficitToMinor(-value) : 0;
    long draw = fund.drawable(deficit);
    fund = fund.afterDraw(deficit);
    drawn += draw;
    if (draw > 0) {
      entries.add(new LossEntry(seq, "fund_draw", id, "", "", 0, 0, draw, fund.balance(), version, String.format(
          Locale.ROOT, "insurance fund covers %s of the %s USD deficit (%s)", UNIT.toDecimal(draw).toPlainString(),
          UNIT.toDecimal(deficit).toPlainString(), why)));
    }
    long covered = draw;
    long remaining = deficit - draw;
    // ADL: the remaining deficit over the delta-one positions, pro rata to their USD notional.
    List<Position> adlable = new ArrayList<>();
    List<SocialisedLoss.AccountEquity> weights = new ArrayList<>();
    for (Position p : a.portfolio().positions()) {
      if (!(p.instrument() instanceof EuropeanOption) && !(p.instrument() instanceof Spot)) {
        long notional = UNIT.creditToMinor(AccountLiquidation.notionalUsd(p.instrument(), p.quantity(), market));
        if (notional > 0 && Math.round(Math.abs(p.quantity()) * LOTS) > 0) {
          adlable.add(p);
          weights.add(new SocialisedLoss.AccountEquity(p.instrument().symbol(), notional));
        }
      }
    }
    Map<String, Long> shares = new HashMap<>();
    if (remaining > 0) {
      for (SocialisedLoss.AccountEquity s : SocialisedLoss.split(remaining, weights).shares()) {
        shares.put(s.accountId(), s.equity());
      }
    }
    adlable.sort(Comparator.comparing(p -> p.instrument().symbol()));
    Map<String, Integer> indexOf = new HashMap<>();
    for (Position p : adlable) {
      long share = shares.getOrDefault(p.instrument().symbol(), 0L);
      if (share == 0) {
        continue;
      }
      long transferred = deleverage(seq, i, a, p, share, book, equityLeft, changed, entries, indexOf, version);
      covered += transferred;
      remaining -= transferred;
    }
    // Socialised loss over positive equity.
    if (remaining > 0) {
      List<SocialisedLoss.AccountEquity> bearers = new ArrayList<>();
      for (Map.Entry<Integer, Long> e : equityLeft.entrySet()) {
        if (e.getKey() != i && e.getValue() > 0) {
          bearers.add(new SocialisedLoss.AccountEquity(book.id(e.getKey()), e.getValue()));
          indexOf.put(book.id(e.getKey()), e.getKey());
        }
      }
      SocialisedLoss.Result social = SocialisedLoss.split(remaining, bearers);
      for (SocialisedLoss.AccountEquity s : social.shares()) {
        int j = indexOf.get(s.accountId());
        changed.put(j, Transfers.credit(changed.getOrDefault(j, book.account(j)), -s.equity() / 1e6));
        equityLeft.merge(j, -s.equity(), Long::sum);
        entries.add(new LossEntry(seq, "socialised", id, s.accountId(), "", 0, 0, s.equity(), fund.balance(),
            version, String.format(Locale.ROOT, "fund and ADL left %s USD; socialised pro rata to positive equity",
                UNIT.toDecimal(social.socialised()).toPlainString())));
      }
      socialised += social.socialised();
      covered += social.socialised();
      remaining -= social.socialised();
    }
    if (remaining > 0) {
      uncovered += remaining;
      entries.add(new LossEntry(seq, "uncovered", id, "", "", 0, 0, remaining, fund.balance(), version,
          String.format(Locale.ROOT, "loss exceeds the fund, ADL and all positive equity: %s USD is bad debt",
              UNIT.toDecimal(remaining).toPlainString())));
    }
    Account after = Transfers.credit(changed.getOrDefault(i, a), covered / 1e6);
    LossEntry takeover = takeOver(seq, after, market, "rest of bankrupt account (" + why + ")");
    changed.put(i, takeover == null ? after : stripped(after, market));
    if (takeover != null) {
      entries.add(takeover);
    }
    return new Resolved(changed, entries, remaining);
  }

  /** ADL of one bankrupt position; returns the minor units transferred. */
  private long deleverage(long seq, int i, Account bankrupt, Position p, long share, LiquidationBook book,
      Map<Integer, Long> equityLeft, Map<Integer, Account> changed, List<LossEntry> entries,
      Map<String, Integer> indexOf, long version) {
    MarketSnapshot market = book.snapshot();
    String symbol = p.instrument().symbol();
    Side side = p.quantity() > 0 ? Side.LONG : Side.SHORT;
    long lots = Math.round(Math.abs(p.quantity()) * LOTS);
    PositionValuation bv = PositionValuer.value(p, market);
    double perLotUsd = AccountLiquidation.notionalUsd(p.instrument(), p.quantity(), market) / lots;
    double markNotionalPerPrice = Math.abs(p.quantity()) * p.instrument().contractSize();
    double bankruptcyPrice = bv.markPrice() + (side == Side.LONG ? 1 : -1) * (share / 1e6) / markNotionalPerPrice;
    List<AdlCandidate> candidates = new ArrayList<>();
    for (int j = 0; j < book.size(); j++) {
      double q = j == i ? 0 : changed.containsKey(j) ? quantity(changed.get(j), symbol) : book.quantity(j, symbol);
      if (q == 0 || Math.signum(q) == Math.signum(p.quantity()) || Math.round(Math.abs(q) * LOTS) == 0) {
        continue;
      }
      Account c = changed.getOrDefault(j, book.account(j));
      Position cp = position(c, symbol);
      PositionValuation v = PositionValuer.value(cp, market);
      double notional = Math.max(1e-9, AccountLiquidation.notionalUsd(cp.instrument(), cp.quantity(), market));
      double signed = Math.signum(cp.quantity()) * notional;
      indexOf.put(c.id(), j);
      candidates.add(new AdlCandidate(c.id(), q > 0 ? Side.LONG : Side.SHORT, Math.round(Math.abs(q) * LOTS),
          v.valueUsd(), Math.max(1e-9, Math.abs(signed - v.valueUsd())), notional,
          equityLeft.getOrDefault(j, 0L)));
    }
    BankruptPosition bp = new BankruptPosition(bankrupt.id(), symbol, side, lots, bv.markPrice(),
        Math.max(Double.MIN_NORMAL, bankruptcyPrice), share, Long.toString(version), "");
    AutoDeleveraging.Result r = AutoDeleveraging.deleverage(bp, share, AdlRanking.rank(candidates, side, UNIT));
    int rank = 1;
    long left = lots;
    Account b = changed.getOrDefault(i, bankrupt);
    for (AdlFill f : r.fills()) {
      int j = indexOf.get(f.accountId());
      Account c = changed.getOrDefault(j, book.account(j));
      Position cp = position(c, symbol);
      double fraction = Math.min(1, f.lots() / (double) Math.round(Math.abs(cp.quantity()) * LOTS));
      double traded = -cp.quantity() * fraction;
      c = Transfers.credit(Transfers.closeAtMark(c, symbol, fraction, market), -f.transfer() / 1e6);
      changed.put(j, c);
      equityLeft.merge(j, -f.transfer(), Long::sum);
      b = Transfers.closeAtMark(b, symbol, Math.min(1, f.lots() / (double) left), market);
      left -= f.lots();
      adlFills++;
      entries.add(new LossEntry(seq, "adl", bankrupt.id(), f.accountId(), symbol, traded, f.price(), f.transfer(),
          fund.balance(), version, String.format(Locale.ROOT, "ADL rank %d: %s %s closed against bankrupt %s at %s "
              + "(mark %s, %.2f USD per 1e-8 lot)", rank++, side.opposite(), symbol, bankrupt.id(), f.price(),
              bv.markPrice(), perLotUsd)));
    }
    changed.put(i, b);
    return r.transferred();
  }

  private static double quantity(Account a, String symbol) {
    for (Position p : a.portfolio().positions()) {
      if (p.instrument().symbol().equals(symbol)) {
        return p.quantity();
      }
    }
    return 0;
  }

  private static Position position(Account a, String symbol) {
    for (Position p : a.portfolio().positions()) {
      if (p.instrument().symbol().equals(symbol)) {
        return p;
      }
    }
    throw new IllegalStateException("account " + a.id() + " holds no " + symbol);
  }

  /**
   * The backstop takes the account's positions and non-USD balances at the mark (value-neutral: it pays their value
   * to the account in USD). Null when there is nothing to take.
   */
  LossEntry takeOver(long seq, Account a, MarketSnapshot market, String why) {
    Map<Asset, Double> taken = new TreeMap<>();
    for (Map.Entry<Asset, Double> e : a.collateral().entrySet()) {
      if (!e.getKey().equals(Asset.USD) && e.getValue() != 0) {
        taken.put(e.getKey(), e.getValue());
      }
    }
    if (taken.isEmpty() && a.portfolio().positions().isEmpty()) {
      return null;
    }
    Account piece = new Account("backstop#" + (backstop.size() + 1) + ":" + a.id(), a.portfolio(), taken);
    double worth = Transfers.valueUsd(piece, market);
    backstop.add(Transfers.credit(piece, -worth));
    long minor = Math.round(worth * 1e6);
    return new LossEntry(seq, "takeover", a.id(), "backstop", "", 0, 0, minor, fund.balance(), market.version(),
        String.format(Locale.ROOT, "backstop takes %d positions and %d balances at the mark, worth %.6f USD: %s",
            a.portfolio().positions().size(), taken.size(), worth, why));
  }

  /**
   * The backstop liquidator takes a whole account over at the mark (Hyperliquid's vault): its positions and all its
   * balances; the account is left empty, and the backstop keeps its equity.
   *
   * @return the account after (empty) and the journal entry
   */
  LossEntry takeOverWhole(long seq, Account a, MarketSnapshot market, String why) {
    double worth = Transfers.valueUsd(a, market);
    backstop.add(new Account("backstop#" + (backstop.size() + 1) + ":" + a.id(), a.portfolio(), a.collateral()));
    takeovers++;
    return new LossEntry(seq, "backstop", a.id(), "backstop", "", 0, 0, Math.round(worth * 1e6), fund.balance(),
        market.version(), String.format(Locale.ROOT, "backstop liquidator takes the whole account over at the mark "
            + "(%d positions, worth %.6f USD): %s", a.portfolio().positions().size(), worth, why));
  }

  /** How many whole accounts the backstop liquidator took over. */
  public long takeovers() {
    return takeovers;
  }

  /** The account after a takeover: its USD balance plus what the taken part was worth, nothing else. */
  static Account stripped(Account a, MarketSnapshot market) {
    Account rest = new Account(a.id(), new Portfolio(List.of()), Map.of());
    double worth = Transfers.valueUsd(new Account(a.id(), a.portfolio(), without(a.collateral())), market);
    return Transfers.credit(rest, a.balance(Asset.USD) + worth);
  }

  private static Map<Asset, Double> without(Map<Asset, Double> c) {
    Map<Asset, Double> out = new TreeMap<>(c);
    out.remove(Asset.USD);
    return out;
  }

  /** The insurance fund's balance, minor units. */
  public long fundBalance() {
    return fund.balance();
  }

  /** The ADL fills so far. */
  public long adlFills() {
    return adlFills;
  }

  /** Drawn from the fund so far, minor units. */
  public long drawn() {
    return drawn;
  }

  /** Socialised so far, minor units. */
  public long socialised() {
    return socialised;
  }

  /** Left uncovered so far, minor units. */
  public long uncovered() {
    return uncovered;
  }

  /** Fees paid into the fund so far, minor units. */
  public long feesCollected() {
    return feesCollected;
  }

  /** The backstop's books (one per takeover). */
  public List<Account> backstopBooks() {
    return List.copyOf(backstop);
  }

  /** The backstop book's value at the mark on a snapshot, USD. */
  public double backstopValueUsd(MarketSnapshot market) {
    double v = 0;
    for (Account b : backstop) {
      v += Transfers.valueUsd(b, market);
    }
    return v;
  }
}
