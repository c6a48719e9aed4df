package org.pmargin.core.margin.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.standard.DeltaOneRates.StepUnit;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The parameters: the documented defaults, the tier table's arithmetic against Binance's published cumulative
 * deductions, continuity at every bracket boundary, and every bad input named by field.
 */
class StandardMarginParametersTest {

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final StandardMarginParameters D = StandardMarginParameters.deribit();

  @Test
  void shouldHoldTheDocumentedDefaults() {
    assertThat(D.deltaOneFor(Asset.BTC)).isEqualTo(new DeltaOneRates(0.02, 0.015, 0.005, 100, StepUnit.COIN));
    assertThat(D.deltaOneFor(Asset.ETH)).isEqualTo(new DeltaOneRates(0.02, 0.015, 0.005, 1_250, StepUnit.COIN));
    assertThat(D.deltaOneFor(Asset.of("SOL"))).isEqualTo(new DeltaOneRates(0.04, 0.02, 0.005, 200_000,
        StepUnit.USD));
    assertThat(D.deltaOneRateCap()).isEqualTo(1.0);
    assertThat(D.options()).isEqualTo(new OptionRates(0.15, 0.10, 0.075));
    assertThat(D.sizeTiers().tiers()).hasSize(8);
    assertThat(D.sizeTiers().tiers().get(0)).isEqualTo(new SizeTier(1e6, 0.02, 0.015));
    assertThat(D.sizeTiers().tiers().get(7)).isEqualTo(new SizeTier(INF, 1.0, 0.5));
    assertThat(D.tierShortOptions()).isTrue();
  }

  /**
   * Binance's GET /fapi/v1/leverageBracket response for BTCUSDT (as recorded in the public repository
   * boolean404/heikin-ashi-trading-bot, json/fapiPrivate_get_leverage_bracket.py): floors 0, 50k, 250k, 3M, 20M,
   * 40M, 100M, 120M, 200M; maintMarginRatio 0.4%, 0.5%, 1%, 2.5%, 5%, 10%, 12.5%, 15%, 25%; cum 0, 50, 1,300,
   * 46,300, 546,300, 2,546,300, 5,046,300, 8,046,300, 28,046,300. Our sliced table must give the same deductions,
   * e.g. cum₂ = 50 + 250,000·(1% − 0.5%) = 1,300.
   */
  @Test
  void shouldReproduceBinancesPublishedCumulativeDeductions() {
    double[] caps = {5e4, 2.5e5, 3e6, 2e7, 4e7, 1e8, 1.2e8, 2e8, INF};
    double[] mmr = {0.004, 0.005, 0.01, 0.025, 0.05, 0.10, 0.125, 0.15, 0.25};
    int[] leverage = {125, 100, 50, 20, 10, 5, 4, 3, 2};
    double[] cum = {0, 50, 1_300, 46_300, 546_300, 2_546_300, 5_046_300, 8_046_300, 28_046_300};
    List<SizeTier> tiers = new java.util.ArrayList<>();
    for (int i = 0; i < caps.length; i++) {
      tiers.add(new SizeTier(caps[i], 1.0 / leverage[i], mmr[i]));
    }
    SizeTiers t = new SizeTiers(tiers);
    for (int i = 0; i < cum.length; i++) {
      assertThat(t.maintenanceDeduction(i)).as("cum of bracket %d", i + 1).isCloseTo(cum[i], within(1e-6));
    }
    // Binance's formula MM = notional × MMR − cum, inside each bracket
    for (double n : new double[] {10_000, 50_000, 100_000, 2e6, 2.5e7, 1.1e8, 1.5e8, 3e8, 1e9}) {
      int b = t.bracketOf(n);
      assertThat(t.maintenance(n)).as("MM at %s", n).isCloseTo(n * mmr[b] - cum[b], within(1e-9 * n));
    }
    assertThat(t.bracketOf(50_000)).isZero();
    assertThat(t.bracketOf(50_000.01)).isEqualTo(1);
  }

