package org.pmargin.core.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import java.time.Duration;
import java.time.Instant;
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
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.ForwardCurve.ForwardPoint;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks position valuation: delta-one P&amp;L identities (linear and inverse), option marks in USD and in coin,
 * the coin-delta identity, expired options, and every Greek of the USD value against finite differences of the
 * valuer under bumped market snapshots.
 */
class PositionValuerTest {

  private static final Instant AS_OF = Instant.parse("2024-05-28T08:00:00Z");
  /** BTC-28JUN24: 31 days after AS_OF. */
  private static final Instant EXPIRY = Instant.parse("2024-06-28T08:00:00Z");
  private static final Instant LATER = Instant.parse("2024-09-27T08:00:00Z");
  private static final double T = YearFraction.between(AS_OF, EXPIRY);

  private static final double INDEX = 60_000;
  private static final double FORWARD = 60_500;
  private static final double FORWARD_LATER = 62_000;
  private static final double PERP_MARK = 60_100;
  private static final double VOL = 0.6;
  private static final double RATE = 0.03;
  private static final double USDC_PRICE = 0.999;

  private static final ForwardCurve CURVE = new ForwardCurve(AS_OF, INDEX,
      List.of(new ForwardPoint(EXPIRY, FORWARD), new ForwardPoint(LATER, FORWARD_LATER)));
  private static final MarketSnapshot MARKET = market(CURVE, PERP_MARK, VOL, RATE);

  private static final Instrument BTC_PERP = DeribitSymbols.parse("BTC-PERPETUAL");
  private static final Instrument BTC_USDC_PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final Instrument BTC_FUTURE = DeribitSymbols.parse("BTC-28JUN24");
  private static final EuropeanOption COIN_CALL = (EuropeanOption) DeribitSymbols.parse("BTC-28JUN24-70000-C");
  private static final EuropeanOption COIN_PUT = (EuropeanOption) DeribitSymbols.parse("BTC-28JUN24-70000-P");
  private static final EuropeanOption USDC_PUT = (EuropeanOption) DeribitSymbols.parse("BTC_USDC-28JUN24-55000-P");
  private static final EuropeanOption USDC_CALL = (EuropeanOption) DeribitSymbols.parse("BTC_USDC-28JUN24-55000-C");

