package org.pmargin.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.Json;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.server.service.Answer;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the demo population into the service as logged events, as a front office would open them: for each
 * account of {@link SyntheticAccounts} (seeded, sized on the service's model at the window's start market) a
 * {@code create}, a USDC {@code deposit} of ten times its collateral, one {@code fill} per position at its entry
 * price (options at the mark), and a {@code withdraw} of the nine tenths it does not keep. The buffer is there because the engine
 * liquidates after every event, and a partly filled book can need more margin than the whole (a hedge not yet
 * filled); the withdrawal leaves the collateral the generator sized (1.1 to 3 times the book's initial margin), and
 * the engine refuses it, logged, only when that would breach initial margin.
 * Every event goes through {@link MarginService#submit} (sequenced, applied, committed, then acknowledged), so the
 * log holds the population and a restart recovers it.
 */
public final class DemoPopulation {

  /** What the load did. */
  public record Loaded(int accounts, long events, long refused, long millis) {
  }

  private static final int CHUNK = 5_000;
  private static final double BUFFER = 10;

  private DemoPopulation() {
  }

  /**
   * The population's accounts.
   *
   * @param window  the window (its start market)
   * @param model  the service's model, which sizes the collateral
   * @param accounts  how many
   * @param positions  positions per account
   * @param seed  the seed
   * @return the accounts, ids {@code acc-0}, ...
   */
  public static List<Account> accounts(DemoWindow window, MarginModel model, int accounts, int positions,
      long seed) {
    return new SyntheticAccounts(window.market()).generate(accounts, positions, window.bars().size(), model, seed);
  }

  /**
   * Submits the population's events and waits for every answer.
   *
   * @param service  the service (an empty store)
   * @param population  the accounts
   * @param market  the service's market (the window's start): options are filled at its mark
   * @return the counts
   * @throws IllegalStateException when an event is not acknowledged
   */
  public static Loaded load(MarginService service, List<Account> population,
      org.pmargin.core.market.MarketSnapshot market) {
    Checks.notNull(service, "service");
    long t0 = System.nanoTime();
    List<Command> commands = new ArrayList<>();
    for (Account a : population) {
      String id = a.id();
      commands.add(Command.of("demo-create-" + id, node("create").put("account", id)));
      for (Map.Entry<Asset, Double> c : a.collateral().entrySet()) {
        commands.add(Command.of("demo-deposit-" + id + "-" + c.getKey().code(), node("deposit").put("account", id)
            .put("asset", c.getKey().code()).put("amount", c.getValue() * BUFFER)));
      }
      int i = 0;
      for (Position p : a.portfolio().positions()) {
        commands.add(Command.of("demo-fill-" + id + "-" + i++, node("fill").put("account", id)
            .put("instrument", p.instrument().symbol()).put("quantity", p.quantity()).put("price", price(p, market))));
      }
      for (Map.Entry<Asset, Double> c : a.collateral().entrySet()) {
        commands.add(Command.of("demo-withdraw-" + id + "-" + c.getKey().code(), node("withdraw")
            .put("account", id).put("asset", c.getKey().code()).put("amount", c.getValue() * (BUFFER - 1))));
      }
    }
    long refused = 0;
    for (int from = 0; from < commands.size(); from += CHUNK) {
      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      for (Command c : commands.subList(from, Math.min(commands.size(), from + CHUNK))) {
        answers.add(service.submit(c));
      }
      for (CompletableFuture<Answer> f : answers) {
        if (!f.join().accepted()) {
          refused++;
        }
      }
    }
    return new Loaded(population.size(), commands.size(), refused, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * A fill's price: the position's entry (within 2% of the mark), except for options, filled at the mark: the
   * engine's option band is ±20 vol points, narrower in premium than 2% for a deep in-the-money option.
   */
  private static double price(Position p, org.pmargin.core.market.MarketSnapshot market) {
    if (p.instrument() instanceof org.pmargin.core.instrument.EuropeanOption) {
      return org.pmargin.core.valuation.PositionValuer.value(new Position(p.instrument(), 1, 1), market).markPrice();
    }
    return p.entryPrice();
  }

  private static ObjectNode node(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
