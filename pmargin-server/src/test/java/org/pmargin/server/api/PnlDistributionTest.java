package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.history.HistorySource;
import org.pmargin.data.simulation.SimulationScenarios;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's P&amp;L distribution shows the command line's simulation margin: for the shipped hedged short
 * straddle on the shipped market, under every scenario kind, its initial and maintenance margin are bit for bit
 * those of {@code pmargin margin --model simulation} (the same scenarios and add-ons, composed as {@code
 * MarginCommand} composes them), its scenario set is that one, and in Monte Carlo the option book's BTC vol moves
 * (the service's own Monte Carlo used to leave vol still for option books).
 */
class PnlDistributionTest {

  private static final Path DATA = DataDirectory.find(null).orElseThrow();

  @ParameterizedTest
  @ValueSource(strings = {"filtered", "historical", "monte-carlo"})
  void shouldShowTheCommandLinesSimulationMargin(String kind) {
    Account account = PortfolioJson.read(Path.of("../examples/portfolios/hedged-short-straddle.json"));
    MarketSnapshot market = MarketSnapshotJson.read(Path.of("../examples/market/deribit-2024-06-17.json"));
    RiskParameters risk = RiskParameters.defaults();
    JsonNode d = new PnlDistribution(() -> DATA).of(account, market, risk, kind, 40);

    SimulationConfig config = risk.simulation().with(kind, risk.simulation().horizonDays(),
        risk.simulation().addOns());
    HistoryWindow window = HistoryWindow.of(market.asOf(), null, null, null);
    HistorySource history = HistorySource.load(DATA);
    SimulationScenarios.Built built = SimulationScenarios.build(account, history, config, window);
    MarginResult cli = new SimulationMarginModel(built.set(), config.margin(), config.addOns()
        ? SimulationScenarios.addOns(account, history, DATA, config, window, built.provenance()) : null)
        .margin(account, market);

    assertThat(d.get("initial_margin_usd").asDouble()).isEqualTo(cli.initialMarginUsd());
    assertThat(d.get("maintenance_margin_usd").asDouble()).isEqualTo(cli.maintenanceMarginUsd());
    assertThat(d.get("scenario_set").asString()).isEqualTo(built.set().name());
    assertThat(d.get("scenarios").asInt()).isEqualTo(built.set().size());
    assertThat(d.get("history").get("vol_factors").get(0).get("asset").asString()).isEqualTo("BTC");
    int btc = built.set().factorIndex(Asset.BTC);
    double moved = 0;
    for (int k = 0; k < built.set().size(); k++) {
      moved = Math.max(moved, Math.abs(built.set().volLogChange(k, btc)));
    }
    assertThat(moved).as("the largest BTC vol move").isGreaterThan(0.05);
    assertThat(d.get("es_usd").asDouble()).isPositive();
  }
}
