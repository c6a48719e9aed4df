package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.Fill;

/**
 * Every position of an engine holds the engine's one instance of its instrument, however many equal instances the
 * fills brought (a service parses each fill's instrument from its JSON): the grid's array path looks instruments up
 * by identity, and one instance per account made its table grow with the accounts (a 100,000-account tick took 15 s).
 */
class InstrumentInstanceTest {

  @Test
  void shouldGiveEveryPositionTheEnginesInstanceOfEqualInstruments() {
    try (MarginEngine e = new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()),
        EngineFixtures.market(), new EngineConfig(1, Duration.ofSeconds(60)))) {
      for (String id : new String[] {"a", "b", "c"}) {
        e.apply(new Deposit(id, Asset.USDC, 100_000));
        Instrument parsed = DeribitSymbols.parse("BTC-PERPETUAL"); // a new, equal instance each time
        e.apply(new Fill(id, parsed, 1_000, 66_000));
      }
      Instrument a = e.account("a").portfolio().positions().get(0).instrument();
      assertThat(e.account("b").portfolio().positions().get(0).instrument()).isSameAs(a);
      assertThat(e.account("c").portfolio().positions().get(0).instrument()).isSameAs(a);
      assertThat(DeribitSymbols.parse("BTC-PERPETUAL")).isNotSameAs(DeribitSymbols.parse("BTC-PERPETUAL"));
    }
  }
}
