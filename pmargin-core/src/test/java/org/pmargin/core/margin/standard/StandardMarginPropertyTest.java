package org.pmargin.core.margin.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.standard.DeltaOneRates.StepUnit;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Properties of both standard models over seeded random books and markets (the seed is in every case's name):
 * finite results with 0 ≤ MM ≤ IM, breakdowns that add up, no offsets (a book costs the sum of its positions alone),
 * cross without size rules equal to isolated in USD, monotone in the size of a naked position, linear in the book
 * below the first tier boundary, and random tier tables that are continuous and match Binance's formula.
 */
class StandardMarginPropertyTest {

  private static final List<MarginModel> MODELS = List.of(new IsolatedModel(), new CrossModel());

  /**
   * Symbols of every kind: inverse and linear delta-one, coin and USDC options, spot (an expired option is refused:
   * {@code ExpiryRefusalTest}).
   */
  private static final List<String> UNIVERSE = List.of("BTC-PERPETUAL", "BTC_USDC-PERPETUAL", "BTC-28JUN24",
      "BTC-27SEP24", "BTC-28JUN24-50000-P", "BTC-28JUN24-62000-C", "BTC-28JUN24-90000-C", "BTC-28JUN24-200000-P",
      "BTC_USDC-28JUN24-58000-P", "BTC_USDC-28JUN24-65000-C", "ETH-PERPETUAL",
      "ETH-28JUN24-3000-P", "ETH_USDC-28JUN24-3300-C", "SOL_USDC-PERPETUAL", "BTC_USDC", "ETH/USD");

  /** Contracts whose notional is 300,000 USD in the fixture market (index 60,000 / 3,000 / 200). */
  private static final Map<String, Double> SMALL = smallSizes();

  private static Map<String, Double> smallSizes() {
    Map<String, Double> m = new HashMap<>();
    for (String s : UNIVERSE) {
      Instrument inst = DeribitSymbols.parse(s);
      double index = switch (inst.underlying().code()) {
        case "BTC" -> 60_500;
        case "ETH" -> 3_025;
        default -> 200;
      };
      boolean inverseDeltaOne = inst.settlement() == Settlement.INVERSE && !(inst instanceof EuropeanOption);
      m.put(s, inverseDeltaOne ? 300_000 / inst.contractSize() : 300_000 / (inst.contractSize() * index));
    }
    return m;
  }

  private static Position randomPosition(RandomGenerator rng, String symbol, double quantity, MarketSnapshot m) {
    Instrument inst = DeribitSymbols.parse(symbol);
    double mark = PositionValuer.value(new Position(inst, 1, 1_000), m).markPrice();
    double entry = inst instanceof EuropeanOption ? mark * rng.nextDouble(0, 2) : mark * rng.nextDouble(0.5, 1.5);
    return new Position(inst, quantity, entry);
  }

  // ---- random books ----

  record BookCase(long seed, int index, double btcFactor, List<String> symbols, double[] quantities,
      double[] entries, Map<Asset, Double> balances) {

    @Override
    public String toString() {
      return "BookCase[seed=" + seed + ", index=" + index + ", btcFactor=" + btcFactor + ", symbols=" + symbols
          + ", quantities=" + Arrays.toString(quantities) + ", balances=" + balances + "]";
    }

    MarketSnapshot market() {
      return StandardFixtures.market(btcFactor, 1.0);
    }

    List<Position> positions() {
      List<Position> out = new ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        out.add(new Position(DeribitSymbols.parse(symbols.get(i)), quantities[i], entries[i]));
      }
      return out;
    }

    Account account() {
      return new Account("p", new Portfolio(positions()), balances);
    }
  }

  static Stream<BookCase> books() {
    long seed = 20_240_528L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 250).mapToObj(i -> {
      double factor = Math.exp(rng.nextDouble(Math.log(0.2), Math.log(5)));
      MarketSnapshot m = StandardFixtures.market(factor, 1.0);
      List<String> symbols = new ArrayList<>();
      List<Double> qs = new ArrayList<>();
      List<Double> entries = new ArrayList<>();
      for (String s : UNIVERSE) {
        if (rng.nextDouble() < 0.4) {
          // from 0.001× to 3,000× the 300,000 USD size: from 300 USD to 900M USD of notional
          double q = (rng.nextBoolean() ? 1 : -1) * SMALL.get(s) * Math.exp(rng.nextDouble(Math.log(1e-3),
              Math.log(3e3)));
          Position p = randomPosition(rng, s, q, m);
          symbols.add(s);
          qs.add(q);
          entries.add(p.entryPrice());
        }
      }
      Map<Asset, Double> balances = new HashMap<>();
      balances.put(Asset.BTC, rng.nextDouble(-2, 50));
      balances.put(Asset.USDC, rng.nextDouble(-1e5, 5e6));
      if (rng.nextBoolean()) {
        balances.put(Asset.ETH, rng.nextDouble(0, 500));
      }
      return new BookCase(seed, i, factor, symbols, qs.stream().mapToDouble(Double::doubleValue).toArray(),
          entries.stream().mapToDouble(Double::doubleValue).toArray(), balances);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("books")
  void shouldGiveFiniteMarginsWithBreakdownsThatAddUp(BookCase c) {
    for (MarginModel model : MODELS) {
      MarginResult r = model.margin(c.account(), c.market());
      for (PoolMargin p : r.pools()) {
        String where = model.name() + " pool " + p.currency();
        assertThat(Double.isFinite(p.equity())).as(where + " equity").isTrue();
        assertThat(p.maintenanceMargin()).as(where + " MM").isGreaterThanOrEqualTo(0).isFinite();
        assertThat(p.initialMargin()).as(where + " IM ≥ MM")
            .isGreaterThanOrEqualTo(p.maintenanceMargin() * (1 - 1e-12)).isFinite();
        double im = 0;
        double mm = 0;
        for (MarginComponent mc : p.components()) {
          assertThat(mc.initial()).as(where + " " + mc.name()).isGreaterThanOrEqualTo(0);
          assertThat(mc.initial()).as(where + " " + mc.name() + " IM ≥ MM")
              .isGreaterThanOrEqualTo(mc.maintenance() * (1 - 1e-12) - 1e-9);
          im += mc.initial();
          mm += mc.maintenance();
        }
        assertThat(p.initialMargin()).as(where + " Σ components").isCloseTo(im, within(1e-12 * (1 + im)));
        assertThat(p.maintenanceMargin()).as(where + " Σ components MM").isCloseTo(mm, within(1e-12 * (1 + mm)));
        double contributions = p.contributions().stream().mapToDouble(PositionContribution::initialMargin).sum();
        assertThat(contributions).as(where + " Σ contributions").isCloseTo(p.initialMargin(),
            within(1e-12 * (1 + p.initialMargin())));
        assertThat(p.contributions()).hasSize(p.contributions().stream().map(PositionContribution::symbol)
            .distinct().toList().size());
      }
      assertThat(r.health().equityUsd()).isFinite();
      assertThat(r.health().marginRatio()).isNotNaN();
      assertThat(r.health().availableUsd()).isFinite();
      int positions = r.pools().stream().mapToInt(p -> p.contributions().size()).sum();
      assertThat(positions).as(model.name() + ": one contribution per position").isEqualTo(c.symbols().size());
    }
  }

  /** No offsets: a book's margin is the sum of its positions' margins, each alone, pool by pool. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("books")
  void shouldCostTheSumOfItsPositionsAlone(BookCase c) {
    MarketSnapshot m = c.market();
    for (MarginModel model : MODELS) {
      MarginResult book = model.margin(new Account("p", new Portfolio(c.positions()), Map.of()), m);
      Map<Asset, double[]> alone = new HashMap<>();
      for (Position p : c.positions()) {
        for (PoolMargin pool : model.margin(new Account("p", new Portfolio(List.of(p)), Map.of()), m).pools()) {
          double[] sum = alone.computeIfAbsent(pool.currency(), k -> new double[2]);
          sum[0] += pool.initialMargin();
          sum[1] += pool.maintenanceMargin();
        }
      }
      for (PoolMargin pool : book.pools()) {
        double[] sum = alone.getOrDefault(pool.currency(), new double[2]);
        assertThat(pool.initialMargin()).as(model.name() + " " + pool.currency() + " IM")
            .isCloseTo(sum[0], within(1e-12 * (1 + sum[0])));
        assertThat(pool.maintenanceMargin()).as(model.name() + " " + pool.currency() + " MM")
            .isCloseTo(sum[1], within(1e-12 * (1 + sum[1])));
      }
    }
  }

  /** With no per-size increment and a single bracket, cross is isolated converted to USD (USDC at par). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("books")
  void shouldEqualIsolatedInUsdWithoutSizeRules(BookCase c) {
    StandardMarginParameters d = StandardMarginParameters.deribit();
    Map<Asset, DeltaOneRates> flat = new HashMap<>();
    d.deltaOne().forEach((a, r) -> flat.put(a, new DeltaOneRates(r.initialRate(), r.maintenanceRate(), 0, 1,
        StepUnit.COIN)));
    DeltaOneRates def = d.defaultDeltaOne();
    StandardMarginParameters noSize = new StandardMarginParameters(flat, new DeltaOneRates(def.initialRate(),
        def.maintenanceRate(), 0, 1, StepUnit.USD), 1.0, d.options(),
        new SizeTiers(List.of(new SizeTier(Double.POSITIVE_INFINITY, 0.02, 0.015))), true);
    MarginResult iso = new IsolatedModel(noSize).margin(c.account(), c.market());
    MarginResult cross = new CrossModel(noSize, HaircutSchedule.standard()).margin(c.account(), c.market());
    assertThat(cross.initialMarginUsd()).isCloseTo(iso.initialMarginUsd(), within(1e-9 * (1 + iso.initialMarginUsd())));
    assertThat(cross.maintenanceMarginUsd()).isCloseTo(iso.maintenanceMarginUsd(),
        within(1e-9 * (1 + iso.maintenanceMarginUsd())));
  }

  // ---- naked positions of growing size ----

  record SizeCase(long seed, int index, String symbol, double[] quantities) {

    @Override
    public String toString() {
      return "SizeCase[seed=" + seed + ", index=" + index + ", symbol=" + symbol + ", quantities="
          + Arrays.toString(quantities) + "]";
    }
  }

  static Stream<SizeCase> sizes() {
    long seed = 100L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 150).mapToObj(i -> {
      String s = UNIVERSE.get(rng.nextInt(UNIVERSE.size()));
      double sign = rng.nextBoolean() ? 1 : -1;
      // 40 growing sizes from 1e-4× to 1e4× the 300,000 USD size: through every bracket and the rate cap
      double[] q = new double[40];
      double x = SMALL.get(s) * 1e-4;
      for (int k = 0; k < q.length; k++) {
        x *= Math.exp(rng.nextDouble(0.05, 0.6));
        q[k] = sign * x;
      }
      return new SizeCase(seed, i, s, q);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizes")
  void shouldNeverCostLessForALargerNakedPosition(SizeCase c) {
    Instrument inst = DeribitSymbols.parse(c.symbol());
    for (MarginModel model : MODELS) {
      double prevIm = 0;
      double prevMm = 0;
      for (double q : c.quantities()) {
        MarginResult r = model.margin(new Account("p", new Portfolio(List.of(new Position(inst, q, 1_000))),
            Map.of()), StandardFixtures.MARKET);
        double im = r.initialMarginUsd();
        double mm = r.maintenanceMarginUsd();
        assertThat(im).as(model.name() + " IM at " + q).isGreaterThanOrEqualTo(prevIm).isFinite();
        assertThat(mm).as(model.name() + " MM at " + q).isGreaterThanOrEqualTo(prevMm).isFinite();
        boolean free = (q > 0 && (inst instanceof EuropeanOption || c.symbol().equals("BTC_USDC")
            || c.symbol().equals("ETH/USD")));
        if (!free && prevIm > 0) {
          assertThat(im).as(model.name() + " strictly more at " + q).isGreaterThan(prevIm);
        }
        prevIm = im;
        prevMm = mm;
      }
    }
  }

  // ---- scaling below the first bracket ----

  record ScaleCase(long seed, int index, List<String> symbols, double[] quantities, double factor) {

    @Override
    public String toString() {
      return "ScaleCase[seed=" + seed + ", index=" + index + ", symbols=" + symbols + ", quantities="
          + Arrays.toString(quantities) + ", factor=" + factor + "]";
    }
  }

  static Stream<ScaleCase> scales() {
    long seed = 31_415L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 150).mapToObj(i -> {
      List<String> symbols = new ArrayList<>();
      List<Double> qs = new ArrayList<>();
      for (String s : UNIVERSE) {
        if (rng.nextDouble() < 0.5) {
          symbols.add(s);
          // at most 300,000 USD each, so that up to 3× stays under the first bracket's 1,000,000
          qs.add((rng.nextBoolean() ? 1 : -1) * SMALL.get(s) * rng.nextDouble(0.01, 1));
        }
      }
      return new ScaleCase(seed, i, symbols, qs.stream().mapToDouble(Double::doubleValue).toArray(),
          rng.nextDouble(0.05, 3));
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scales")
  void shouldScaleTheMarginWithTheBookBelowTheFirstBracket(ScaleCase c) {
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < c.symbols().size(); i++) {
      positions.add(new Position(DeribitSymbols.parse(c.symbols().get(i)), c.quantities()[i], 1_000));
    }
    Portfolio book = new Portfolio(positions);
    double k = c.factor();
    StandardMarginParameters d = StandardMarginParameters.deribit();
    Map<Asset, DeltaOneRates> flat = new HashMap<>();
    d.deltaOne().forEach((a, r) -> flat.put(a, new DeltaOneRates(r.initialRate(), r.maintenanceRate(), 0, 1,
        StepUnit.COIN)));
    StandardMarginParameters noIncrement = new StandardMarginParameters(flat, new DeltaOneRates(0.04, 0.02, 0, 1,
        StepUnit.USD), 1.0, d.options(), d.sizeTiers(), true);
    // the cross model with its default tiers, and the isolated one without its (always non-linear) size increment
    for (MarginModel model : List.of(new CrossModel(), new IsolatedModel(noIncrement))) {
      MarginResult base = model.margin(new Account("p", book, Map.of()), StandardFixtures.MARKET);
      MarginResult scaled = model.margin(new Account("p", book.scaled(k), Map.of()), StandardFixtures.MARKET);
      for (PoolMargin p : scaled.pools()) {
        p.components().stream().filter(mc -> mc.name().equals("size_tiers"))
            .forEach(mc -> assertThat(mc.initial()).as("below the first bracket").isZero());
      }
      assertThat(scaled.initialMarginUsd()).as(model.name() + " IM")
          .isCloseTo(k * base.initialMarginUsd(), within(1e-12 * (1 + k * base.initialMarginUsd())));
      assertThat(scaled.maintenanceMarginUsd()).as(model.name() + " MM")
          .isCloseTo(k * base.maintenanceMarginUsd(), within(1e-12 * (1 + k * base.maintenanceMarginUsd())));
    }
  }

  static Stream<String> symbols() {
    return UNIVERSE.stream();
  }

  /** Sizes far beyond any real book either give finite margins or are rejected naming a field; never NaN. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("symbols")
  void shouldNeverReturnNanOrInfinityForExtremeSizes(String symbol) {
    Instrument inst = DeribitSymbols.parse(symbol);
    for (double q : new double[] {1e-300, -1e-300, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE}) {
      for (MarginModel model : MODELS) {
        try {
          MarginResult r = model.margin(new Account("p", new Portfolio(List.of(new Position(inst, q, 1_000))),
              Map.of(Asset.USDC, 1.0)), StandardFixtures.MARKET);
          assertThat(r.initialMarginUsd()).as(model.name() + " at " + q).isFinite().isGreaterThanOrEqualTo(0);
          assertThat(r.maintenanceMarginUsd()).isFinite().isGreaterThanOrEqualTo(0);
          assertThat(r.health().equityUsd()).isFinite();
        } catch (org.pmargin.core.validation.InvalidInputException e) {
          assertThat(e.field()).as(model.name() + " at " + q + ": " + e.getMessage()).isNotBlank();
        }
      }
    }
  }

  // ---- random tier tables ----

  record TierCase(long seed, int index, List<SizeTier> tiers, double[] notionals) {

    @Override
    public String toString() {
      return "TierCase[seed=" + seed + ", index=" + index + ", tiers=" + tiers + "]";
    }
  }

  static Stream<TierCase> tierTables() {
    long seed = 77L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 200).mapToObj(i -> {
      int n = 1 + rng.nextInt(10);
      List<SizeTier> tiers = new ArrayList<>();
      double bound = 0;
      double mm = rng.nextDouble(0, 0.05);
      double gap = rng.nextDouble(0, 0.05);
      for (int k = 0; k < n; k++) {
        bound = k == n - 1 ? Double.POSITIVE_INFINITY : bound + Math.exp(rng.nextDouble(Math.log(1e3), Math.log(1e8)));
        tiers.add(new SizeTier(bound, Math.min(1, mm + gap), Math.min(mm, Math.min(1, mm + gap))));
        mm = Math.min(0.5, mm + rng.nextDouble(0, 0.1));
        gap = Math.min(0.5, gap + rng.nextDouble(0, 0.1));
      }
      double[] notionals = rng.doubles(30, 0, 2e9).sorted().toArray();
      return new TierCase(seed, i, tiers, notionals);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tierTables")
  void shouldBeContinuousMonotoneAndBinanceShaped(TierCase c) {
    SizeTiers t = new SizeTiers(c.tiers());
    for (int i = 0; i < c.tiers().size() - 1; i++) {
      double b = c.tiers().get(i).upToUsd();
      double eps = b * 1e-9;
      assertThat(Math.abs(t.initial(b + eps) - t.initial(b - eps))).as("IM jump at %s", b)
          .isLessThanOrEqualTo(2 * eps + 1e-12 * b);
      assertThat(Math.abs(t.maintenance(b + eps) - t.maintenance(b - eps))).as("MM jump at %s", b)
          .isLessThanOrEqualTo(2 * eps + 1e-12 * b);
    }
    double prevIm = 0;
    double prevMm = 0;
    for (double n : c.notionals()) {
      int b = t.bracketOf(n);
      SizeTier tier = c.tiers().get(b);
      assertThat(t.initial(n)).isCloseTo(tier.initialRate() * n - t.initialDeduction(b), within(1e-9 * (1 + n)));
      assertThat(t.maintenance(n)).isCloseTo(tier.maintenanceRate() * n - t.maintenanceDeduction(b),
          within(1e-9 * (1 + n)));
      assertThat(t.initial(n)).isGreaterThanOrEqualTo(prevIm).isGreaterThanOrEqualTo(t.maintenance(n) * (1 - 1e-12));
      assertThat(t.maintenance(n)).isGreaterThanOrEqualTo(prevMm);
      assertThat(t.initialExtra(n)).isGreaterThanOrEqualTo(t.maintenanceExtra(n) - 1e-12 * n);
      prevIm = t.initial(n);
      prevMm = t.maintenance(n);
    }
  }
}
