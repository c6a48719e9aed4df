package org.pmargin.flink;

import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.script.MarketLine;
import tools.jackson.databind.JsonNode;

/**
 * The job's input lines: the {@code pmargin engine} script format (docs/FORMATS.md, "Engine events") restricted to
 * events — deposit, withdraw, fill (instrument as a Deribit symbol), market (moves, vol_factors, at, degraded,
 * delivery_prices) — plus {@code
 * {"type":"model","model":"grid"}}, a risk-parameter change. The same record turns into the engine's event, so the
 * job and the single-node engine read one format.
 */
public final class EventLines {

  private EventLines() {
  }

  /** Whether a line is a question ({@code what_if}, {@code explain}), not an event: skipped, as it has no sequence. */
  public static boolean question(String line) {
    String type = Fields.of(Json.parse(line), "").text("type");
    return type.equals("what_if") || type.equals("explain");
  }

  /**
   * Parses one line.
   *
   * @throws InvalidInputException naming the field
   */
  public static JobRecord parse(String line, long seq) {
    JsonNode node = Json.parse(line, "events", seq);
    Fields f = Fields.of(node, "");
    JobRecord r = new JobRecord();
    r.seq = seq;
    r.kind = f.text("type");
    switch (r.kind) {
      case "deposit", "withdraw" -> {
        f.onlyKnown(Set.of("type", "account", "asset", "amount"));
        r.account = f.text("account");
        r.asset = f.text("asset");
        r.amount = f.number("amount");
      }
      case "fill" -> {
        f.onlyKnown(Set.of("type", "account", "instrument", "quantity", "price"));
        r.account = f.text("account");
        r.instrument = DeribitSymbols.parse(f.text("instrument")).symbol();
        r.quantity = f.number("quantity");
        r.price = f.number("price");
      }
      case "market" -> {
        MarketLine.read(f);
        r.marketLine = Json.MAPPER.writeValueAsString(node);
      }
      case "model" -> {
        f.onlyKnown(Set.of("type", "model"));
        r.model = f.text("model");
        JobSettings.checkModel(r.model);
      }
      default -> throw new InvalidInputException("type",
          "must be one of deposit, withdraw, fill, market, model (what_if and explain are not events), got '"
              + r.kind + "'");
    }
    return r;
  }

  /** The market line of a market record, read with the engine's rules. */
  public static MarketLine market(JobRecord r) {
    return MarketLine.read(Fields.of(Json.parse(r.marketLine), ""));
  }

  /**
   * The engine's event of a record.
   *
   * @param r  the record
   * @param current  the snapshot a market move applies to
   * @param settings  how a model change builds its model
   */
  public static EngineEvent toEngine(JobRecord r, MarketSnapshot current, JobSettings settings) {
    return switch (r.kind) {
      case "deposit" -> new Deposit(r.account, Asset.of(r.asset), r.amount);
      case "withdraw" -> new Withdrawal(r.account, Asset.of(r.asset), r.amount);
      case "fill" -> new Fill(r.account, Instruments.parse(r.instrument), r.quantity, r.price);
      case "market" -> market(r).update(current);
      case "model" -> new ModelChange(settings.model(r.model));
      default -> throw new InvalidInputException("type", "unknown " + r.kind);
    };
  }
}
