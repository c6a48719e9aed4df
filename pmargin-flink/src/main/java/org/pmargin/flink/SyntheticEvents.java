package org.pmargin.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.data.Json;
import org.pmargin.engine.population.SyntheticAccounts;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event script for a synthetic population ({@link SyntheticAccounts}): every account's collateral deposited and
 * its positions filled at their entry prices, then BTC ticks (alternately up and down by {@code tickMove}), with a
 * seeded mix of withdrawals, deposits and small fills between them, and the clock moved by an hour every
 * {@code hourEvery} ticks (so funding is booked at the 8-hour times). The same arguments give the same script.
 */
public final class SyntheticEvents {

  private SyntheticEvents() {
  }

  /** The lines that open a population: deposits, then fills. */
  public static List<String> opening(List<Account> population) {
    List<String> out = new ArrayList<>();
    for (Account a : population) {
      for (Map.Entry<Asset, Double> c : a.collateral().entrySet()) {
        out.add(cash("deposit", a.id(), c.getKey().code(), c.getValue()));
      }
      for (Position p : a.portfolio().positions()) {
        out.add(fill(a.id(), p.instrument().symbol(), p.quantity(), p.entryPrice()));
      }
    }
    return out;
  }

  /**
   * A whole script: the opening, then {@code ticks} BTC ticks with account events between them.
   *
   * @param market  the first snapshot
   * @param model  the model whose initial margin sizes each account's collateral (1.1 to 3 times it)
   * @param accounts  how many accounts (10 positions on up to 3 underlyings each)
   * @param ticks  BTC ticks
   * @param tickMove  each tick's relative move (alternately up and down; the down move slightly larger, so the
   *     market drifts lower and some accounts change health)
   * @param seed  the seed
   */
  public static List<String> script(MarketSnapshot market, org.pmargin.core.margin.MarginModel model, int accounts,
      int ticks, double tickMove, long seed) {
    return script(market, model, accounts, ticks, tickMove, seed, 0);
  }

  /**
   * A whole script whose every tick moves the clock by {@code tickSeconds} (a full pass every 60 s of market time
   * then falls between ticks that moved it less), or, with 0, by an hour every third tick as {@link #script(
   * MarketSnapshot, org.pmargin.core.margin.MarginModel, int, int, double, long)} does.
   */
  public static List<String> script(MarketSnapshot market, org.pmargin.core.margin.MarginModel model, int accounts,
      int ticks, double tickMove, long seed, int tickSeconds) {
    List<Account> population = new SyntheticAccounts(market).generate(accounts, 10, 3, model, seed);
    List<String> out = opening(population);
    SplittableRandom rnd = new SplittableRandom(seed);
    java.time.Instant t = market.asOf();
    for (int k = 0; k < ticks; k++) {
      double move = k % 2 == 0 ? -tickMove * 1.5 : tickMove;
      String at = null;
      if (tickSeconds > 0) {
        t = t.plusSeconds(tickSeconds);
        at = t.toString();
      } else if (k % 3 == 2) {
        t = t.plusSeconds(3_600);
        at = t.toString();
      }
      out.add(tick(move, at));
      for (int e = 0; e < 3 && !population.isEmpty(); e++) {
        Account a = population.get(rnd.nextInt(population.size()));
        switch (rnd.nextInt(3)) {
          case 0 -> out.add(cash("withdraw", a.id(), "USDC", Math.rint(a.collateral().get(Asset.USDC) * 0.3)));
          case 1 -> out.add(cash("deposit", a.id(), "USDC", 5_000));
          default -> {
            Position p = a.portfolio().positions().get(0);
            out.add(fill(a.id(), p.instrument().symbol(), p.quantity() * 0.1, p.entryPrice()));
          }
        }
      }
    }
    return out;
  }

  /** A BTC tick line. */
  public static String tick(double move, String at) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "market");
    n.putObject("moves").put("BTC", move);
    if (at != null) {
      n.put("at", at);
    }
    return n.toString();
  }

  /** Writes lines to a file. */
  public static Path write(List<String> lines, Path file) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cash(String type, String account, String asset, double amount) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", type);
    n.put("account", account);
    n.put("asset", asset);
    n.put("amount", amount);
    return n.toString();
  }

  private static String fill(String account, String symbol, double qty, double price) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "fill");
    n.put("account", account);
    n.put("instrument", symbol);
    n.put("quantity", qty);
    n.put("price", price);
    return n.toString();
  }

}
