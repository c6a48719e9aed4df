package org.pmargin.engine.replay;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.oracle.HourlyBarFeed;
import org.pmargin.engine.oracle.Oracle;
import org.pmargin.engine.oracle.OracleConfig;
import org.pmargin.engine.oracle.OracleUpdate;
import org.pmargin.engine.oracle.PriceFeed;
import org.pmargin.engine.population.SyntheticAccounts;

/**
 * Replays a real crash window through the live path, end to end: hourly bars become oracle ticks ({@link
 * HourlyBarFeed}), the oracle publishes a snapshot every step, and the engine re-margins a population of accounts on
 * each one and reports health transitions as they happen.
 *
 * <p>The market the accounts trade is rebuilt from the data at the window's start: index = the first bar's open,
 * perpetual mark = index (then index + the oracle's smoothed basis, zero with spot data alone), forwards at three
 * Friday 08:00 UTC expiries 2, 6 and 13 weeks out with a 5%-a-year basis (the data holds no futures), and one flat
 * implied vol per coin: the DVOL close of the previous day (known at the time), updated at each UTC midnight. The
 * perpetuals' funding rate is {@link #FUNDING_RATE_8H} throughout: the data holds no perpetual prices, so the premium
 * is zero, and Binance's rate at a zero premium, F = P + clamp(I − P, −0.05%, +0.05%), is its interest component I =
 * 0.01% per 8 hours; the engine settles it at 00:00, 08:00 and 16:00 UTC (its default schedule). The
 * data directory has one real price source, so the oracle runs with {@code min_sources = 1}; its staleness (2
 * hours), deviation and jump guards still apply.
 *
 * <p>The population comes from {@link SyntheticAccounts}, sized on the model at the start, so the figures depend
 * only on the data, the window, the model, the seed and the liquidation settings. With liquidation on, the engine
 * liquidates the accounts that fall below maintenance margin after each snapshot (see {@link MarginEngine}); the
 * summary counts the steps, the notional closed, their cost, the bankruptcies and the bad debt.
 */
public final class LiveCrashReplay {

  /** What the replay reports as it runs. */
  public interface Listener {

    /**
     * Called after every market step.
     *
     * @param snapshot  the snapshot the engine applied
     * @param outcome  what the engine did
     */
    void onStep(MarketSnapshot snapshot, EventOutcome outcome);
  }

  /**
   * The replay's settings.
   *
   * @param start  the first instant (inclusive)
   * @param end  the last instant (inclusive)
   * @param step  the market time between snapshots, &gt; 0
   * @param accounts  how many accounts, ≥ 1
   * @param positions  positions per account, ≥ 1
   * @param seed  the population's seed
   * @param threads  the engine's threads, ≥ 1
   * @param liquidation  the engine's liquidation (off: accounts stay below maintenance margin)
   * @param flatCollateral  0 to set each account's collateral from the margin model's initial margin (the live
   *     demo), else the collateral as a fraction of its gross notional whatever the model, in (0, 10] (a
   *     comparison of models on the same capital)
   * @param imCollateralFactor  0, or (with {@code flatCollateral} 0) each account's USDC collateral = this factor
   *     × the model's own initial margin of its book at the start (at least 1,000 USD), in (0, 100], topped up by a
   *     negative book value (short options) so that equity starts at that figure: capital as users would post it
   * @param impact  whether and how the liquidations' market impact moves the marks ({@link ImpactFeedback})
   */
  public record Settings(Instant start, Instant end, Duration step, int accounts, int positions, long seed,
      int threads, LiquidationConfig liquidation, double flatCollateral, double imCollateralFactor,
      ImpactFeedback impact) {

    /** Settings without impact feedback, collateral flat or by the generator's IM sizing. */
    public Settings(Instant start, Instant end, Duration step, int accounts, int positions, long seed,
        int threads, LiquidationConfig liquidation, double flatCollateral) {
      this(start, end, step, accounts, positions, seed, threads, liquidation, flatCollateral, 0,
          ImpactFeedback.off());
    }

    /** Settings with collateral sized by the model's initial margin. */
    public Settings(Instant start, Instant end, Duration step, int accounts, int positions, long seed,
        int threads, LiquidationConfig liquidation) {
      this(start, end, step, accounts, positions, seed, threads, liquidation, 0);
    }

    /** Settings without liquidation. */
    public Settings(Instant start, Instant end, Duration step, int accounts, int positions, long seed,
        int threads) {
      this(start, end, step, accounts, positions, seed, threads, LiquidationConfig.off(), 0);
    }

    /** Validates the fields. */
    public Settings {
      Checks.notNull(start, "start");
      Checks.notNull(end, "end");
      Checks.require(end.isAfter(start), "end", "must be after start " + start + ", got " + end);
      Checks.notNull(step, "step");
      Checks.require(step.isPositive(), "step", "must be > 0, got " + step);
      Checks.require(accounts >= 1, "accounts", "must be >= 1, got " + accounts);
      Checks.require(positions >= 1, "positions", "must be >= 1, got " + positions);
      Checks.require(threads >= 1, "threads", "must be >= 1, got " + threads);
      Checks.notNull(liquidation, "liquidation");
      Checks.require(flatCollateral == 0 || (flatCollateral > 0 && flatCollateral <= 10), "flat_collateral",
          "must be 0 (by model) or in (0, 10], got " + flatCollateral);
      Checks.require(imCollateralFactor == 0 || (imCollateralFactor > 0 && imCollateralFactor <= 100
          && flatCollateral == 0), "im_collateral_factor",
          "must be 0 or in (0, 100] with flat_collateral 0, got " + imCollateralFactor);
      Checks.notNull(impact, "impact");
    }
  }

