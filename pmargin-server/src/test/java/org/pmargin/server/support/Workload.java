package org.pmargin.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pmargin.data.Json;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.ServiceSettings;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded stream of service commands over a few accounts: creates and deposits, then fills in BTC and ETH
 * perpetuals, deposits, withdrawals (some refused by the engine) and market moves (enough to liquidate some).
 */
public final class Workload {

  private Workload() {
  }

  /** The test settings: grid model, the example Deribit market, no price band (arbitrary fill prices). */
  public static ServiceSettings settings() {
    try {
      return new ServiceSettings("grid", Files.readString(Path.of("..", "examples", "market",
          "deribit-2024-06-17.json")), "off", true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The commands.
   *
   * @param seed  the generator's seed
   * @param accounts  how many accounts
   * @param count  how many commands after the accounts are opened and funded
   * @param prefix  the client-id prefix
   * @return the commands, with distinct client ids
   */
  public static List<Command> generate(long seed, int accounts, int count, String prefix) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Command> out = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      out.add(Command.of(prefix + out.size(), node("create").put("account", "acct-" + a)));
      out.add(Command.of(prefix + out.size(), node("deposit").put("account", "acct-" + a).put("asset", "USDC")
          .put("amount", 20_000 + r.nextInt(80_000))));
    }
    for (int i = 0; i < count; i++) {
      String acct = "acct-" + r.nextInt(accounts);
      double u = r.nextDouble();
      ObjectNode n;
      if (u < 0.45) {
        boolean btc = r.nextBoolean();
        n = node("fill").put("account", acct).put("instrument", btc ? "BTC-PERPETUAL" : "ETH-PERPETUAL")
            .put("quantity", (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(400)) * 10)
            .put("price", Math.rint((btc ? 65690 : 3530) * (1 + 0.01 * (r.nextDouble() - 0.5)) * 2) / 2);
      } else if (u < 0.65) {
        n = node("deposit").put("account", acct).put("asset", "USDC").put("amount", 100 + r.nextInt(5000));
      } else if (u < 0.85) {
        n = node("withdraw").put("account", acct).put("asset", "USDC").put("amount", 100 + r.nextInt(20_000));
      } else {
        n = node("market");
        n.putObject("moves").put(r.nextBoolean() ? "BTC" : "ETH",
            Double.parseDouble(String.format(Locale.ROOT, "%.4f", 0.04 * (r.nextDouble() - 0.5))));
      }
      out.add(Command.of(prefix + out.size(), n));
    }
    return out;
  }

  private static ObjectNode node(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
