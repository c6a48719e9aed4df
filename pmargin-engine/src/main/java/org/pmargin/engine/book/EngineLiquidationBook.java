package org.pmargin.engine.book;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.List;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.liquidation.LiquidationBook;

/**
 * The engine's account states seen through {@link LiquidationBook}: what the liquidation package reads and commits,
 * with the engine's current model, snapshot and vector cache.
 */
final class EngineLiquidationBook implements LiquidationBook {

  private final MarginEngine engine;
  private final AssetBits bits;
  private final ForkJoinPool pool;

  EngineLiquidationBook(MarginEngine engine, AssetBits bits, ForkJoinPool pool) {
    this.engine = engine;
    this.bits = bits;
    this.pool = pool;
  }

  @Override
  public int size() {
    return engine.states().size();
  }

  @Override
  public String id(int i) {
    return engine.states().get(i).id;
  }

  @Override
  public Account account(int i) {
    return engine.states().get(i).toAccount();
  }

  @Override
  public AccountHealth health(int i) {
    return engine.states().get(i).health;
  }

  @Override
  public double quantity(int i, String symbol) {
    return engine.states().get(i).quantity(symbol);
  }

  @Override
  public AccountMargin view(int i) {
    AccountState s = engine.states().get(i);
    return new AccountMargin(s.id, s.health, s.snapshotVersion, s.degraded);
  }

  @Override
  public MarketSnapshot snapshot() {
    return engine.snapshot();
  }

  @Override
  public MarginModel model() {
    return engine.model();
  }

  @Override
  public org.pmargin.core.margin.VectorCache vectorCache() {
    return engine.vectorCache();
  }

  @Override
  public AccountHealth margin(Account account) {
    return margin(engine.model(), engine.snapshot(), engine.vectorCache(), risk(account));
  }

  /**
   * The account with what other venues attest it holds, when it holds attestations: the loss layers (ADL, a
   * socialised loss) trade or charge only its local book, but its health is always that of its one risk profile.
   */
  private Account risk(Account local) {
    AccountState s = engine.stateOf(local.id());
    return s == null || s.crossVenue == null ? local : s.crossVenue.union(local, engine.snapshot().asOf());
  }

  /** Margins on given market state (pool threads must not take the engine's lock: the writer holds it). */
  private static AccountHealth margin(MarginModel m, MarketSnapshot market, SnapshotVectorCache cache, Account a) {
    MarginResult r = m instanceof ScenarioMarginModel sm ? sm.margin(a, market, cache, false) : m.margin(a, market);
    return r.health();
  }

  @Override
  public List<AccountHealth> marginAll(List<Account> local) {
    List<Account> accounts = local.stream().map(this::risk).toList();
    AccountHealth[] out = new AccountHealth[accounts.size()];
    MarginModel m = engine.model();
    MarketSnapshot market = engine.snapshot();
    SnapshotVectorCache cache = engine.vectorCache();
    if (pool != null && accounts.size() > 64) { // a socialised loss re-margins every account with positive equity
      try {
        pool.submit(() -> IntStream.range(0, out.length).parallel().forEach(k -> out[k] = margin(m, market, cache,
            accounts.get(k))))
            .get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while margining", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("margining failed", e.getCause());
      }
    } else {
      for (int k = 0; k < out.length; k++) {
        out[k] = margin(m, market, cache, accounts.get(k));
      }
    }
    return Arrays.asList(out);
  }

  @Override
  public AccountMargin commit(int i, Account account, AccountHealth health) {
    AccountState old = engine.states().get(i);
    AccountState s = old.replacedBy(account, bits);
    s.health = health;
    s.snapshotVersion = engine.snapshot().version();
    s.degraded = (s.exposure & engine.degradedMask()) != 0;
    engine.states().set(i, s);
    return view(i);
  }
}