  @Test
  void shouldBeContinuousAtEveryDefaultBracketBoundary() {
    SizeTiers t = D.sizeTiers();
    for (int i = 0; i < t.tiers().size() - 1; i++) {
      double b = t.tiers().get(i).upToUsd();
      double eps = b * 1e-9;
      // the slope is at most 100% of notional, so the step across 2·eps can be at most 2·eps (plus rounding)
      assertThat(Math.abs(t.initial(b + eps) - t.initial(b - eps))).as("IM jump at %s", b)
          .isLessThanOrEqualTo(2 * eps * 1.0 + 1e-9 * b);
      assertThat(Math.abs(t.maintenance(b + eps) - t.maintenance(b - eps))).as("MM jump at %s", b)
          .isLessThanOrEqualTo(2 * eps * 0.5 + 1e-9 * b);
      // both brackets' Binance forms agree exactly at the boundary
      SizeTier lo = t.tiers().get(i);
      SizeTier hi = t.tiers().get(i + 1);
      assertThat(lo.initialRate() * b - t.initialDeduction(i))
          .isCloseTo(hi.initialRate() * b - t.initialDeduction(i + 1), within(1e-12 * b));
      assertThat(lo.maintenanceRate() * b - t.maintenanceDeduction(i))
          .isCloseTo(hi.maintenanceRate() * b - t.maintenanceDeduction(i + 1), within(1e-12 * b));
    }
  }

  @Test
  void shouldChargeTheDefaultTableAsStated() {
    // 25M USD: 1M·2% + 9M·5% + 10M·10% + 5M·20% = 20,000 + 450,000 + 1,000,000 + 1,000,000 = 2,470,000
    // MM: 15,000 + 225,000 + 500,000 + 500,000 = 1,240,000; extras over 2% / 1.5% of 25M (500,000 / 375,000)
    SizeTiers t = D.sizeTiers();
    assertThat(t.initial(25e6)).isCloseTo(2_470_000, within(1e-6));
    assertThat(t.maintenance(25e6)).isCloseTo(1_240_000, within(1e-6));
    assertThat(t.initialExtra(25e6)).isCloseTo(1_970_000, within(1e-6));
    assertThat(t.maintenanceExtra(25e6)).isCloseTo(865_000, within(1e-6));
    assertThat(t.initial(0)).isZero();
    assertThat(t.initialExtra(999_999)).isZero();
  }

