package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;
import org.pmargin.engine.script.MarketLine;

/**
 * {@link AccountShard#restore} at a {@link AccountShard#base}: a shard restored at the base taken just before a full
 * pass (written and read by {@link EngineStateCodec} as a Flink task saves it), then given that update and every
 * later event, produces the margins of the shard that ran uninterrupted, bit for bit; with vectors kept per market
 * time, a base before any update does. Seeded scripts: BTC ticks 25 s apart (a full pass every third one, on the
 * 60 s interval), ETH and SOL positions unmoved between full passes, and fills between the ticks.
 */
class AccountShardRestoreTest {

  private static final MarketSnapshot MARKET = SyntheticMarkets.threeCoins();
  private static final MarginModel GRID = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final EngineConfig CONFIG = new EngineConfig(1, Duration.ofSeconds(60));

  /** One step of a script: an account event, or a market line. */
  private record Step(String account, EngineEvent event, String marketLine) {
  }

  /** A shard and the accounts its holder keeps, fed a script. */
  private static final class Holder {
    AccountShard shard;
    final Map<String, ShardAccount> book = new LinkedHashMap<>();
    final List<String> margins = new ArrayList<>();

    Holder(AccountShard shard) {
      this.shard = shard;
    }

    void run(List<Step> steps, int from, int to) {
      for (int i = from; i < to; i++) {
        Step s = steps.get(i);
        long seq = i + 1;
        if (s.marketLine() == null) {
          AccountShard.Booked b = shard.apply(seq, s.event(), book.get(s.account()));
          if (b.outcome().accepted()) {
            book.put(s.account(), b.after());
          }
          record(b.outcome());
        } else {
          MarketLine line = MarketLine.read(Fields.of(Json.parse(s.marketLine()), ""));
          assertThat(shard.advance(line.update(shard.snapshot()))).isNull();
          AccountShard.Remargined m = shard.remargin(seq, new ArrayList<>(book.values()), false);
          book.putAll(m.changed());
          record(m.outcome());
        }
      }
    }

    private void record(EventOutcome o) {
      for (AccountMargin m : o.margins()) {
        margins.add(o.sequence() + " " + m); // records print doubles as shortest round-trip decimals
      }
    }
  }

