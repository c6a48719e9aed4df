package org.pmargin.server.demo;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.server.Server;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.ServiceSettings;

/**
 * {@code pmargin serve --demo}, once the server runs: checks that the store is a fresh one made for this demo,
 * loads the population ({@link DemoPopulation}) and replays the window live ({@link DemoReplay}). A store that
 * already holds events is refused (the demo writes its population from sequence 1; a previous demo's store is
 * served as it is without {@code --demo}).
 */
public final class ServeDemo {

  /**
   * The demo's size.
   *
   * @param accounts  accounts in the population, &ge; 1
   * @param positions  positions per account, &ge; 1
   * @param seed  the population's seed
   */
  public record Population(int accounts, int positions, long seed) {

    /** Validates. */
    public Population {
      Checks.require(accounts >= 1 && accounts <= 1_000_000, "demo_accounts", "must be in [1, 1000000], got "
          + accounts);
      Checks.require(positions >= 1 && positions <= 50, "positions", "must be in [1, 50], got " + positions);
    }

    /** 1,000 accounts of 6 positions, seed 2022_11 (as {@code pmargin demo}'s live part). */
    public static Population defaults() {
      return new Population(1_000, 6, 2022_11L);
    }
  }

  private ServeDemo() {
  }

  /**
   * The settings a demo store is created with: the window's start market, liquidation on.
   *
   * @param window  the window
   * @param model  the margin model's name
   * @param priceBand  the price-band mode
   * @return the settings
   */
  public static ServiceSettings settings(DemoWindow window, String model, String priceBand) {
    return new ServiceSettings(model, window.marketJson(), priceBand, true);
  }

  /**
   * Refuses a store that is not fresh for this demo: one holding events, or initialised with other settings.
   *
   * @param service  the running service
   * @param expected  the demo's settings
   * @throws InvalidInputException naming {@code store_dir}
   */
  public static void requireFresh(MarginService service, ServiceSettings expected) {
    if (service.lastSequence() != 0) {
      throw new InvalidInputException("store_dir", "--demo needs a fresh store, and " + service.location().display()
          + " holds " + service.lastSequence() + " events: give another --store-dir (or none, for a new temporary "
          + "one), or serve this store without --demo");
    }
    if (!service.settings().toJson().equals(expected.toJson())) {
      throw new InvalidInputException("store_dir", "--demo needs a fresh store, and " + service.location().display()
          + " was initialised with other settings");
    }
  }

  /**
   * Loads the population, then replays the window.
   *
   * @param server  the running server, on a fresh demo store
   * @param host  the address the server is bound to
   * @param adminKey  an admin key
   * @param window  the window
   * @param population  the population's size
   * @param pace  the replay's pace
   * @param out  where progress goes
   * @return what the replay did
   * @throws InterruptedException when interrupted
   */
  public static DemoReplay.Replayed run(Server server, String host, String adminKey, DemoWindow window,
      Population population, DemoReplay.Pace pace, PrintStream out) throws InterruptedException {
    MarginService service = server.service();
    var model = MarginModels.byName(service.settings().model(), RiskParameters.defaults());
    var accounts = DemoPopulation.accounts(window, model, population.accounts(), population.positions(),
        population.seed());
    out.printf(Locale.ROOT, "pmargin serve --demo: loading %,d accounts (%d positions each, seed %d) as logged "
        + "events: create, USDC deposit, one fill per position, withdrawal of the loading buffer%n",
        population.accounts(), population.positions(),
        population.seed());
    DemoPopulation.Loaded l = DemoPopulation.load(service, accounts, service.engine().snapshot());
    out.printf(Locale.ROOT, "pmargin serve --demo: %,d events acknowledged in %,d ms (%d refused by the engine); "
        + "last sequence %d%n", l.events(), l.millis(), l.refused(), service.lastSequence());
    out.printf(Locale.ROOT, "pmargin serve --demo: replaying %s (%s to %s), a snapshot every %d min at %.0fx "
        + "(POST /v1/market per snapshot)%n   %s%n", window.id(), window.start(), window.end(),
        pace.step().toMinutes(), pace.speed(), window.description());
    out.flush();
    DemoReplay.Replayed r = DemoReplay.run(URI.create("http://" + host + ":" + server.port()), adminKey, window,
        () -> service.engine().snapshot(), () -> service.engine().margins(), pace, out);
    out.printf(Locale.ROOT, "pmargin serve --demo: replay done: %d snapshots, %d liquidation steps on %d accounts, "
        + "%d bankruptcies; now %s; still serving (GET /v1/events shows the log)%n", r.steps(),
        r.liquidationSteps(), r.liquidatedAccounts(), r.bankruptcies(), r.endStates());
    out.flush();
    return r;
  }
}