  static Stream<Arguments> badInputs() {
    DeltaOneRates btc = D.deltaOneFor(Asset.BTC);
    Map<Asset, DeltaOneRates> withNull = new HashMap<>();
    withNull.put(Asset.ETH, null);
    return Stream.of(
        bad("initial_rate", () -> new DeltaOneRates(-0.01, 0, 0, 1, StepUnit.COIN)),
        bad("initial_rate", () -> new DeltaOneRates(Double.NaN, 0, 0, 1, StepUnit.COIN)),
        bad("maintenance_rate", () -> new DeltaOneRates(0.02, 0.03, 0, 1, StepUnit.COIN)),
        bad("maintenance_rate", () -> new DeltaOneRates(0.02, -0.001, 0, 1, StepUnit.COIN)),
        bad("increment_per_step", () -> new DeltaOneRates(0.02, 0.01, -0.005, 100, StepUnit.COIN)),
        bad("increment_per_step", () -> new DeltaOneRates(0.02, 0.01, INF, 100, StepUnit.COIN)),
        bad("step", () -> new DeltaOneRates(0.02, 0.01, 0.005, 0, StepUnit.COIN)),
        bad("step_unit", () -> new DeltaOneRates(0.02, 0.01, 0.005, 100, null)),
        bad("initial_rate", () -> new OptionRates(1.5, 0.1, 0.075)),
        bad("initial_floor", () -> new OptionRates(0.15, 0.2, 0.075)),
        bad("initial_floor", () -> new OptionRates(0.15, -0.1, 0)),
        bad("maintenance_rate", () -> new OptionRates(0.15, 0.10, 0.12)),
        bad("maintenance_rate", () -> new OptionRates(0.15, 0.10, Double.NaN)),
        bad("up_to_usd", () -> new SizeTier(0, 0.02, 0.01)),
        bad("up_to_usd", () -> new SizeTier(Double.NaN, 0.02, 0.01)),
        bad("initial_rate", () -> new SizeTier(1e6, -0.02, 0)),
        bad("maintenance_rate", () -> new SizeTier(1e6, 0.02, 0.05)),
        bad("size_tiers", () -> new SizeTiers(List.of())),
        bad("size_tiers", () -> new SizeTiers(null)),
        bad("size_tiers[2].up_to_usd", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.02, 0.01),
            new SizeTier(1e7, 0.05, 0.025), new SizeTier(5e6, 0.1, 0.05), new SizeTier(INF, 0.2, 0.1)))),
        bad("size_tiers[1].up_to_usd", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.02, 0.01),
            new SizeTier(1e6, 0.05, 0.025), new SizeTier(INF, 0.2, 0.1)))),
        bad("size_tiers[1].initial_rate", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.05, 0.01),
            new SizeTier(INF, 0.04, 0.02)))),
        bad("size_tiers[1].maintenance_rate", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.05, 0.02),
            new SizeTier(INF, 0.06, 0.01)))),
        // the initial-maintenance gap narrows from 3% to 1%
        bad("size_tiers[1].maintenance_rate", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.05, 0.02),
            new SizeTier(INF, 0.10, 0.09)))),
        bad("size_tiers[1].up_to_usd", () -> new SizeTiers(List.of(new SizeTier(1e6, 0.02, 0.01),
            new SizeTier(1e7, 0.05, 0.025)))),
        bad("size_tiers[1]", () -> new SizeTiers(java.util.Arrays.asList(new SizeTier(1e6, 0.02, 0.01), null))),
        bad("delta_one", () -> new StandardMarginParameters(null, btc, 1, D.options(), D.sizeTiers(), true)),
        bad("delta_one.ETH", () -> new StandardMarginParameters(withNull, btc, 1, D.options(), D.sizeTiers(),
            true)),
        bad("default_delta_one", () -> new StandardMarginParameters(D.deltaOne(), null, 1, D.options(),
            D.sizeTiers(), true)),
        // the cap is below SOL's default 4% initial rate
        bad("delta_one_rate_cap", () -> new StandardMarginParameters(D.deltaOne(), D.defaultDeltaOne(), 0.03,
            D.options(), D.sizeTiers(), true)),
        bad("delta_one_rate_cap", () -> new StandardMarginParameters(D.deltaOne(), D.defaultDeltaOne(), 1.5,
            D.options(), D.sizeTiers(), true)),
        bad("options", () -> new StandardMarginParameters(D.deltaOne(), D.defaultDeltaOne(), 1, null,
            D.sizeTiers(), true)),
        bad("size_tiers", () -> new StandardMarginParameters(D.deltaOne(), D.defaultDeltaOne(), 1, D.options(),
            null, true)),
        bad("notional_usd", () -> D.sizeTiers().initial(-1)),
        bad("bracket", () -> D.sizeTiers().initialDeduction(8)));
  }

  private static Arguments bad(String field, Supplier<Object> construct) {
    return Arguments.of(field, construct);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badInputs")
  void shouldRejectBadInputNamingTheField(String field, Supplier<Object> construct) {
    assertThatThrownBy(construct::get).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldCopyTheCollectionsItIsGiven() {
    Map<Asset, DeltaOneRates> rates = new HashMap<>(D.deltaOne());
    List<SizeTier> tiers = new java.util.ArrayList<>(D.sizeTiers().tiers());
    StandardMarginParameters p = new StandardMarginParameters(rates, D.defaultDeltaOne(), 1, D.options(),
        new SizeTiers(tiers), true);
    rates.clear();
    tiers.clear();
    assertThat(p.deltaOne()).hasSize(2);
    assertThat(p.sizeTiers().tiers()).hasSize(8);
    assertThatThrownBy(() -> p.deltaOne().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
