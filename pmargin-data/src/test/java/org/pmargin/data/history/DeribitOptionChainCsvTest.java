package org.pmargin.data.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.data.DataDirectory;

/**
 * The pricer against Deribit's own published numbers: the real BTC chain of the data directory carries Deribit's
 * mark price, mark IV and Greeks for 166 options. Valued with our Black-76 on Deribit's forwards and mark IVs, every
 * mark must agree within Deribit's price tick and every Greek closely.
 *
 * <p>The data directory is always present in CI; if it is missing this test fails rather than skips.
 */
class DeribitOptionChainCsvTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();

  private static List<DeribitOptionQuote> quotes;
  private static MarketSnapshot market;

  @BeforeAll
  static void load() {
    assertThat(Files.isDirectory(DATA)).as("data directory " + DATA.toAbsolutePath()).isTrue();
    quotes = DeribitOptionChainCsv.read(DATA);
    market = DeribitOptionChainCsv.snapshot(quotes, DeribitOptionChainCsv.ASSUMED_AS_OF);
  }

  @Test
  void shouldReadEveryRow() {
    assertThat(quotes).hasSize(166);
    assertThat(market.underlying(Asset.BTC).vols().slices()).hasSize(8);
  }

  @Test
  void shouldReproduceDeribitsMarksWithinOneTick() {
    for (DeribitOptionQuote q : quotes) {
      PositionValuation v = PositionValuer.value(new Position(q.option(), 1, q.markPrice()), market);
      // Deribit rounds marks to its 0.0001 BTC tick; the capture time is known to about two hours.
      assertThat(v.markPrice()).as(q.option().symbol()).isCloseTo(q.markPrice(), within(1.5e-4));
    }
  }

  @Test
  void shouldReproduceDeribitsGreeks() {
    for (DeribitOptionQuote q : quotes) {
      PositionValuation v = PositionValuer.value(new Position(q.option(), 1, q.markPrice()), market);
      double ratio = q.underlyingPrice() / market.underlying(Asset.BTC).index();
      String name = q.option().symbol();
      // Deribit's ticker Greeks are Black-76 on the forward, USD: delta, gamma, vega per vol point, theta per day.
      assertThat(v.delta()).as(name).isCloseTo(q.delta(), within(5e-4));
      assertThat(v.vega() * ratio / 100).as(name).isCloseTo(q.vega(), within(0.005 * Math.abs(q.vega())));
      assertThat(v.theta() * ratio / YearFraction.DAYS_PER_YEAR).as(name)
          .isCloseTo(q.theta(), within(0.01 * Math.abs(q.theta())));
      assertThat(v.gamma() / ratio).as(name).isCloseTo(q.gamma(), within(1e-5));
    }
  }
}
