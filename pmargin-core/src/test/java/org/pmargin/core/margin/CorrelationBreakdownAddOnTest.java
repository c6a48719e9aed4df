package org.pmargin.core.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;

/**
 * The correlation-breakdown add-on: on the grid it is the inter-underlying credit set to zero, it never lowers a
 * margin, it is zero for models without cross-underlying offsets and for one-underlying books, and the shared-vector
 * and batch paths agree with the plain one.
 */
class CorrelationBreakdownAddOnTest {

  private static final Instant AS_OF = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = market();
  private static final RiskParameters RISK = RiskParameters.defaults();
  private static final MarginModel GRID = new ScenarioGridModel(RISK.grid());
  private static final MarginModel GRID_NO_CREDIT = new ScenarioGridModel(RISK.grid().toBuilder()
      .offsets(List.of()).build());
  private static final List<String> UNIVERSE = List.of("BTC_USDC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC-PERPETUAL",
      "ETH-PERPETUAL", "BTC-27SEP24", "ETH-27SEP24", "BTC-27SEP24-70000-C", "BTC-27SEP24-60000-P",
      "ETH-27SEP24-4000-C", "ETH-27SEP24-3000-P", "BTC_USDC-27SEP24-65000-C", "ETH_USDC-27SEP24-3500-P");

  @Test
  void shouldChargeBackTheGridsBtcEthCreditOnAPairTrade() {
    // long 10 BTC (656,662 USD) against short 186.5 ETH (656,545 USD): the default grid credits 30% of the hedge
    Account pair = account(List.of(pos("BTC_USDC-PERPETUAL", 10_000), pos("ETH_USDC-PERPETUAL", -18_650)),
        Map.of(Asset.USDC, 300_000.0));
    MarginResult base = GRID.margin(pair, MARKET);
    MarginResult wrapped = new CorrelationBreakdownAddOn(GRID).margin(pair, MARKET);
    double noCredit = GRID_NO_CREDIT.margin(pair, MARKET).initialMarginUsd();
    assertThat(base.initialMarginUsd()).isLessThan(noCredit * 0.9);
    assertThat(wrapped.initialMarginUsd()).isCloseTo(noCredit, within(1e-6));
    assertThat(wrapped.model()).isEqualTo(GRID.name() + "+corr_breakdown");
    MarginComponent addOn = wrapped.pools().get(0).components().stream()
        .filter(c -> c.name().equals(CorrelationBreakdownAddOn.COMPONENT)).findFirst().orElseThrow();
    assertThat(addOn.initial()).isCloseTo(noCredit - base.initialMarginUsd(), within(1e-6));
    assertThat(wrapped.health().equityUsd()).isEqualTo(base.health().equityUsd());
  }

  @Test
  void shouldLeaveAOneUnderlyingBookAsItIs() {
    Account covered = account(List.of(pos("BTC_USDC-PERPETUAL", 5), pos("BTC_USDC-27SEP24-65000-C", -5)),
        Map.of(Asset.USDC, 100_000.0));
    MarginResult base = GRID.margin(covered, MARKET);
    MarginResult wrapped = new CorrelationBreakdownAddOn(GRID).margin(covered, MARKET);
    assertThat(wrapped.pools()).isEqualTo(base.pools());
  }

  record Book(int index, Account account) {
    @Override
    public String toString() {
      return "book " + index + " " + account.portfolio().positions().stream()
          .map(p -> p.quantity() + " " + p.instrument().symbol()).toList() + " " + account.collateral();
    }
  }

  static Stream<Book> books() {
    SplittableRandom rnd = new SplittableRandom(14_2026_1207L);
    return IntStream.range(0, 60).mapToObj(i -> {
      List<Position> ps = new ArrayList<>();
      int n = 1 + rnd.nextInt(5);
      List<String> left = new ArrayList<>(UNIVERSE);
      for (int k = 0; k < n; k++) {
        String sym = left.remove(rnd.nextInt(left.size()));
        boolean inverse = !sym.contains("_USDC") && !sym.endsWith("-C") && !sym.endsWith("-P");
        boolean usdc = sym.contains("_USDC");
        // contracts: inverse 10 (BTC) or 1 (ETH) USD; USDC perpetuals 0.001 BTC / 0.01 ETH; USDC options 0.01 coin
        double size = inverse ? (sym.startsWith("BTC") ? 100 : 1000) * (1 + rnd.nextInt(500))
            : usdc ? (sym.contains("PERPETUAL") ? 100 : 10) * (1 + rnd.nextInt(100)) : 0.1 * (1 + rnd.nextInt(100));
        ps.add(pos(sym, rnd.nextBoolean() ? size : -size));
      }
      Map<Asset, Double> c = rnd.nextBoolean() ? Map.of(Asset.USDC, 50_000.0 + rnd.nextInt(500_000))
          : Map.of(Asset.USDC, 20_000.0, Asset.BTC, 0.5 + rnd.nextInt(5), Asset.ETH, 1.0 + rnd.nextInt(20));
      return new Book(i, account(ps, c));
    });
  }

