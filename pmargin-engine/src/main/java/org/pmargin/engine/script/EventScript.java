package org.pmargin.engine.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.InstrumentJson;
import org.pmargin.data.Json;
import org.pmargin.data.JsonErrors;
import org.pmargin.data.MarginJson;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.event.AttestationReceived;
import org.pmargin.engine.event.VenueRegistration;
import org.pmargin.engine.venue.AttestationGate;
import org.pmargin.engine.venue.AttestationJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a JSON-lines script of events and questions through a {@link MarginEngine} (format in {@code
 * docs/FORMATS.md}, section "Engine events"): deposits, withdrawals, fills, market moves, parameter changes,
 * liquidation controls, venue registrations and attestations (docs/VENUES.md) are applied in order;
 * {@code what_if} and {@code explain} lines ask without changing anything. Each line gives one JSON object out.
 *
 * <p>A line that is not valid (bad JSON, unknown type or field, a value out of range) stops the run with an {@link
 * InvalidInputException} naming {@code line N} and the field; everything before it has been applied. A valid event
 * the engine refuses (a withdrawal that would breach initial margin) is an answer, not an error.
 */
public final class EventScript {

  private static final Set<String> TYPES = Set.of("deposit", "withdraw", "fill", "market", "parameters",
      "liquidation", "venue", "attestation", "what_if", "explain");

  private EventScript() {
  }

  /**
   * Runs every line.
   *
   * @param engine  the engine
   * @param lines  the script
   * @param out  receives one object per non-blank line
   * @return how many lines were run
   */
  public static int run(MarginEngine engine, BufferedReader lines, Consumer<ObjectNode> out) {
    return run(engine, lines, "the script", out);
  }

