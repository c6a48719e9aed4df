package org.pmargin.bench;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;
import org.pmargin.engine.proof.AccountLeaf;
import org.pmargin.engine.proof.StateCommitment;

/**
 * The state root of {@value #ACCOUNTS} accounts of 10 positions (issue 19 target: ≤ 2 s on this machine): from the
 * engine's objects (account and last margin) straight to the canonical leaf bytes, their hashes and the tree, on one thread and
 * on the fork-join pool. The baseline in the same run, {@code sha256Floor}, is SHA-256 over the same leaf bytes
 * already encoded, one digest per leaf: the cost no tree over these leaves can avoid. Seconds per root.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class StateRootBenchmark {

  /** Accounts in the book. */
  public static final int ACCOUNTS = 1_000_000;

  /** The book: accounts and made-up last margins, and their leaves pre-encoded for the floor. */
  @State(Scope.Benchmark)
  public static class Book {
    List<Account> accounts;
    List<AccountMargin> margins;
    List<byte[]> encoded;

    @Setup
    public void setUp() {
      List<Account> pattern = new SyntheticAccounts(SyntheticMarkets.threeCoins()).generate(10_000, 10, 3, null, 19);
      accounts = new ArrayList<>(ACCOUNTS);
      margins = new ArrayList<>(ACCOUNTS);
      encoded = new ArrayList<>(ACCOUNTS);
      for (int i = 0; i < ACCOUNTS; i++) {
        Account p = pattern.get(i % pattern.size());
        Account a = new Account("acc-" + i, p.portfolio(), p.collateral());
        AccountMargin m = new AccountMargin(a.id(), new AccountHealth(100_000 + i, 20_000 + i * 0.5, 10_000 + i * 0.25,
            0.1, 80_000, HealthState.HEALTHY), 7, false);
        accounts.add(a);
        margins.add(m);
        encoded.add(AccountLeaf.of(a, m).encode());
      }
    }

  }

  /** Leaves, hashes and tree on the calling thread. */
  @Benchmark
  public byte[] rootOneThread(Book b) {
    return StateCommitment.ofAccounts(1, 7, b.accounts, b.margins, false).root();
  }

  /** The same with encoding, hashing and each tree level split over the fork-join pool. */
  @Benchmark
  public byte[] rootParallel(Book b) {
    return StateCommitment.ofAccounts(1, 7, b.accounts, b.margins, true).root();
  }

  /** The floor: one SHA-256 per pre-encoded leaf, one thread, no tree. */
  @Benchmark
  public byte[] sha256Floor(Book b) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] last = null;
    for (byte[] leaf : b.encoded) {
      md.update((byte) 0);
      last = md.digest(leaf);
    }
    return last;
  }
}