  /**
   * What the replay did.
   *
   * @param market  the market at the start
   * @param steps  how many snapshots the engine applied
   * @param remargins  how many account margins it computed in all
   * @param transitions  how many health transitions it reported
   * @param degradedSteps  how many snapshots had an underlying held by the circuit breaker
   * @param startStates  accounts per health state at the start
   * @param endStates  accounts per health state at the end
   * @param worstStates  accounts per worst state reached during the window
   * @param engineNanos  wall time spent inside the engine's {@code apply}, nanoseconds
   * @param fundingPayments  how many funding payments the engine booked
   * @param fundingPaidUsd  the funding the accounts paid, USD at the funding times' prices, ≥ 0
   * @param fundingReceivedUsd  the funding they received, USD, ≥ 0
   * @param liquidation  what the liquidation did
   * @param series  one entry per snapshot: the cascade over time
   */
  public record Summary(MarketSnapshot market, int steps, long remargins, int transitions, int degradedSteps,
      Map<HealthState, Integer> startStates, Map<HealthState, Integer> endStates,
      Map<HealthState, Integer> worstStates, long engineNanos, int fundingPayments, double fundingPaidUsd,
      double fundingReceivedUsd, LiquidationTotals liquidation, List<CascadeStep> series) {

    /** Copies. */
    public Summary {
      series = List.copyOf(series);
    }
  }

  /**
   * What the engine's liquidation did over the replay.
   *
   * @param accountsLiquidated  accounts with at least one step booked
   * @param steps  steps booked
   * @param notionalClosedUsd  underlying notional traded by the steps, USD
   * @param costUsd  the steps' total cost (fees, spread, impact), USD
   * @param bankruptAccounts  accounts reported bankrupt or left with no risk-reducing step
   * @param badDebtUsd  the engine's bad debt at the end, USD (deficits for a loss waterfall)
   * @param failures  liquidations that could not be planned
   * @param losses  the engine's loss accounting at the end (insurance fund, ADL fills, backstop), or null
   */
  public record LiquidationTotals(int accountsLiquidated, int steps, double notionalClosedUsd, double costUsd,
      int bankruptAccounts, double badDebtUsd, int failures, org.pmargin.engine.liquidation.LossSummary losses) {

    /** Totals without the loss accounting. */
    public LiquidationTotals(int accountsLiquidated, int steps, double notionalClosedUsd, double costUsd,
        int bankruptAccounts, double badDebtUsd, int failures) {
      this(accountsLiquidated, steps, notionalClosedUsd, costUsd, bankruptAccounts, badDebtUsd, failures, null);
    }
  }

  /** The perpetuals' funding rate of the replay, per 8 hours (see the class doc). */
  public static final double FUNDING_RATE_8H = 0.0001;

  private LiveCrashReplay() {
  }

