package org.pmargin.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.engine.book.ShardAccount;

/**
 * One account in Flink keyed state, a POJO of arrays (Flink's POJO serializer, no Kryo): positions by symbol with
 * quantities and entry prices, balances by asset, the last margin and the snapshot version it was computed on.
 */
public class AccountRow {
  public String id;
  public String[] symbols;
  public double[] quantities;
  public double[] entries;
  public String[] assets;
  public double[] balances;
  /** Null before the first margining. */
  public String state;
  public double equity;
  public double initialMargin;
  public double maintenanceMargin;
  public double marginRatio;
  public double available;
  public long snapshotVersion;
  public boolean degraded;

  /** For Flink. */
  public AccountRow() {
  }

  /** The row of a shard account. */
  public static AccountRow of(ShardAccount a) {
    AccountRow r = new AccountRow();
    Account acc = a.account();
    r.id = acc.id();
    List<Position> ps = acc.portfolio().positions();
    r.symbols = new String[ps.size()];
    r.quantities = new double[ps.size()];
    r.entries = new double[ps.size()];
    for (int i = 0; i < ps.size(); i++) {
      r.symbols[i] = ps.get(i).instrument().symbol();
      r.quantities[i] = ps.get(i).quantity();
      r.entries[i] = ps.get(i).entryPrice();
    }
    r.assets = new String[acc.collateral().size()];
    r.balances = new double[acc.collateral().size()];
    int k = 0;
    for (Map.Entry<Asset, Double> e : acc.collateral().entrySet()) {
      r.assets[k] = e.getKey().code();
      r.balances[k++] = e.getValue();
    }
    AccountHealth h = a.health();
    if (h != null) {
      r.state = h.state().name();
      r.equity = h.equityUsd();
      r.initialMargin = h.initialMarginUsd();
      r.maintenanceMargin = h.maintenanceMarginUsd();
      r.marginRatio = h.marginRatio();
      r.available = h.availableUsd();
    }
    r.snapshotVersion = a.snapshotVersion();
    r.degraded = a.degraded();
    return r;
  }

  /** The shard account of this row. */
  public ShardAccount toShard() {
    List<Position> ps = new ArrayList<>(symbols.length);
    for (int i = 0; i < symbols.length; i++) {
      ps.add(new Position(Instruments.parse(symbols[i]), quantities[i], entries[i]));
    }
    Map<Asset, Double> collateral = new TreeMap<>();
    for (int i = 0; i < assets.length; i++) {
      collateral.put(Asset.of(assets[i]), balances[i]);
    }
    AccountHealth h = state == null ? null : new AccountHealth(equity, initialMargin, maintenanceMargin,
        marginRatio, available, HealthState.valueOf(state));
    return new ShardAccount(new Account(id, new Portfolio(ps), collateral), h, snapshotVersion, degraded);
  }
}
