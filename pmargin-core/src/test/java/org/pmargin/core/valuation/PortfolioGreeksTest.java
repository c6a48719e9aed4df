package org.pmargin.core.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.ForwardCurve.ForwardPoint;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the aggregation of position Greeks per underlying: sums, the coin balance in delta, cash delta and dollar
 * gamma, the coin-pool delta of inverse positions, linearity in the portfolio's size, and error paths.
 */
class PortfolioGreeksTest {

  private static final Instant AS_OF = Instant.parse("2024-05-28T08:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2024-06-28T08:00:00Z");
  private static final double BTC_INDEX = 60_000;
  private static final double ETH_INDEX = 3_000;
  private static final double USDC_PRICE = 1.0;

  private static final MarketSnapshot MARKET = new MarketSnapshot(AS_OF, 7, 0.02,
      Map.of(Asset.BTC, underlying(Asset.BTC, BTC_INDEX, 0.6), Asset.ETH, underlying(Asset.ETH, ETH_INDEX, 0.7)),
      Map.of(Asset.USDC, USDC_PRICE));

  private static final List<Position> BTC_POSITIONS = List.of(
      new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 2_000, 58_000),
      new Position(DeribitSymbols.parse("BTC-28JUN24-70000-C"), -5, 0.02),
      new Position(DeribitSymbols.parse("BTC_USDC-28JUN24-55000-P"), 40, 900),
      new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), -300, 61_000));
  private static final List<Position> ETH_POSITIONS = List.of(
      new Position(DeribitSymbols.parse("ETH-28JUN24-3500-C"), 10, 0.01),
      new Position(DeribitSymbols.parse("ETH-28JUN24"), -500, 3_100));

  private static UnderlyingMarket underlying(Asset coin, double index, double vol) {
    ForwardCurve curve = new ForwardCurve(AS_OF, index, List.of(new ForwardPoint(EXPIRY, index * 1.008)));
    return new UnderlyingMarket(coin, curve, index * 1.0005, 0.0001, VolSurface.flat(AS_OF, vol));
  }

  private static Account account(List<Position> positions, Map<Asset, Double> collateral) {
    return new Account("acc-1", new Portfolio(positions), collateral);
  }

  @Test
  void shouldSumPositionGreeksPerUnderlyingAndAddTheCoinBalance() {
    List<Position> all = new ArrayList<>(BTC_POSITIONS);
    all.addAll(ETH_POSITIONS);
    Account acc = account(all, Map.of(Asset.BTC, 1.5, Asset.USDC, 10_000.0));
    PortfolioGreeks pg = PortfolioGreeks.of(acc, MARKET);

    assertThat(pg.accountId()).isEqualTo("acc-1");
    assertThat(pg.positions()).hasSize(6);
    assertThat(pg.byUnderlying()).extracting(UnderlyingGreeks::underlying).containsExactly(Asset.BTC, Asset.ETH);

    UnderlyingGreeks btc = pg.byUnderlying().get(0);
    List<PositionValuation> btcVals = pg.positions().subList(0, 4);
    double delta = btcVals.stream().mapToDouble(PositionValuation::delta).sum();
    double gamma = btcVals.stream().mapToDouble(PositionValuation::gamma).sum();
    double coinPool = btcVals.stream().filter(v -> v.position().instrument().settlement() == Settlement.INVERSE)
        .mapToDouble(PositionValuation::settlementDelta).sum();
    assertThat(btc.index()).isEqualTo(BTC_INDEX);
    assertThat(btc.collateralDelta()).isEqualTo(1.5);
    assertThat(btc.delta()).isCloseTo(delta + 1.5, within(1e-12));
    assertThat(btc.cashDelta()).isCloseTo((delta + 1.5) * BTC_INDEX, within(1e-8));
    assertThat(btc.gamma()).isCloseTo(gamma, within(1e-18));
    assertThat(btc.dollarGamma()).isCloseTo(gamma * BTC_INDEX * BTC_INDEX / 100, within(1e-9));
    assertThat(btc.vega()).isCloseTo(btcVals.stream().mapToDouble(PositionValuation::vega).sum(), within(1e-9));
    assertThat(btc.theta()).isCloseTo(btcVals.stream().mapToDouble(PositionValuation::theta).sum(), within(1e-8));
    assertThat(btc.vanna()).isCloseTo(btcVals.stream().mapToDouble(PositionValuation::vanna).sum(), within(1e-12));
    assertThat(btc.volga()).isCloseTo(btcVals.stream().mapToDouble(PositionValuation::volga).sum(), within(1e-9));
    // the coin balance is not part of the coin pool (it has no profit or loss in coin)
    assertThat(btc.coinPoolDelta()).isCloseTo(coinPool, within(1e-12));

    UnderlyingGreeks eth = pg.byUnderlying().get(1);
    List<PositionValuation> ethVals = pg.positions().subList(4, 6);
    assertThat(eth.collateralDelta()).isZero();
    assertThat(eth.delta()).isCloseTo(ethVals.stream().mapToDouble(PositionValuation::delta).sum(), within(1e-12));
    assertThat(eth.coinPoolDelta()).isCloseTo(ethVals.stream().mapToDouble(PositionValuation::settlementDelta).sum(),
        within(1e-12));
  }

  @Test
  void shouldCountAPlainCoinBalanceAsALongPosition() {
    // no positions at all: 2 ETH of collateral is a delta of 2 ETH, a cash delta of 6,000 USD, nothing else
    PortfolioGreeks pg = PortfolioGreeks.of(account(List.of(), Map.of(Asset.ETH, 2.0, Asset.USDC, 500.0)), MARKET);
    assertThat(pg.byUnderlying()).hasSize(1);
    UnderlyingGreeks eth = pg.byUnderlying().get(0);
    assertThat(eth.underlying()).isEqualTo(Asset.ETH);
    assertThat(eth.delta()).isEqualTo(2.0);
    assertThat(eth.collateralDelta()).isEqualTo(2.0);
    assertThat(eth.cashDelta()).isEqualTo(6_000.0);
    assertThat(eth.gamma()).isZero();
    assertThat(eth.vega()).isZero();
    assertThat(eth.coinPoolDelta()).isZero();
  }

  @Test
  void shouldGiveNoGreeksToStablecoinBalancesOrEmptyAccounts() {
    assertThat(PortfolioGreeks.of(account(List.of(), Map.of(Asset.USDC, 1e6)), MARKET).byUnderlying()).isEmpty();
    assertThat(PortfolioGreeks.of(account(List.of(), Map.of()), MARKET).byUnderlying()).isEmpty();
  }

  @Test
  void shouldReportDollarGammaAsTheCashDeltaChangeForAOnePercentMove() {
    // dollar gamma = Γ·S²/100: cash delta Δ·S changes by Γ·S·(0.01·S) for a 1% rise
    PortfolioGreeks pg = PortfolioGreeks.of(account(List.of(BTC_POSITIONS.get(1)), Map.of()), MARKET);
    UnderlyingGreeks btc = pg.byUnderlying().get(0);
    assertThat(btc.dollarGamma()).isCloseTo(btc.gamma() * BTC_INDEX * (0.01 * BTC_INDEX), within(1e-9));
    assertThat(btc.gamma()).isNegative();
  }

  @Test
  void shouldPrefixErrorsWithThePositionIndex() {
    Instrument sol = DeribitSymbols.parse("SOL_USDC-PERPETUAL");
    Account acc = account(List.of(BTC_POSITIONS.get(0), new Position(sol, 1, 150)), Map.of());
    assertThatThrownBy(() -> PortfolioGreeks.of(acc, MARKET))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("positions[1].market.underlyings.SOL"));
  }

  /**
   * A spot holding of an asset that has a listed USD price but no underlying market (a stablecoin) is valued by
   * PositionValuer ("spot at the index (or the asset's listed price)"), so the account's Greeks must come out too.
   */
  @Test
  void shouldAggregateASpotPositionInAListedNonUnderlyingAsset() {
    MarketSnapshot market = new MarketSnapshot(AS_OF, 7, 0.02,
        Map.of(Asset.BTC, underlying(Asset.BTC, BTC_INDEX, 0.6)), Map.of(Asset.USDT, 0.998));
    Position usdt = new Position(new Spot("USDT/USD", Asset.USDT, Asset.USD, 0.0001), 10_000, 1.0);
    assertThat(PositionValuer.value(usdt, market).valueUsd()).isCloseTo(9_980, within(1e-9));
    Account acc = account(List.of(BTC_POSITIONS.get(0), usdt), Map.of());
    List<PortfolioGreeks> result = new ArrayList<>();
    assertThatCode(() -> result.add(PortfolioGreeks.of(acc, market)))
        .as("PortfolioGreeks.of on an account holding a USDT/USD spot position").doesNotThrowAnyException();
    PortfolioGreeks pg = result.get(0);
    assertThat(pg.positions()).hasSize(2);
    assertThat(pg.positions().get(1).valueUsd()).isCloseTo(9_980, within(1e-9));
    assertThat(pg.byUnderlying()).extracting(UnderlyingGreeks::underlying).contains(Asset.BTC);
  }

  // ---- linearity in the size of the book ----

  record ScaleCase(long seed, int index, List<String> symbols, double[] quantities, double btcBalance,
      double ethBalance, double factor) {

    @Override
    public String toString() {
      return "ScaleCase[seed=" + seed + ", index=" + index + ", symbols=" + symbols + ", quantities="
          + java.util.Arrays.toString(quantities) + ", btcBalance=" + btcBalance + ", ethBalance=" + ethBalance
          + ", factor=" + factor + "]";
    }
  }

  private static final List<String> UNIVERSE = List.of("BTC-PERPETUAL", "BTC_USDC-PERPETUAL", "BTC-28JUN24",
      "BTC-28JUN24-60000-C", "BTC-28JUN24-50000-P", "BTC_USDC-28JUN24-65000-C", "BTC_USDC-28JUN24-58000-P",
      "ETH-PERPETUAL", "ETH-28JUN24-3000-P", "ETH_USDC-28JUN24-3300-C", "BTC_USDC", "ETH/USD");

  static Stream<ScaleCase> scaleCases() {
    long seed = 99_991L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 200).mapToObj(i -> {
      List<String> symbols = new ArrayList<>();
      List<Double> qs = new ArrayList<>();
      for (String s : UNIVERSE) {
        if (rng.nextDouble() < 0.5) {
          symbols.add(s);
          qs.add((rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.1, 100));
        }
      }
      double factor = (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.01, 5);
      return new ScaleCase(seed, i, symbols, qs.stream().mapToDouble(Double::doubleValue).toArray(),
          rng.nextDouble(-3, 3), rng.nextDouble(-30, 30), factor);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scaleCases")
  void shouldScaleEveryGreekWithTheBook(ScaleCase c) {
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < c.symbols().size(); i++) {
      Instrument inst = DeribitSymbols.parse(c.symbols().get(i));
      double entry = inst instanceof EuropeanOption o && o.settlement() == Settlement.INVERSE ? 0.01 : 1_000;
      positions.add(new Position(inst, c.quantities()[i], entry));
    }
    Map<Asset, Double> collateral = new HashMap<>(Map.of(Asset.BTC, c.btcBalance(), Asset.ETH, c.ethBalance()));
    Map<Asset, Double> scaledCollateral = new HashMap<>();
    collateral.forEach((a, b) -> scaledCollateral.put(a, b * c.factor()));
    Portfolio book = new Portfolio(positions);
    PortfolioGreeks base = PortfolioGreeks.of(new Account("a", book, collateral), MARKET);
    PortfolioGreeks scaled = PortfolioGreeks.of(new Account("a", book.scaled(c.factor()), scaledCollateral), MARKET);

    assertThat(scaled.byUnderlying()).hasSameSizeAs(base.byUnderlying());
    double k = c.factor();
    for (int i = 0; i < base.byUnderlying().size(); i++) {
      UnderlyingGreeks b = base.byUnderlying().get(i);
      UnderlyingGreeks s = scaled.byUnderlying().get(i);
      assertThat(s.underlying()).isEqualTo(b.underlying());
      assertThat(s.index()).isEqualTo(b.index());
      // each aggregate is a sum of terms that are each scaled by k: the rounding is relative to the sum of the
      // terms' magnitudes, not to the (possibly cancelling) aggregate
      List<PositionValuation> terms = base.positions().stream()
          .filter(v -> v.position().instrument().underlying().equals(b.underlying())).toList();
      double sq = b.index() * b.index() / 100;
      double deltaMag = abs(terms, PositionValuation::delta) + Math.abs(b.collateralDelta());
      scaledBy("delta", s.delta(), b.delta(), k, deltaMag);
      scaledBy("cashDelta", s.cashDelta(), b.cashDelta(), k, deltaMag * b.index());
      scaledBy("gamma", s.gamma(), b.gamma(), k, abs(terms, PositionValuation::gamma));
      scaledBy("dollarGamma", s.dollarGamma(), b.dollarGamma(), k, abs(terms, PositionValuation::gamma) * sq);
      scaledBy("vega", s.vega(), b.vega(), k, abs(terms, PositionValuation::vega));
      scaledBy("theta", s.theta(), b.theta(), k, abs(terms, PositionValuation::theta));
      scaledBy("vanna", s.vanna(), b.vanna(), k, abs(terms, PositionValuation::vanna));
      scaledBy("volga", s.volga(), b.volga(), k, abs(terms, PositionValuation::volga));
      scaledBy("collateralDelta", s.collateralDelta(), b.collateralDelta(), k, Math.abs(b.collateralDelta()));
      scaledBy("coinPoolDelta", s.coinPoolDelta(), b.coinPoolDelta(), k,
          abs(terms, PositionValuation::settlementDelta));
    }
    for (int i = 0; i < base.positions().size(); i++) {
      double v = base.positions().get(i).valueUsd();
      scaledBy("positions[" + i + "].valueUsd", scaled.positions().get(i).valueUsd(), v, k, Math.abs(v));
    }
  }

  private static double abs(List<PositionValuation> terms, java.util.function.ToDoubleFunction<PositionValuation> f) {
    return terms.stream().mapToDouble(v -> Math.abs(f.applyAsDouble(v))).sum();
  }

  private static void scaledBy(String what, double scaled, double base, double k, double magnitude) {
    assertThat(scaled).as("%s is finite", what).isFinite();
    assertThat(scaled).as(what).isCloseTo(k * base, within(1e-13 * Math.abs(k) * magnitude + Double.MIN_NORMAL));
  }

  @Test
  void shouldHaveOptionsAmongTheScaledBooks() {
    // guards the property above against books that happen to hold only delta-one contracts
    long withGamma = scaleCases().filter(c -> c.symbols().stream().anyMatch(s -> s.endsWith("-C") || s.endsWith("-P")))
        .count();
    assertThat(withGamma).isGreaterThan(150);
  }
}
