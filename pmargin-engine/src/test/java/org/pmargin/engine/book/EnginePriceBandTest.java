package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.guard.FillPriceRange;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandMode;

/**
 * The fill price band: the bounds on worked numbers (delta-one ± 5% of the mark; options by Black-76 at the
 * surface's vol ± 20 vol points, computed independently with Python's {@code math.erf}; the premium floor on a deep
 * out-of-the-money option), the attack (a perpetual bought at 1 against a mark of 66,026) refused with nothing
 * changed, flag and off modes, and the invariant over random fills that a refused fill changes nothing.
 *
 * <p>The fixture market: BTC index 66,000, perpetual mark 66,026.4, forward 67,320 on 2024-09-27 (102 days, T =
 * 102/365), flat vol 55%, rate 0.
 */
class EnginePriceBandTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final PriceBand BAND = PriceBand.defaults();

  private static MarginEngine engine(PriceBandMode mode) {
    return new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withPriceBand(BAND.withMode(mode)));
  }

  @Test
  void shouldBandDeltaOneFillsAtFivePercentOfTheMark() {
    FillPriceRange r = BAND.range(PERP, EngineFixtures.market());
    assertThat(r.reference()).isCloseTo(66_026.4, within(1e-9));
    assertThat(r.low()).isCloseTo(62_725.08, within(1e-9));
    assertThat(r.high()).isCloseTo(69_327.72, within(1e-9));
    assertThat(r.terms()).isEqualTo("mark 66,026.40 ± 5%");
  }

  @Test
  void shouldBandOptionFillsInVolPoints() {
    FillPriceRange inverse = BAND.range(DeribitSymbols.parse("BTC-27SEP24-70000-C"), EngineFixtures.market());
    assertThat(inverse.reference()).isCloseTo(0.09903345271963551, within(1e-12));
    assertThat(inverse.low()).isCloseTo(0.05693197519119296, within(1e-12)); // vol 35%, in BTC per coin
    assertThat(inverse.high()).isCloseTo(0.14112939795941584, within(1e-12)); // vol 75%
    assertThat(inverse.terms()).contains("vol 55% ± 20 vol points");
    FillPriceRange usdc = BAND.range(DeribitSymbols.parse("BTC_USDC-27SEP24-62000-P"), EngineFixtures.market());
    assertThat(usdc.reference()).isCloseTo(5108.9776944151745, within(1e-8));
    assertThat(usdc.low()).isCloseTo(2568.413579021544, within(1e-8));
    assertThat(usdc.high()).isCloseTo(7715.952233246542, within(1e-8));
  }

  @Test
  void shouldWidenADeepOutOfTheMoneyOptionsBandToThePremiumFloor() {
    // K = 400,000: 4.8e-11 BTC at 55%, 6.8e-7 at 75%: the floor, 5 bp of the index in coin (0.0005 × 66,000 /
    // 67,320 = 0.00049020 BTC), sets the upper bound, and the lower bound stops at zero.
    FillPriceRange r = BAND.range(DeribitSymbols.parse("BTC-27SEP24-400000-C"), EngineFixtures.market());
    assertThat(r.low()).isZero();
    assertThat(r.high()).isCloseTo(4.8207749768072134e-11 + 0.0004901960784313725, within(1e-15));
  }

  @Test
  void shouldRefuseAPerpetualBoughtAtOneAndChangeNothing() {
    try (MarginEngine e = engine(PriceBandMode.REFUSE)) {
      e.apply(new Deposit("mallory", Asset.USDC, 10_000));
      AccountMargin before = e.margin("mallory").get();
      Account accountBefore = e.account("mallory");
      EventOutcome o = e.apply(new Fill("mallory", PERP, 1_000, 1));
      assertThat(o.accepted()).isFalse();
      assertThat(o.rejection().get()).isEqualTo("fill price 1.00000 for BTC_USDC-PERPETUAL is outside the price band "
          + "62,725.08..69,327.72 (mark 66,026.40 ± 5%)");
      assertThat(e.margin("mallory").get()).isEqualTo(before);
      assertThat(e.account("mallory")).isEqualTo(accountBefore);
      assertThatThrownBy(() -> e.whatIf("mallory", List.of(new Fill("mallory", PERP, 1_000, 1))))
          .isInstanceOfSatisfying(InvalidInputException.class,
              x -> assertThat(x.field()).isEqualTo("orders[0].price"));
      EventOutcome edge = e.apply(new Fill("mallory", PERP, 100, 69_327.72));
      assertThat(edge.accepted()).isTrue();
      assertThat(edge.priceFlags()).isEmpty();
      assertThat(e.apply(new Fill("mallory", PERP, 100, 69_327.73)).accepted()).isFalse();
    }
  }

  @Test
  void shouldBookAndFlagInFlagModeAndIgnoreTheBandWhenOff() {
    try (MarginEngine e = engine(PriceBandMode.FLAG)) {
      e.apply(new Deposit("m", Asset.USDC, 10_000));
      EventOutcome o = e.apply(new Fill("m", PERP, 1_000, 1));
      assertThat(o.accepted()).isTrue();
      assertThat(o.priceFlags()).singleElement().satisfies(b -> {
        assertThat(b.accountId()).isEqualTo("m");
        assertThat(b.instrument()).isEqualTo("BTC_USDC-PERPETUAL");
        assertThat(b.price()).isEqualTo(1);
        assertThat(b.range().low()).isCloseTo(62_725.08, within(1e-9));
        assertThat(b.reason()).contains("outside the price band");
      });
      assertThat(e.account("m").portfolio().positions()).hasSize(1);
    }
    try (MarginEngine e = engine(PriceBandMode.OFF)) {
      e.apply(new Deposit("m", Asset.USDC, 10_000));
      EventOutcome o = e.apply(new Fill("m", PERP, 1_000, 1));
      assertThat(o.accepted()).isTrue();
      assertThat(o.priceFlags()).isEmpty();
    }
  }

  static LongStream seeds() {
    return LongStream.range(1, 21);
  }

  /** Over random fills at prices from a tenth to ten times the mark: accepted iff inside the band; a refusal changes
   * nothing. */
  @ParameterizedTest
  @MethodSource("seeds")
  void shouldAcceptExactlyTheFillsInsideTheBand(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (MarginEngine e = engine(PriceBandMode.REFUSE)) {
      e.apply(new Deposit("p", Asset.USDC, 1e9));
      e.apply(new Deposit("p", Asset.BTC, 1e4));
      e.apply(new Deposit("p", Asset.ETH, 1e5));
      for (int i = 0; i < 30; i++) {
        Instrument inst = EngineFixtures.UNIVERSE.get(rnd.nextInt(EngineFixtures.UNIVERSE.size()));
        FillPriceRange r = BAND.range(inst, e.snapshot());
        double price = r.reference() * Math.exp(rnd.nextDouble(-0.3, 0.3) * (rnd.nextBoolean() ? 1 : 8));
        Account before = e.account("p");
        EventOutcome o = e.apply(new Fill("p", inst, rnd.nextBoolean() ? 1 : -1, price));
        assertThat(o.accepted()).as("%s at %s in %s..%s", inst.symbol(), price, r.low(), r.high())
            .isEqualTo(r.contains(price));
        if (!o.accepted()) {
          assertThat(e.account("p")).isEqualTo(before);
        }
      }
    }
  }
}
