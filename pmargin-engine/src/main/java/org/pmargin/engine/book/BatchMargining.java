package org.pmargin.engine.book;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.grid.GridBookMargin;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Margins many of the engine's accounts at once, in parallel when the engine has a pool, without changing anything:
 * scenario models take a chunk of accounts per task (the simulation model blocks its accumulation over the chunk),
 * other models one account per task.
 */
final class BatchMargining {

  /** Accounts margined together by a scenario model (the simulation's tail pass shares each vector block among them). */
  private static final int CHUNK = 256;

  private BatchMargining() {
  }

  /** The margins of the targets, in order, or the first failure. */
  record Recomputed(AccountHealth[] health, String failure) {
  }

  /** Margins the targets (in parallel when configured) without changing anything. */
  static Recomputed recompute(List<AccountState> accounts, ForkJoinPool pool, List<Integer> targets, MarginModel m, MarketSnapshot market,
      SnapshotVectorCache c) {
    AccountHealth[] out = new AccountHealth[targets.size()];
    String[] errors = new String[targets.size()];
    // Scenario models margin a chunk of accounts per task (the simulation model blocks its accumulation over the
    // chunk); other models one account per task.
    int chunk = m instanceof ScenarioMarginModel ? CHUNK : 1;
    int tasks = (targets.size() + chunk - 1) / chunk;
    GridBookMargin grid = m instanceof ScenarioGridModel g ? c.gridBook(g, market) : null;
    java.util.function.IntConsumer one = task -> {
      int from = task * chunk;
      int to = Math.min(targets.size(), from + chunk);
      if (grid != null) {
        double[] figures = FIGURES.get();
        for (int k = from; k < to; k++) {
          AccountState s = accounts.get(IndexList.at(targets, k));
          AccountHealth h = s.gridHealth(grid, figures);
          if (h != null) {
            out[k] = h;
            continue;
          }
          try {
            out[k] = compute(s, m, market, c); // the reference path: the model's figures or its error
          } catch (InvalidInputException e) {
            errors[k] = "account " + s.id + ": " + e.getMessage();
          }
        }
        return;
      }
      if (m instanceof ScenarioMarginModel sm) {
        List<org.pmargin.core.portfolio.Account> batch = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
          batch.add(accounts.get(IndexList.at(targets, k)).riskAccount(market.asOf()));
        }
        MarginResult[] results = new MarginResult[batch.size()];
        InvalidInputException[] failures = new InvalidInputException[batch.size()];
        sm.marginAll(batch, market, c, results, failures);
        for (int k = from; k < to; k++) {
          if (failures[k - from] != null) {
            errors[k] = "account " + batch.get(k - from).id() + ": " + failures[k - from].getMessage();
          } else {
            out[k] = results[k - from].health();
          }
        }
        return;
      }
      AccountState s = accounts.get(IndexList.at(targets, from));
      try {
        out[from] = compute(s, m, market, c);
      } catch (InvalidInputException e) {
        errors[from] = "account " + s.id + ": " + e.getMessage();
      }
    };
    if (pool != null && targets.size() > 64) {
      try {
        pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(one)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while margining", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("margining failed", e.getCause());
      }
    } else {
      for (int task = 0; task < tasks; task++) {
        one.accept(task);
      }
    }
    for (String e : errors) {
      if (e != null) {
        return new Recomputed(null, e); // the first failing account, in account order
      }
    }
    return new Recomputed(out, null);
  }

  /** Each thread's figures array for the grid's array path. */
  private static final ThreadLocal<double[]> FIGURES = ThreadLocal.withInitial(() -> new double[GridBookMargin.FIGURES]);

  /**
   * Margins one account state: the grid model from the state's arrays ({@link GridBookMargin}) when that path
   * covers it, else (and for every other model, and for accounts with attested holdings) through {@link
   * AccountState#riskAccount}: the same figures.
   */
  static AccountHealth margin(AccountState s, MarginModel m, MarketSnapshot market, SnapshotVectorCache c) {
    if (m instanceof ScenarioGridModel g) {
      AccountHealth h = s.gridHealth(c.gridBook(g, market), FIGURES.get());
      if (h != null) {
        return h;
      }
    }
    return compute(s, m, market, c);
  }

  /** Margins one account state the reference way (an {@code Account} built from the arrays). */
  static AccountHealth compute(AccountState s, MarginModel m, MarketSnapshot market, SnapshotVectorCache c) {
    org.pmargin.core.portfolio.Account a = s.riskAccount(market.asOf());
    MarginResult r = m instanceof ScenarioMarginModel sm ? sm.margin(a, market, c, false) : m.margin(a, market);
    return r.health();
  }
}