  /**
   * Runs every line of a named script; an error names the script, the line and the column.
   *
   * @param engine  the engine
   * @param lines  the script
   * @param source  the file or stream the lines come from, for messages
   * @param out  receives one object per non-blank line
   * @return how many lines were run
   */
  public static int run(MarginEngine engine, BufferedReader lines, String source, Consumer<ObjectNode> out) {
    int n = 0;
    int count = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        ObjectNode answer;
        try {
          answer = one(engine, Json.parse(line, source, n));
        } catch (InvalidInputException e) {
          throw JsonErrors.located(scriptNamed(e), line, source, n).within("line " + n);
        }
        answer.put("line", n);
        out.accept(answer);
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  /**
   * Runs one line (the service's entry: one request at a time), optionally with the event's margins handed apart:
   * when {@code apart} is given, the answer holds {@code remargined} (how many accounts the event re-margined)
   * instead of the {@code margins} list, and the list goes to {@code apart}. A price update's answer lists every
   * account it re-margined, 100,000 of them on a venue's book: the service logs that list in binary beside the
   * answer instead of as JSON in it (docs/API.md, "Answers of events that re-margin the book").
   *
   * @param engine  the engine
   * @param line  one event or question, JSON
   * @param source  where it comes from, for messages
   * @param apart  takes the margins of an applied event, or null to list them in the answer
   * @return the answer (without {@code line})
   * @throws InvalidInputException naming the field (not the line) when the line is not valid; nothing changed
   */
  public static ObjectNode line(MarginEngine engine, String line, String source, Consumer<List<AccountMargin>> apart) {
    try {
      return one(engine, Json.parse(line, source, 1), apart);
    } catch (InvalidInputException e) {
      throw JsonErrors.located(scriptNamed(e), line, source, 1);
    }
  }

  /** An error in the script's field names: the events name their account field account_id, the script account. */
  private static InvalidInputException scriptNamed(InvalidInputException e) {
    return e.field().equals("account_id") ? new InvalidInputException("account", e.reason(), e) : e;
  }

  private static ObjectNode one(MarginEngine engine, JsonNode node) {
    return one(engine, node, null);
  }

  private static ObjectNode one(MarginEngine engine, JsonNode node, Consumer<List<AccountMargin>> apart) {
    Fields f = Fields.of(node, "");
    String type = f.text("type");
    if (!TYPES.contains(type)) {
      throw new InvalidInputException("type", "must be one of " + TYPES + ", got '" + type + "'");
    }
    return switch (type) {
      case "deposit" -> applied(engine, type, apart, new Deposit(
          f.onlyKnown(Set.of("type", "account", "asset", "amount")).text("account"), asset(f, "asset"),
          f.number("amount")));
      case "withdraw" -> applied(engine, type, apart, new Withdrawal(
          f.onlyKnown(Set.of("type", "account", "asset", "amount")).text("account"), asset(f, "asset"),
          f.number("amount")));
      case "fill" -> applied(engine, type, apart, fill(f.onlyKnown(Set.of("type", "account", "instrument", "quantity",
          "price")), f.text("account")));
      case "market" -> applied(engine, type, apart, MarketLine.read(f).update(engine.snapshot()));
      case "parameters" -> applied(engine, type, apart, ControlLines.parameters(f));
      case "liquidation" -> applied(engine, type, apart, ControlLines.liquidation(f));
      case "venue" -> applied(engine, type, apart, new VenueRegistration(AttestationJson.readVenue(f)));
      case "attestation" -> verdict(applied(engine, type, apart, new AttestationReceived(AttestationJson.read(f))));
      case "what_if" -> whatIf(engine, f.onlyKnown(Set.of("type", "account", "orders")));
      default -> explain(engine, f.onlyKnown(Set.of("type", "account")));
    };
  }

  /**
   * An attestation's answer with its verdict's code ({@code accepted}, or the code the rejection starts with) and,
   * for a refusal, the attestation field it is about.
   */
  private static ObjectNode verdict(ObjectNode out) {
    if (out.get("accepted").asBoolean()) {
      out.put("verdict", "accepted");
      return out;
    }
    String r = out.get("rejection").stringValue();
    String code = r.substring(0, Math.max(0, r.indexOf(':')));
    out.put("verdict", code);
    for (AttestationGate.Verdict v : AttestationGate.Verdict.values()) {
      if (v.code().equals(code) && v.field() != null) {
        out.put("field", v.field());
      }
    }
    return out;
  }

  private static Fill fill(Fields f, String account) {
    try {
      return new Fill(account, InstrumentJson.read(f.node().get("instrument"), f.pathOf("instrument")),
          f.number("quantity"), f.number("price"));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static ObjectNode whatIf(MarginEngine engine, Fields f) {
    String account = f.text("account");
    List<Fill> orders = new ArrayList<>();
    List<Fields> list = f.objects("orders");
    for (Fields o : list) {
      orders.add(fill(o.onlyKnown(Set.of("instrument", "quantity", "price")), account));
    }
    WhatIf w = engine.whatIf(account, orders);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", "what_if");
    out.put("account", account);
    health(out.putObject("before"), w.before());
    health(out.putObject("after"), w.after());
    out.put("initial_margin_change_usd", w.initialMarginChangeUsd());
    out.put("acceptable", w.acceptable());
    return out;
  }

  private static ObjectNode explain(MarginEngine engine, Fields f) {
    String account = f.text("account");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", "explain");
    out.set("margin", MarginJson.write(account, engine.explain(account)));
    return out;
  }

  private static ObjectNode applied(MarginEngine engine, String type, Consumer<List<AccountMargin>> apart,
      EngineEvent event) {
    EventOutcome o = engine.apply(event);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", type);
    out.put("sequence", o.sequence());
    out.put("accepted", o.accepted());
    if (!o.accepted()) {
      out.put("rejection", o.rejection().get());
    }
    if (apart != null) {
      out.put("remargined", o.margins().size());
      apart.accept(o.margins());
    } else {
      ArrayNode margins = out.putArray("margins");
      for (AccountMargin m : o.margins()) {
        margin(margins.addObject(), m);
      }
    }
    ArrayNode transitions = out.putArray("transitions");
    for (HealthTransition t : o.transitions()) {
      ObjectNode n = transitions.addObject();
      n.put("account", t.accountId());
      n.put("from", t.from().name().toLowerCase(Locale.ROOT));
      n.put("to", t.to().name().toLowerCase(Locale.ROOT));
      n.put("snapshot_version", t.snapshotVersion());
    }
    if (!o.funding().isEmpty()) {
      ArrayNode funding = out.putArray("funding");
      for (org.pmargin.engine.funding.FundingPayment p : o.funding()) {
        ObjectNode n = funding.addObject();
        n.put("account", p.accountId());
        n.put("instrument", p.instrument());
        n.put("time", p.time().toString());
        n.put("quantity", p.quantity());
        n.put("rate_8h", p.rate8h());
        n.put("hours", p.hours());
        n.put("mark", p.mark());
        n.put("amount", p.amount());
        n.put("currency", p.currency().code());
        n.put("amount_usd", p.amountUsd());
      }
    }
    if (!o.priceFlags().isEmpty()) {
      ArrayNode flags = out.putArray("price_flags");
      for (org.pmargin.engine.guard.PriceBandBreach b : o.priceFlags()) {
        ObjectNode n = flags.addObject();
        n.put("account", b.accountId());
        n.put("instrument", b.instrument());
        n.put("quantity", b.quantity());
        n.put("price", b.price());
        n.put("reference", b.range().reference());
        n.put("low", b.range().low());
        n.put("high", b.range().high());
        n.put("reason", b.reason());
      }
    }
    if (!o.settlements().isEmpty()) {
      ArrayNode settlements = out.putArray("settlements");
      for (org.pmargin.engine.event.ExpirySettlementBooked b : o.settlements()) {
        ObjectNode n = settlements.addObject();
        n.put("account", b.accountId());
        n.put("instrument", b.instrument());
        n.put("expiry", b.expiry().toString());
        n.put("quantity", b.quantity());
        n.put("price", b.price());
        n.put("price_source", b.priceSource());
        n.put("amount", b.amount());
        n.put("currency", b.currency().code());
        n.put("amount_usd", b.amountUsd());
      }
    }
    liquidation(engine, o, out);
    return out;
  }

  /** The liquidation after the event: its steps, bankruptcies and failures, when there are any. */
  private static void liquidation(MarginEngine engine, EventOutcome o, ObjectNode out) {
    if (!o.liquidations().isEmpty()) {
      ArrayNode steps = out.putArray("liquidations");
      for (org.pmargin.engine.event.LiquidationStepBooked b : o.liquidations()) {
        ObjectNode n = steps.addObject();
        n.put("account", b.accountId());
        n.put("step", b.step());
        n.put("kind", b.kind());
        n.put("description", b.description());
        ArrayNode parts = n.putArray("parts");
        for (org.pmargin.engine.event.LiquidatedPart p : b.parts()) {
          ObjectNode x = parts.addObject();
          x.put("instrument", p.instrument());
          x.put("quantity", p.quantity());
          x.put("mark", p.mark());
          x.put("notional_usd", p.notionalUsd());
          x.put("cost_usd", p.costUsd());
        }
        n.put("cost_usd", b.costUsd());
        n.put("equity_before_usd", b.equityBeforeUsd());
        n.put("equity_after_usd", b.equityAfterUsd());
        n.put("maintenance_before_usd", b.maintenanceBeforeUsd());
        n.put("maintenance_after_usd", b.maintenanceAfterUsd());
        n.put("snapshot_version", b.snapshotVersion());
        n.put("reason", b.reason());
      }
    }
    if (!o.bankruptcies().isEmpty()) {
      ArrayNode list = out.putArray("bankruptcies");
      for (org.pmargin.engine.event.Bankruptcy b : o.bankruptcies()) {
        ObjectNode n = list.addObject();
        n.put("account", b.accountId());
        n.put("equity_usd", b.equityUsd());
        n.put("maintenance_margin_usd", b.maintenanceMarginUsd());
        n.put("deficit_usd", b.deficitUsd());
        n.put("snapshot_version", b.snapshotVersion());
        n.put("reason", b.reason());
      }
      out.put("bad_debt_usd", engine.badDebtUsd());
    }
    if (!o.losses().isEmpty()) {
      ArrayNode list = out.putArray("losses");
      for (org.pmargin.engine.event.LossEntry l : o.losses()) {
        ObjectNode n = list.addObject();
        n.put("kind", l.kind());
        n.put("account", l.accountId());
        if (!l.counterpartyId().isEmpty()) {
          n.put("counterparty", l.counterpartyId());
        }
        if (!l.instrument().isEmpty()) {
          n.put("instrument", l.instrument());
          n.put("quantity", l.quantity());
          n.put("price", l.price());
        }
        n.put("amount_usd", l.amountUsd());
        n.put("fund_after_usd", l.fundAfter() / 1e6);
        n.put("snapshot_version", l.snapshotVersion());
        n.put("reason", l.reason());
      }
      org.pmargin.engine.liquidation.LossSummary s = engine.losses();
      out.put("insurance_fund_usd", s.fundUsd());
      out.put("adl_fills", s.adlFills());
      out.put("backstop_takeovers", s.takeovers());
      out.put("backstop_books", s.backstopBooks().size());
      out.put("backstop_value_usd", s.backstopValueUsd());
      out.put("bad_debt_usd", engine.badDebtUsd());
    }
    if (!o.liquidationFailures().isEmpty()) {
      ArrayNode list = out.putArray("liquidation_failures");
      for (org.pmargin.engine.event.LiquidationFailure f : o.liquidationFailures()) {
        ObjectNode n = list.addObject();
        n.put("account", f.accountId());
        n.put("reason", f.reason());
      }
    }
  }

  /** Writes one account's margin into a JSON object (an entry of an answer's {@code margins}). */
  public static void margin(ObjectNode n, AccountMargin m) {
    n.put("account", m.accountId());
    health(n, m.health());
    n.put("snapshot_version", m.snapshotVersion());
    n.put("degraded", m.degraded());
  }

  /** Writes a health's figures and state into a JSON object: the one format of the script and the service. */
  public static void health(ObjectNode n, AccountHealth h) {
    n.put("equity_usd", h.equityUsd());
    n.put("initial_margin_usd", h.initialMarginUsd());
    n.put("maintenance_margin_usd", h.maintenanceMarginUsd());
    n.put("margin_ratio", h.marginRatio());
    n.put("available_usd", h.availableUsd());
    n.put("state", h.state().name().toLowerCase(Locale.ROOT));
  }

  private static Asset asset(Fields f, String name) {
    try {
      return Asset.of(f.text(name));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(name), e.reason(), e);
    }
  }
}