  /**
   * Runs the replay.
   *
   * @param bars  hourly bars by coin (USDT quotes, read as USD), covering the window
   * @param volIndex  daily vol index closes by coin, in vol points, covering the day before the window
   * @param model  the margin model
   * @param settings  the window and population
   * @param listener  receives every step
   * @return the summary
   * @throws InvalidInputException naming the field when the data does not cover the window
   */
  public static Summary run(Map<Asset, List<HourlyBar>> bars, Map<Asset, PriceSeries> volIndex, MarginModel model,
      Settings settings, Listener listener) {
    Checks.notNull(bars, "bars");
    Checks.notNull(volIndex, "vol_index");
    Checks.notNull(model, "model");
    Checks.notNull(settings, "settings");
    Checks.notNull(listener, "listener");
    Map<Asset, List<HourlyBar>> window = new TreeMap<>();
    for (Map.Entry<Asset, List<HourlyBar>> e : bars.entrySet()) {
      List<HourlyBar> in = new ArrayList<>();
      for (HourlyBar b : e.getValue()) {
        if (!b.open().isBefore(settings.start()) && !b.open().isAfter(settings.end())) {
          in.add(b);
        }
      }
      if (in.isEmpty()) {
        throw new InvalidInputException("hourly." + e.getKey(), "has no bar between " + settings.start() + " and "
            + settings.end());
      }
      window.put(e.getKey(), in);
    }
    Checks.require(!window.isEmpty(), "hourly", "no coin to replay");
    MarketSnapshot market = startMarket(window, volIndex, settings.start());
    List<Account> population = ReplayPopulation.generate(market, window.size(), model, settings);
    OracleConfig oracleConfig = OracleConfig.defaults().withMinSources(1).withStaleness(Duration.ofHours(2));
    Oracle oracle = new Oracle(market, oracleConfig);
    List<PriceFeed> feeds = new ArrayList<>();
    for (Map.Entry<Asset, List<HourlyBar>> e : window.entrySet()) {
      feeds.add(new HourlyBarFeed("binance", e.getKey(), e.getValue()));
    }
    try (MarginEngine engine = new MarginEngine(model, market, new EngineConfig(settings.threads(),
        Duration.ofSeconds(60)).withLiquidation(settings.liquidation()))) {
      EventOutcome loaded = engine.load(population);
      if (!loaded.accepted()) {
        throw new IllegalStateException("the population could not be margined: " + loaded.rejection().get());
      }
      Map<HealthState, Integer> start = count(engine.margins());
      Map<String, HealthState> worst = new LinkedHashMap<>();
      for (AccountMargin m : engine.margins()) {
        worst.put(m.accountId(), m.health().state());
      }
      int steps = 0;
      long remargins = 0;
      int transitions = 0;
      int degraded = 0;
      long nanos = 0;
      int payments = 0;
      double paid = 0;
      double received = 0;
      MarkImpact impact = new MarkImpact(settings.impact(), settings.liquidation().liquidity());
      CascadeRecorder recorder = new CascadeRecorder(engine.margins());
      Set<String> liquidated = new java.util.HashSet<>();
      Set<String> bankrupt = new java.util.HashSet<>();
      int liquidationSteps = 0;
      double closed = 0;
      double cost = 0;
      int failures = 0;
      for (Instant t = settings.start().plus(settings.step()); !t.isAfter(settings.end());
          t = t.plus(settings.step())) {
        for (PriceFeed f : feeds) {
          oracle.acceptAll(f.poll(t));
        }
        OracleUpdate u = oracle.update(t);
        MarketSnapshot s = impact.apply(withVols(u.snapshot(), volIndex, t), t);
        Set<Asset> held = MarketUpdate.from(u).degraded();
        long t0 = System.nanoTime();
        EventOutcome o = engine.apply(new MarketUpdate(s, held));
        nanos += System.nanoTime() - t0;
        if (!o.accepted()) {
          throw new IllegalStateException("snapshot at " + t + " rejected: " + o.rejection().get());
        }
        steps++;
        remargins += o.margins().size();
        transitions += o.transitions().size();
        degraded += held.isEmpty() ? 0 : 1;
        for (var f : o.funding()) {
          payments++;
          if (f.amountUsd() < 0) {
            paid -= f.amountUsd();
          } else {
            received += f.amountUsd();
          }
        }
        for (var l : o.liquidations()) {
          liquidated.add(l.accountId());
          liquidationSteps++;
          closed += l.notionalUsd();
          cost += l.costUsd();
        }
        o.bankruptcies().forEach(b -> bankrupt.add(b.accountId()));
        failures += o.liquidationFailures().size();
        for (var tr : o.transitions()) {
          worst.merge(tr.accountId(), tr.to(), (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
        }
        Map<Asset, Double> shift = new TreeMap<>();
        for (Asset a : s.underlyings().keySet()) {
          shift.put(a, impact.shift(a));
        }
        Map<Asset, Double> flow = impact.book(o.liquidations(), s);
        recorder.record(t, o, engine.badDebtUsd(), flow, shift, LossFigures.from(o, engine.losses(),
            settings.liquidation().enabled() && settings.liquidation().lossWaterfall()));
        listener.onStep(s, o);
      }
      Map<HealthState, Integer> worstCount = new EnumMap<>(HealthState.class);
      for (HealthState h : HealthState.values()) {
        worstCount.put(h, 0);
      }
      worst.values().forEach(h -> worstCount.merge(h, 1, Integer::sum));
      return new Summary(market, steps, remargins, transitions, degraded, start, count(engine.margins()),
          worstCount, nanos, payments, paid, received, new LiquidationTotals(liquidated.size(), liquidationSteps,
          closed, cost, bankrupt.size(), engine.badDebtUsd(), failures, engine.losses()), recorder.series());
    }
  }

  private static Map<HealthState, Integer> count(List<AccountMargin> margins) {
    Map<HealthState, Integer> out = new EnumMap<>(HealthState.class);
    for (HealthState h : HealthState.values()) {
      out.put(h, 0);
    }
    for (AccountMargin m : margins) {
      out.merge(m.health().state(), 1, Integer::sum);
    }
    return out;
  }

  /**
   * The market at the window's start (see the class doc); public for the service's demo, which starts its store on
   * it.
   */
  public static MarketSnapshot startMarket(Map<Asset, List<HourlyBar>> window, Map<Asset, PriceSeries> volIndex,
      Instant start) {
    LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
    List<Instant> expiries = new ArrayList<>();
    for (int weeks : new int[] {2, 6, 13}) {
      LocalDate friday = day.plusWeeks(weeks).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
      expiries.add(friday.atTime(8, 0).toInstant(ZoneOffset.UTC));
    }
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    for (Map.Entry<Asset, List<HourlyBar>> e : window.entrySet()) {
      double index = e.getValue().get(0).openPrice();
      List<ForwardCurve.ForwardPoint> points = new ArrayList<>();
      for (Instant x : expiries) {
        double years = Duration.between(start, x).toSeconds() / (365.0 * 86_400);
        points.add(new ForwardCurve.ForwardPoint(x, index * Math.exp(0.05 * years)));
      }
      markets.put(e.getKey(), new UnderlyingMarket(e.getKey(), new ForwardCurve(start, index, points), index,
          FUNDING_RATE_8H,
          VolSurface.flat(start, vol(volIndex, e.getKey(), start))));
    }
    return new MarketSnapshot(start, 1, 0.0, markets, Map.of(Asset.USDC, 1.0));
  }

  /** The snapshot with each coin's vol set to the previous day's vol index close. */
  private static MarketSnapshot withVols(MarketSnapshot s, Map<Asset, PriceSeries> volIndex, Instant t) {
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    for (UnderlyingMarket m : s.underlyings().values()) {
      markets.put(m.underlying(), new UnderlyingMarket(m.underlying(), m.forwards(), m.perpetualMark(),
          m.fundingRate8h(), VolSurface.flat(s.asOf(), vol(volIndex, m.underlying(), t))));
    }
    return new MarketSnapshot(s.asOf(), s.version(), s.rate(), markets, s.assetPrices());
  }

  /** The vol index close of the last day before t's day, as a decimal (public for the service's demo). */
  public static double vol(Map<Asset, PriceSeries> volIndex, Asset coin, Instant t) {
    PriceSeries series = volIndex.get(coin);
    if (series == null) {
      throw new InvalidInputException("vol_index." + coin, "no vol index for " + coin);
    }
    LocalDate day = t.atOffset(ZoneOffset.UTC).toLocalDate();
    for (int i = series.size() - 1; i >= 0; i--) {
      if (series.date(i).isBefore(day)) {
        return series.value(i) / 100;
      }
    }
    throw new InvalidInputException("vol_index." + coin, "has no value before " + day);
  }
}