  private static List<Step> script(long seed, int ticks) {
    List<Account> population = new SyntheticAccounts(MARKET).generate(30, 10, 3, GRID, seed);
    List<Step> out = new ArrayList<>();
    for (Account a : population) {
      for (Map.Entry<Asset, Double> c : a.collateral().entrySet()) {
        out.add(new Step(a.id(), new Deposit(a.id(), c.getKey(), c.getValue()), null));
      }
      for (Position p : a.portfolio().positions()) {
        out.add(new Step(a.id(), new Fill(a.id(), p.instrument(), p.quantity(), p.entryPrice()), null));
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    Instant t = MARKET.asOf();
    for (int k = 0; k < ticks; k++) {
      t = t.plusSeconds(25);
      double move = k % 2 == 0 ? -0.015 : 0.01;
      out.add(new Step(null, null, "{\"type\":\"market\",\"moves\":{\"BTC\":" + move + "},\"at\":\"" + t + "\"}"));
      for (int e = 0; e < 2; e++) {
        Account a = population.get(rnd.nextInt(population.size()));
        Position p = a.portfolio().positions().get(rnd.nextInt(a.portfolio().positions().size()));
        out.add(new Step(a.id(), new Fill(a.id(), p.instrument(), p.quantity() * 0.1, p.entryPrice()), null));
      }
    }
    return out;
  }

  /**
   * Runs the script uninterrupted, and for every market step of a kind ({@code fullOnly}: those that make a full
   * pass) restores a second shard at the base taken just before it, gives it the rest, and compares the margins.
   *
   * @return how many restore points were compared
   */
  private static int compareRestores(List<Step> steps, EngineConfig config, boolean fullOnly) {
    Holder whole = new Holder(new AccountShard(GRID, MARKET, config));
    whole.run(steps, 0, steps.size());
    int compared = 0;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).marketLine() == null) {
        continue;
      }
      Holder before = new Holder(new AccountShard(GRID, MARKET, config));
      before.run(steps, 0, i);
      byte[] saved = EngineStateCodec.write(before.shard.base(i));
      Map<String, ShardAccount> accounts = new LinkedHashMap<>(before.book); // the holder's, as it saved them
      int marginsBefore = before.margins.size();
      MarketSnapshot snapshot = before.shard.snapshot();
      Instant lastFull = before.shard.lastFullPass();
      long degraded = before.shard.degradedMask();
      List<String> order = before.shard.assetOrder();
      before.run(steps, i, i + 1);
      if (fullOnly && !before.shard.lastAdvanceFull()) {
        continue;
      }
      EngineState base = EngineStateCodec.read(saved);
      Holder restored = new Holder(AccountShard.restore(base, GRID, config));
      restored.book.putAll(accounts);
      assertThat(base.sequence()).isEqualTo(i);
      assertThat(restored.shard.snapshot()).isEqualTo(snapshot);
      assertThat(restored.shard.lastFullPass()).isEqualTo(lastFull);
      assertThat(restored.shard.degradedMask()).isEqualTo(degraded);
      assertThat(restored.shard.assetOrder()).isEqualTo(order);
      restored.run(steps, i, steps.size());
      List<String> expected = whole.margins.subList(marginsBefore, whole.margins.size());
      assertThat(restored.margins).as("restored before step %d", i).hasSize(expected.size()).isEqualTo(expected);
      compared++;
    }
    return compared;
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 11})
  void aShardRestoredBeforeAFullPassGoesOnBitForBit(long seed) {
    List<Step> steps = script(seed, 10);
    assertThat(compareRestores(steps, CONFIG, true)).as("full passes at ticks 3, 6, 9").isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(longs = {5})
  void withVectorsPerMarketTimeAShardRestoredBeforeAnyUpdateGoesOnBitForBit(long seed) {
    List<Step> steps = script(seed, 7);
    assertThat(compareRestores(steps, CONFIG.withVectorsPerMarketTime(true), false)).isEqualTo(7);
  }

  /**
   * Why a base is taken before a full pass: with vectors kept across market times (the default), the unmoved ETH and
   * SOL vectors of the last full pass are reused 25 and 50 s later, and a shard restored with an empty cache between
   * full passes computes them at the later time: other figures.
   */
  @ParameterizedTest
  @ValueSource(longs = {5})
  void withoutVectorsPerMarketTimeARestoreBetweenFullPassesIsNotExact(long seed) {
    List<Step> steps = script(seed, 7);
    assertThatThrownBy(() -> compareRestores(steps, CONFIG, false)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("restored before step");
  }

  @ParameterizedTest
  @ValueSource(longs = {3})
  void theBaseRoundTripsTheSnapshotAndTheDegradedBits(long seed) {
    AccountShard s = new AccountShard(GRID, MARKET, CONFIG);
    String line = "{\"type\":\"market\",\"moves\":{\"BTC\":0.0123456789},\"at\":\"" + MARKET.asOf().plusSeconds(7)
        + "\",\"degraded\":[\"SOL\"]}";
    assertThat(s.advance(MarketLine.read(Fields.of(Json.parse(line), "")).update(s.snapshot()))).isNull();
    assertThat(s.degradedMask()).isNotZero();
    EngineState back = EngineStateCodec.read(EngineStateCodec.write(s.base(seed)));
    assertThat(back.market()).isEqualTo(s.snapshot());
    AccountShard r = AccountShard.restore(back, GRID, CONFIG);
    assertThat(r.degradedMask()).isEqualTo(s.degradedMask());
    assertThat(r.assetOrder()).isEqualTo(s.assetOrder());
    assertThat(r.lastFullPass()).isEqualTo(MARKET.asOf());
    assertThat(r.lastAdvanceFull()).isFalse();
    MarginModel other = org.pmargin.core.margin.MarginModels.byName("isolated",
        org.pmargin.core.margin.RiskParameters.defaults());
    assertThatThrownBy(() -> AccountShard.restore(back, other, CONFIG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(other.name());
  }
}
