package org.pmargin.engine.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * The state tree of a real engine book (300 synthetic accounts of 6 positions on the grid model): the root is the
 * same on one thread or several, whatever order the accounts are given in, and for a second engine that holds the
 * same state; every account's proof verifies, survives its JSON form, decodes to the engine's figures exactly, and
 * fails when any byte of its leaf is changed; one deposit moves the root.
 */
class StateCommitmentTest {

  private static final MarketSnapshot MARKET = SyntheticMarkets.threeCoins();
  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());

  private static MarginEngine engine() {
    MarginEngine e = new MarginEngine(MODEL, MARKET, new EngineConfig(1, Duration.ofSeconds(60)));
    e.load(new SyntheticAccounts(MARKET).generate(300, 6, 2, MODEL, 7));
    return e;
  }

  static List<AccountLeaf> leaves(MarginEngine e) {
    List<AccountLeaf> out = new ArrayList<>();
    for (AccountMargin m : e.margins()) {
      out.add(AccountLeaf.of(e.account(m.accountId()), m));
    }
    return out;
  }

  static AccountLeaf leaf(MarginEngine e, String id) {
    return AccountLeaf.of(e.account(id), e.margin(id).orElseThrow());
  }

  @Test
  void shouldGiveOneRootForOneStateAndAProofForEveryAccount() {
    try (MarginEngine e = engine(); MarginEngine twin = engine()) {
      List<AccountLeaf> leaves = leaves(e);
      StateCommitment c = StateCommitment.of(1, e.snapshot().version(), leaves, false);
      List<AccountLeaf> shuffled = new ArrayList<>(leaves);
      Collections.shuffle(shuffled, new Random(3));
      assertThat(StateCommitment.of(1, e.snapshot().version(), shuffled, true).root()).isEqualTo(c.root());
      assertThat(StateCommitment.of(1, twin.snapshot().version(), leaves(twin), true).root()).isEqualTo(c.root());
      assertThat(c.size()).isEqualTo(300);
      assertThat(c.accounts()).isSorted();

      List<Account> accounts = e.margins().stream().map(m -> e.account(m.accountId())).toList();
      StateCommitment direct = StateCommitment.ofAccounts(1, e.snapshot().version(), accounts, e.margins(), true);
      assertThat(direct.root()).as("encoded straight from the engine's objects").isEqualTo(c.root());
      for (AccountMargin m : e.margins()) {
        InclusionProof p = c.proof(AccountLeaf.of(e.account(m.accountId()), m)).orElseThrow();
        assertThat(p.verify(c.root())).as(m.accountId()).isTrue();
        InclusionProof back = InclusionProof.fromJson(Json.parse(p.toJson().toString()));
        assertThat(back).isEqualTo(p);
        assertThat(back.verify(c.root())).isTrue();
        AccountLeaf s = back.state();
        assertThat(s.account()).isEqualTo(m.accountId());
        assertThat(s.equityUsd()).isEqualTo(m.health().equityUsd());
        assertThat(s.initialMarginUsd()).isEqualTo(m.health().initialMarginUsd());
        assertThat(s.maintenanceMarginUsd()).isEqualTo(m.health().maintenanceMarginUsd());
        assertThat(s.state()).isEqualTo(m.health().state().name());
        Account a = e.account(m.accountId());
        assertThat(s.positions()).hasSize(a.portfolio().positions().size());
        for (AccountLeaf.Balance b : s.balances()) {
          assertThat(b.amount()).isEqualTo(a.balance(Asset.of(b.asset())));
        }
      }
      assertThat(c.contains("nobody")).isFalse();
      assertThat(c.proof(new AccountLeaf("nobody", List.of(), List.of(), 0, 0, 0, "HEALTHY", false, 1))).isEmpty();
    }
  }

  @Test
  void shouldFailWhenAnyByteOfALeafChanges() {
    try (MarginEngine e = engine()) {
      StateCommitment c = StateCommitment.of(1, e.snapshot().version(), leaves(e), true);
      InclusionProof p = c.proof(leaf(e, "acc-17")).orElseThrow();
      for (int i = 0; i < p.leaf().length; i++) {
        for (int bit : new int[] {0, 7}) {
          byte[] leaf = p.leaf();
          leaf[i] ^= (byte) (1 << bit);
          InclusionProof forged = new InclusionProof(p.account(), leaf, p.index(), p.treeSize(), p.path(), p.root(),
              p.sequence(), p.snapshotVersion());
          assertThat(forged.verify()).as("byte %d bit %d", i, bit).isFalse();
        }
      }
      InclusionProof other = new InclusionProof("acc-18", p.leaf(), p.index(), p.treeSize(), p.path(), p.root(),
          p.sequence(), p.snapshotVersion());
      assertThat(other.verify()).as("a proof names the account its leaf holds").isFalse();
    }
  }

  @Test
  void shouldMoveTheRootWhenTheStateChanges() {
    try (MarginEngine e = engine()) {
      StateCommitment before = StateCommitment.of(1, e.snapshot().version(), leaves(e), true);
      InclusionProof old = before.proof(leaf(e, "acc-5")).orElseThrow();
      e.apply(new Deposit("acc-5", Asset.USDC, 1));
      assertThat(before.proof(leaf(e, "acc-5"))).as("its state is no longer the committed one").isEmpty();
      StateCommitment after = StateCommitment.of(2, e.snapshot().version(), leaves(e), true);
      assertThat(after.root()).isNotEqualTo(before.root());
      assertThat(old.verify(after.root())).isFalse();
      assertThat(after.proof(leaf(e, "acc-5")).orElseThrow().verify(after.root())).isTrue();
      assertThat(after.proof(leaf(e, "acc-6")).orElseThrow().verify(before.root())).isFalse();
    }
  }

  @Test
  void shouldRejectNonCanonicalLeavesAndBadProofFiles() {
    AccountLeaf leaf = new AccountLeaf("a", List.of(new AccountLeaf.Balance("BTC", 1), new AccountLeaf.Balance("USDC",
        2)), List.of(), 10, 1, 0.5, "HEALTHY", false, 3);
    assertThat(AccountLeaf.decode(leaf.encode())).isEqualTo(leaf);
    AccountLeaf unsorted = new AccountLeaf("a", List.of(new AccountLeaf.Balance("USDC", 2),
        new AccountLeaf.Balance("BTC", 1)), List.of(), 10, 1, 0.5, "HEALTHY", false, 3);
    assertThatThrownBy(() -> AccountLeaf.decode(unsorted.encode())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("canonical");
    byte[] bytes = leaf.encode();
    assertThatThrownBy(() -> AccountLeaf.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> AccountLeaf.decode(java.util.Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> InclusionProof.fromJson(Json.parse("{\"format\":\"pmargin-proof/1\",\"account\":\"a\","
        + "\"leaf\":\"zz\",\"index\":0,\"tree_size\":1,\"path\":[],\"root\":\"00\",\"sequence\":1,"
        + "\"snapshot_version\":1}"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("leaf");
    assertThatThrownBy(() -> InclusionProof.fromJson(Json.parse("{\"format\":\"pmargin-proof/1\",\"account\":\"a\","
        + "\"leaf\":\"00\",\"index\":0,\"tree_size\":1,\"path\":[],\"root\":\"00\",\"sequence\":1,"
        + "\"snapshot_version\":1}"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("root");
    assertThatThrownBy(() -> InclusionProof.fromJson(Json.parse("{\"format\":\"pmargin-proof/1\",\"extra\":1}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("extra");
  }
}
