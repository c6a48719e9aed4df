package org.pmargin.engine.book;

import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;

/**
 * The grid model behind a plain {@link ScenarioMarginModel}: an engine given it shares the vectors but margins each
 * account through an {@code Account} built from the book, the path before issue 17's arrays. The baseline of the
 * benchmarks and the reference the property tests compare the array path with; the figures are the same bit for bit.
 */
public final class GridReferencePath {

  private GridReferencePath() {
  }

  /**
   * The model the engine margins the reference way.
   *
   * @param grid  the grid model
   * @return the same model, hidden from the array path
   */
  public static ScenarioMarginModel of(ScenarioGridModel grid) {
    return new ScenarioMarginModel() {
      @Override
      public String name() {
        return grid.name();
      }

      @Override
      public MarginResult margin(Account account, MarketSnapshot market) {
        return grid.margin(account, market);
      }

      @Override
      public MarginResult margin(Account account, MarketSnapshot market, VectorCache cache, boolean explain) {
        return grid.margin(account, market, cache, explain);
      }
    };
  }
}
