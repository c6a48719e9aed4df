package org.pmargin.engine.book;

import java.util.ArrayList;
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

  EngineLiquidationBook(MarginEngine engine) {
    this.engine = engine;
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
  public AccountHealth margin(Account account) {
    MarginModel m = engine.model();
    MarginResult r = m instanceof ScenarioMarginModel sm
        ? sm.margin(account, engine.snapshot(), engine.vectorCache(), false) : m.margin(account, engine.snapshot());
    return r.health();
  }

  @Override
  public List<AccountHealth> marginAll(List<Account> accounts) {
    List<AccountHealth> out = new ArrayList<>(accounts.size());
    for (Account a : accounts) {
      out.add(margin(a));
    }
    return out;
  }

  @Override
  public AccountMargin commit(int i, Account account, AccountHealth health) {
    AccountState old = engine.states().get(i);
    AccountState s = old.replacedBy(account, engine.assetBits());
    s.health = health;
    s.snapshotVersion = engine.snapshot().version();
    s.degraded = (s.exposure & engine.degradedMask()) != 0;
    engine.states().set(i, s);
    return view(i);
  }
}