  @ParameterizedTest
  @MethodSource("books")
  void shouldEqualTheGridWithoutCreditAndNeverLowerAMargin(Book b) {
    MarginResult grid = GRID.margin(b.account(), MARKET);
    MarginResult wrapped = new CorrelationBreakdownAddOn(GRID).margin(b.account(), MARKET);
    MarginResult noCredit = GRID_NO_CREDIT.margin(b.account(), MARKET);
    assertThat(wrapped.initialMarginUsd()).as(b.toString())
        .isCloseTo(noCredit.initialMarginUsd(), within(1e-7 * Math.max(1, noCredit.initialMarginUsd())));
    assertThat(wrapped.maintenanceMarginUsd()).as(b.toString())
        .isCloseTo(noCredit.maintenanceMarginUsd(), within(1e-7 * Math.max(1, noCredit.maintenanceMarginUsd())));
    assertThat(wrapped.initialMarginUsd()).isGreaterThanOrEqualTo(grid.initialMarginUsd());
    MarginModel sensitivity = new SensitivityModel(RISK.sensitivity(), RISK.collateral());
    assertThat(new CorrelationBreakdownAddOn(sensitivity).margin(b.account(), MARKET).initialMarginUsd())
        .as(b.toString()).isGreaterThanOrEqualTo(sensitivity.margin(b.account(), MARKET).initialMarginUsd());
    MarginModel isolated = new IsolatedModel(RISK.standard());
    assertThat(new CorrelationBreakdownAddOn(isolated).margin(b.account(), MARKET).initialMarginUsd())
        .as(b.toString()).isCloseTo(isolated.margin(b.account(), MARKET).initialMarginUsd(), within(1e-6));
  }

  @Test
  void shouldGiveTheSameFiguresOnTheSharedVectorAndBatchPaths() {
    CorrelationBreakdownAddOn wrapped = new CorrelationBreakdownAddOn(GRID);
    List<Account> accounts = books().map(Book::account).toList();
    MapVectorCache cache = new MapVectorCache();
    MarginResult[] results = new MarginResult[accounts.size()];
    org.pmargin.core.validation.InvalidInputException[] errors =
        new org.pmargin.core.validation.InvalidInputException[accounts.size()];
    wrapped.marginAll(accounts, MARKET, cache, results, errors);
    for (int i = 0; i < accounts.size(); i++) {
      MarginResult plain = wrapped.margin(accounts.get(i), MARKET);
      assertThat(errors[i]).isNull();
      assertThat(results[i].health()).as("book " + i).isEqualTo(plain.health());
      assertThat(wrapped.margin(accounts.get(i), MARKET, cache, true).pools()).as("book " + i)
          .isEqualTo(plain.pools());
    }
  }

  private static Position pos(String symbol, double quantity) {
    Instrument inst = DeribitSymbols.parse(symbol);
    return new Position(inst, quantity, 1.0);
  }

  private static Account account(List<Position> positions, Map<Asset, Double> collateral) {
    return new Account("a", new Portfolio(positions), collateral);
  }

  private static MarketSnapshot market() {
    Instant sep = Instant.parse("2024-09-27T08:00:00Z");
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, new ForwardCurve(AS_OF, 65666.19, List.of(
        new ForwardCurve.ForwardPoint(sep, 65666.19 * 1.027))), 65666.19, 0.0001, VolSurface.flat(AS_OF, 0.55));
    UnderlyingMarket eth = new UnderlyingMarket(Asset.ETH, new ForwardCurve(AS_OF, 3520.4, List.of(
        new ForwardCurve.ForwardPoint(sep, 3520.4 * 1.026))), 3520.4, 0.0001, VolSurface.flat(AS_OF, 0.65));
    return new MarketSnapshot(AS_OF, 1, 0.0, Map.of(Asset.BTC, btc, Asset.ETH, eth), Map.of(Asset.USDC, 1.0));
  }
}