  private static MarketSnapshot market(ForwardCurve curve, double perpMark, double vol, double rate) {
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, curve, perpMark, 0.0001,
        VolSurface.flat(curve.asOf(), vol));
    return new MarketSnapshot(curve.asOf(), 1, rate, Map.of(Asset.BTC, btc), Map.of(Asset.USDC, USDC_PRICE));
  }

  /** The discounted Black-76 price in USD per coin from Strata's independent implementation. */
  private static double strataUsdPrice(EuropeanOption o, double forward, double t, double vol, double rate) {
    return Math.exp(-rate * t) * BlackFormulaRepository.price(forward, o.strike(), t, vol, o.type().isCall());
  }

  @Test
  void shouldGainTheInversePerpetualPnlInCoin() {
    // 10,000 USD long (1,000 contracts of 10 USD) from 50,000 to 60,000: N·(1/entry - 1/exit) =
    // 10000/50000 - 10000/60000 = 0.2 - 0.1666... = 1/30 BTC (inverse contract formula, Deribit and BitMEX specs)
    MarketSnapshot m = market(new ForwardCurve(AS_OF, 60_000, List.of()), 60_000, VOL, 0.0);
    PositionValuation v = PositionValuer.value(new Position(BTC_PERP, 1_000, 50_000), m);
    assertThat(v.settlementAsset()).isEqualTo(Asset.BTC);
    assertThat(v.markPrice()).isEqualTo(60_000);
    assertThat(v.unrealisedPnl()).isCloseTo(1.0 / 30, within(1e-15));
    assertThat(v.valueSettlement()).isCloseTo(1.0 / 30, within(1e-15));
    assertThat(v.valueUsd()).isCloseTo(2_000, within(1e-9));
    // USD value N·S/E - N·S/mark with mark = S·b: delta N/E = 0.2 BTC; coin delta S·d(pnl)/dS = N/mark = 1/6
    assertThat(v.delta()).isCloseTo(0.2, within(1e-15));
    assertThat(v.settlementDelta()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(v.gamma()).isZero();
    assertThat(v.vega()).isZero();

    PositionValuation shortV = PositionValuer.value(new Position(BTC_PERP, -1_000, 50_000), m);
    assertThat(shortV.unrealisedPnl()).isCloseTo(-1.0 / 30, within(1e-15));
  }

  @Test
  void shouldGainTheLinearPerpetualPnlInQuote() {
    // 500 contracts of 0.001 BTC = 0.5 BTC from 50,000 to the mark 60,100: 0.5·10,100 = 5,050 USDC
    PositionValuation v = PositionValuer.value(new Position(BTC_USDC_PERP, 500, 50_000), MARKET);
    assertThat(v.settlementAsset()).isEqualTo(Asset.USDC);
    assertThat(v.markPrice()).isEqualTo(PERP_MARK);
    assertThat(v.unrealisedPnl()).isCloseTo(5_050, within(1e-9));
    assertThat(v.valueUsd()).isCloseTo(5_050, within(1e-9));
    // the perpetual mark moves with the index at a fixed ratio: delta = coins·mark/index
    assertThat(v.delta()).isCloseTo(0.5 * PERP_MARK / INDEX, within(1e-15));
    assertThat(v.settlementDelta()).isEqualTo(v.delta());
  }

  @Test
  void shouldMarkADatedFutureAtTheForwardOfItsExpiry() {
    PositionValuation v = PositionValuer.value(new Position(BTC_FUTURE, 300, 55_000), MARKET);
    assertThat(v.markPrice()).isCloseTo(FORWARD, within(1e-9));
    double n = 3_000;
    assertThat(v.unrealisedPnl()).isCloseTo(n / 55_000 - n / FORWARD, within(1e-15));
    assertThat(v.valueUsd()).isCloseTo((n / 55_000 - n / FORWARD) * INDEX, within(1e-9));
  }

  @Test
  void shouldValueSpotAtTheIndexInItsQuoteCurrency() {
    Spot spot = (Spot) DeribitSymbols.parse("BTC_USDC");
    PositionValuation v = PositionValuer.value(new Position(spot, 0.25, 50_000), MARKET);
    // the price of 1 BTC in USDC is 60,000/0.999
    assertThat(v.markPrice()).isCloseTo(INDEX / USDC_PRICE, within(1e-9));
    assertThat(v.unrealisedPnl()).isCloseTo(0.25 * (INDEX / USDC_PRICE - 50_000), within(1e-9));
    assertThat(v.valueUsd()).isCloseTo(0.25 * INDEX, within(1e-9));
    assertThat(v.delta()).isEqualTo(0.25);
  }

  /**
   * docs/METHODOLOGY.md "Coin-settled options (Deribit convention)": the coin mark is the Black-76 USD price divided
   * by the forward of the expiry, and the USD view converts the coin value at the index (V_usd·S/F).
   */
  @Test
  void shouldMarkACoinSettledOptionInCoinAtTheForward() {
    double usd = strataUsdPrice(COIN_CALL, FORWARD, T, VOL, RATE);
    double deltaF = Math.exp(-RATE * T) * BlackFormulaRepository.delta(FORWARD, COIN_CALL.strike(), T, VOL, true);
    PositionValuation v = PositionValuer.value(new Position(COIN_CALL, 2, 0.01), MARKET);
    assertThat(v.settlementAsset()).isEqualTo(Asset.BTC);
    assertThat(v.markPrice()).isCloseTo(usd / FORWARD, within(1e-12 * usd / FORWARD));
    assertThat(v.valueSettlement()).isCloseTo(2 * usd / FORWARD, within(1e-12 * usd / FORWARD));
    assertThat(v.unrealisedPnl()).isCloseTo(2 * (usd / FORWARD - 0.01), within(1e-12));
    assertThat(v.valueUsd()).isCloseTo(2 * usd * INDEX / FORWARD, within(1e-9 * usd));
    // USD-view delta = q·cs·Δ_F (Deribit's ticker delta); settlement delta = q·cs·(Δ_F − V/F)
    assertThat(v.delta()).isCloseTo(2 * deltaF, within(1e-12));
    assertThat(v.settlementDelta()).isCloseTo(2 * (deltaF - usd / FORWARD), within(1e-12));
  }

  @Test
  void shouldMarkALinearOptionInUsd() {
    double usd = strataUsdPrice(USDC_PUT, FORWARD, T, VOL, RATE);
    PositionValuation v = PositionValuer.value(new Position(USDC_PUT, -30, 1_000), MARKET);
    double units = -30 * 0.01;
    assertThat(v.settlementAsset()).isEqualTo(Asset.USDC);
    assertThat(v.markPrice()).isCloseTo(usd, within(1e-9 * usd));
    assertThat(v.valueUsd()).isCloseTo(units * usd, within(1e-9 * usd));
    assertThat(v.unrealisedPnl()).isCloseTo(units * (usd - 1_000), within(1e-9 * usd));
    // USD delta of a linear option = q·cs·Δ_F·F/S (forwards move in proportion to the index)
    double deltaF = Math.exp(-RATE * T) * BlackFormulaRepository.delta(FORWARD, USDC_PUT.strike(), T, VOL, false);
    assertThat(v.delta()).isCloseTo(units * deltaF * FORWARD / INDEX, within(1e-12));
    assertThat(v.settlementDelta()).isEqualTo(v.delta());
  }

  @Test
  void shouldGiveTheCoinDeltaAsDeltaMinusCoinValueWhenForwardEqualsIndex() {
    // F = S: the coin value is V/S and S·d(V/S)/dS = dV/dS - V/S (Deribit's delta of a coin-settled option)
    MarketSnapshot m = market(ForwardCurve.flat(AS_OF, INDEX), INDEX, VOL, 0.0);
    for (EuropeanOption o : List.of(COIN_CALL, COIN_PUT)) {
      PositionValuation v = PositionValuer.value(new Position(o, 3, 0.0), m);
      double blackDelta = BlackFormulaRepository.delta(INDEX, o.strike(), T, VOL, o.type().isCall());
      double coinValue = 3 * BlackFormulaRepository.price(INDEX, o.strike(), T, VOL, o.type().isCall()) / INDEX;
      assertThat(v.delta()).isCloseTo(3 * blackDelta, within(1e-12));
      assertThat(v.valueSettlement()).isCloseTo(coinValue, within(1e-12));
      assertThat(v.settlementDelta()).isCloseTo(3 * blackDelta - coinValue, within(1e-12));
    }
  }

  @Test
  void horizonValueShouldValueAnExpiredOptionAtIntrinsicWithAStepDelta() {
    // the snapshot is one hour after expiry: the index 60,000 settles the options
    Instant after = EXPIRY.plus(Duration.ofHours(1));
    MarketSnapshot m = market(ForwardCurve.flat(after, INDEX), INDEX, VOL, RATE);
    EuropeanOption itmCall = (EuropeanOption) DeribitSymbols.parse("BTC-28JUN24-50000-C");
    PositionValuation call = PositionValuer.horizonValue(new Position(itmCall, 2, 0.1), m);
    assertThat(call.valueUsd()).isCloseTo(20_000, within(1e-9));
    assertThat(call.markPrice()).isCloseTo(10_000.0 / 60_000, within(1e-15));
    assertThat(call.delta()).isEqualTo(2.0);
    assertThat(call.gamma()).isZero();
    assertThat(call.vega()).isZero();
    assertThat(call.theta()).isZero();
    // coin delta: S·d(intrinsic/S)/dS = 1 - (S - K)/S = K/S per unit
    assertThat(call.settlementDelta()).isCloseTo(2 * 50_000.0 / 60_000, within(1e-12));

    PositionValuation otmPut = PositionValuer.horizonValue(new Position(COIN_PUT, 1, 0.0), market(
        ForwardCurve.flat(after, 75_000), 75_000, VOL, RATE));
    assertThat(otmPut.valueUsd()).isZero();
    assertThat(otmPut.delta()).isZero();

    PositionValuation itmPut = PositionValuer.horizonValue(new Position(USDC_PUT, 100, 0.0), market(
        ForwardCurve.flat(after, 50_000), 50_000, VOL, RATE));
    assertThat(itmPut.valueUsd()).isCloseTo(100 * 0.01 * 5_000, within(1e-9));
    assertThat(itmPut.delta()).isCloseTo(-1.0, within(1e-15));
  }

  @Test
  void shouldReplicateAForwardWithALongCallAndAShortPut() {
    // C - P = D·(F - K) per coin: a synthetic forward with delta D·F/S per coin, no gamma or vega
    PositionValuation call = PositionValuer.value(new Position(USDC_CALL, 100, 0), MARKET);
    PositionValuation put = PositionValuer.value(new Position(USDC_PUT, -100, 0), MARKET);
    double units = 100 * 0.01;
    double d = Math.exp(-RATE * T);
    double scale = units * FORWARD;
    assertThat(call.valueUsd() + put.valueUsd()).isCloseTo(units * d * (FORWARD - 55_000), within(1e-12 * scale));
    assertThat(call.delta() + put.delta()).isCloseTo(units * d * FORWARD / INDEX, within(1e-12));
    assertThat(call.gamma() + put.gamma()).isCloseTo(0.0, within(1e-15 * call.gamma()));
    assertThat(call.vega() + put.vega()).isCloseTo(0.0, within(1e-15 * call.vega()));
    assertThat(call.vanna() + put.vanna()).isCloseTo(0.0, within(1e-15 * Math.abs(call.vanna())));
    assertThat(call.volga() + put.volga()).isCloseTo(0.0, within(1e-15 * Math.abs(call.volga())));
    // -d/dT of D·(F - K) with F fixed: r·D·(F - K)
    assertThat(call.theta() + put.theta()).isCloseTo(units * RATE * d * (FORWARD - 55_000),
        within(1e-9 * scale));

    // coin-settled: the pair is worth D·(F - K)/F coins per coin, D·(F - K)·S/F in USD, with USD delta D per coin
    PositionValuation coinCall = PositionValuer.value(new Position(COIN_CALL, 1, 0), MARKET);
    PositionValuation coinPut = PositionValuer.value(new Position(COIN_PUT, -1, 0), MARKET);
    assertThat(coinCall.valueSettlement() + coinPut.valueSettlement())
        .isCloseTo(d * (FORWARD - 70_000) / FORWARD, within(1e-15));
    assertThat(coinCall.valueUsd() + coinPut.valueUsd())
        .isCloseTo(d * (FORWARD - 70_000) * INDEX / FORWARD, within(1e-12 * FORWARD));
    assertThat(coinCall.delta() + coinPut.delta()).isCloseTo(d, within(1e-15));
    assertThat(coinCall.gamma() + coinPut.gamma()).isCloseTo(0.0, within(1e-15 * coinCall.gamma()));
  }

  @Test
  void shouldNameAMissingUnderlying() {
    Instrument eth = DeribitSymbols.parse("ETH-PERPETUAL");
    assertThatThrownBy(() -> PositionValuer.value(new Position(eth, 1, 3_000), MARKET))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("market.underlyings.ETH"));
    Spot ethSpot = (Spot) DeribitSymbols.parse("ETH/USD");
    assertThatThrownBy(() -> PositionValuer.value(new Position(ethSpot, 1, 3_000), MARKET))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("market.prices.ETH"));
  }

  // ---- Greeks of valueUsd against finite differences of the valuer under bumped snapshots ----

  private static final long SEED = 0xB7C_2024L;

  /**
   * One random option position and market.
   *
   * @param seed  the generator seed
   * @param index  the case number
   * @param days  days from AS_OF to the option expiry (08:00 UTC)
   * @param basis  F(expiry)/S
   */
  record Case(long seed, int index, double spot, double basis, double vol, double rate, int days, double moneyness,
      OptionType type, Settlement settlement, double quantity) {
  }

  static Stream<Case> cases() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    return IntStream.range(0, 200).mapToObj(i -> new Case(SEED, i,
        Math.exp(rng.nextDouble(Math.log(0.5), Math.log(100_000))),
        Math.exp(rng.nextDouble(-0.1, 0.15)),
        Math.exp(rng.nextDouble(Math.log(0.1), Math.log(2.0))),
        rng.nextDouble(-0.01, 0.08),
        1 + rng.nextInt(700),
        Math.exp(rng.nextDouble(Math.log(0.6), Math.log(1.7))),
        rng.nextBoolean() ? OptionType.CALL : OptionType.PUT,
        rng.nextBoolean() ? Settlement.LINEAR : Settlement.INVERSE,
        (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.1, 50))).toList().stream();
  }

  /** The snapshot of a case at a valuation time, index and vol; forwards keep their quoted ratio to the index. */
  private static MarketSnapshot caseMarket(Case c, Instant asOf, double spot, double vol) {
    Instant expiry = AS_OF.plus(Duration.ofDays(c.days()));
    Instant later = expiry.plus(Duration.ofDays(90));
    ForwardCurve curve = new ForwardCurve(asOf, c.spot(), List.of(new ForwardPoint(expiry, c.spot() * c.basis()),
        new ForwardPoint(later, c.spot() * c.basis() * 1.01))).scaled(spot / c.spot());
    return market(curve, spot * 1.001, vol, c.rate());
  }

  private static Position casePosition(Case c) {
    Instant expiry = AS_OF.plus(Duration.ofDays(c.days()));
    double strike = c.spot() * c.basis() * c.moneyness();
    EuropeanOption o = new EuropeanOption("X", Asset.BTC, c.settlement() == Settlement.LINEAR ? Asset.USDC : Asset.USD,
        c.settlement(), c.type(), strike, expiry, c.settlement() == Settlement.LINEAR ? 0.01 : 1.0, 0.0001);
    return new Position(o, c.quantity(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchFiniteDifferencesOfTheValuer(Case c) {
    Position p = casePosition(c);
    double s = c.spot();
    double v = c.vol();
    double t = c.days() / 365.0;
    double sd = v * Math.sqrt(t);
    double h = s * sd * 1e-3;
    double k = v * 1e-3;
    PositionValuation base = PositionValuer.value(p, caseMarket(c, AS_OF, s, v));

    double v0 = base.valueUsd();
    double vUp = value(p, c, AS_OF, s + h, v);
    double vDown = value(p, c, AS_OF, s - h, v);
    double fdDelta = (vUp - vDown) / (2 * h);
    double fdGamma = (vUp - 2 * v0 + vDown) / (h * h);
    double fdVega = (value(p, c, AS_OF, s, v + k) - value(p, c, AS_OF, s, v - k)) / (2 * k);
    double fdVolga = (value(p, c, AS_OF, s, v + k) - 2 * v0 + value(p, c, AS_OF, s, v - k)) / (k * k);
    double fdVanna = (value(p, c, AS_OF, s + h, v + k) - value(p, c, AS_OF, s + h, v - k)
        - value(p, c, AS_OF, s - h, v + k) + value(p, c, AS_OF, s - h, v - k)) / (4 * h * k);
    // theta: move the valuation time, forwards at the option's expiry fixed (it is a quoted point of the curve)
    Duration dt = Duration.ofSeconds(Math.max(1, Math.round(t * 1e-4 * YearFraction.SECONDS_PER_YEAR)));
    double dtYears = dt.getSeconds() / YearFraction.SECONDS_PER_YEAR;
    double fdTheta = (value(p, c, AS_OF.plus(dt), s, v) - value(p, c, AS_OF.minus(dt), s, v)) / (2 * dtYears);
    // settlement view: S·d(valueSettlement)/dS for coin-settled options; the USD delta for linear ones
    double fdSettlementDelta = c.settlement() == Settlement.LINEAR ? fdDelta
        : s * (PositionValuer.value(p, caseMarket(c, AS_OF, s + h, v)).valueSettlement()
            - PositionValuer.value(p, caseMarket(c, AS_OF, s - h, v)).valueSettlement()) / (2 * h);

    double units = Math.abs(p.quantity() * p.instrument().contractSize());
    double f = s * c.basis();
    double d = Math.exp(-Math.abs(c.rate()) * t) + 1;
    check("delta", base.delta(), fdDelta, units * d);
    check("gamma", base.gamma(), fdGamma, units * d / (s * sd));
    check("vega", base.vega(), fdVega, units * d * f * Math.sqrt(t));
    check("volga", base.volga(), fdVolga, units * d * f * Math.sqrt(t) * (1 + sd * sd) / v);
    check("vanna", base.vanna(), fdVanna, units * d / v);
    check("theta", base.theta(), fdTheta, units * d * f * (v / Math.sqrt(t) + Math.abs(c.rate())));
    double settlementScale = c.settlement() == Settlement.LINEAR ? units * d : units * d * (1 + c.moneyness());
    check("settlementDelta", base.settlementDelta(), fdSettlementDelta, settlementScale);
  }

  private static double value(Position p, Case c, Instant asOf, double spot, double vol) {
    return PositionValuer.value(p, caseMarket(c, asOf, spot, vol)).valueUsd();
  }

  private static void check(String greek, double analytic, double fd, double scale) {
    assertThat(analytic).as("%s is finite", greek).isFinite();
    assertThat(Math.abs(analytic - fd)).as("%s: analytic %s vs finite difference %s", greek, analytic, fd)
        .isLessThanOrEqualTo(1e-5 * Math.abs(analytic) + 1e-7 * scale);
  }

  @Test
  void shouldTreatDeltaOneGreeksAsThoseOfTheirMarks() {
    // delta-one contracts: FD delta under a proportional bump of index, forwards and perpetual mark
    double h = INDEX * 1e-5;
    for (Instrument i : List.of(BTC_PERP, BTC_USDC_PERP, BTC_FUTURE)) {
      Position p = new Position(i, i instanceof DatedFuture ? 77 : 123, 58_000);
      PositionValuation base = PositionValuer.value(p, MARKET);
      double up = PositionValuer.value(p, market(CURVE.scaled((INDEX + h) / INDEX), PERP_MARK * (INDEX + h) / INDEX,
          VOL, RATE)).valueUsd();
      double down = PositionValuer.value(p, market(CURVE.scaled((INDEX - h) / INDEX),
          PERP_MARK * (INDEX - h) / INDEX, VOL, RATE)).valueUsd();
      assertThat(base.delta()).as("%s delta", i.symbol()).isCloseTo((up - down) / (2 * h),
          within(1e-7 * Math.abs(base.delta())));
      assertThat(base.gamma()).isZero();
      assertThat(base.vega()).isZero();
    }
  }
}
