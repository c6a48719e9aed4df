package org.pmargin.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.script.EventScript;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a logged command to an engine and gives the answer: {@code create} opens an empty account ({@link
 * MarginEngine#load}); every other type is one line of {@link EventScript}, so the log replays exactly as
 * {@code pmargin engine} would run it. Each applied command takes one engine sequence number.
 *
 * <p>The events that re-margin the whole book ({@link #MARGINS_APART}: price updates and parameter changes) keep
 * their margins apart from their answer: the answer says how many accounts were re-margined ({@code remargined})
 * and the margins themselves go to the log's margins column in binary ({@code MarginsColumn}), whence the streams
 * send them; as JSON in the answer a tick of 100,000 accounts was 20 MB to format, log and send back.
 */
public final class CommandApplier {

  /** The event types whose answer says how many accounts were re-margined instead of listing them. */
  public static final Set<String> MARGINS_APART = Set.of("market", "parameters");

  /**
   * An applied command.
   *
   * @param answer  the answer, as logged and sent back
   * @param margins  the margins kept apart from it ({@link #MARGINS_APART}), or null when the answer lists them
   */
  public record Outcome(ObjectNode answer, List<AccountMargin> margins) {
  }

  private CommandApplier() {
  }

  /**
   * Applies a command (a replay: the margins of a {@link #MARGINS_APART} event are not kept).
   *
   * @param engine  the engine
   * @param payload  the command's canonical JSON
   * @return the answer (with the engine's {@code sequence} and {@code accepted}), as the log holds it
   * @throws InvalidInputException naming the field when the command is not valid; the engine is then unchanged
   */
  public static ObjectNode apply(MarginEngine engine, String payload) {
    var node = Json.parse(payload, "the request", 1);
    Fields f = Fields.of(node, "");
    String type = f.text("type");
    if (type.equals("create")) {
      return create(engine, f.onlyKnown(Set.of("type", "account")).text("account"));
    }
    return script(engine, payload, MARGINS_APART.contains(type) ? m -> { } : null);
  }

  /**
   * Applies a command whose type is known (a {@link Command}'s, taken from its payload): the same answer as {@link
   * #apply(MarginEngine, String)}, with the margins kept apart, without parsing an engine event's payload twice
   * (the sequencer's hot path).
   *
   * @param engine  the engine
   * @param command  the command
   * @return the answer, and the margins kept apart from it
   * @throws InvalidInputException naming the field when the command is not valid; the engine is then unchanged
   */
  public static Outcome apply(MarginEngine engine, Command command) {
    if (command.type().equals("create")) {
      return new Outcome(apply(engine, command.payload()), null);
    }
    if (!MARGINS_APART.contains(command.type())) {
      return new Outcome(script(engine, command.payload(), null), null);
    }
    List<List<AccountMargin>> apart = new ArrayList<>(1);
    ObjectNode answer = script(engine, command.payload(), apart::add);
    return new Outcome(answer, apart.isEmpty() ? List.of() : apart.getFirst());
  }

  /** One engine script line. */
  private static ObjectNode script(MarginEngine engine, String payload, Consumer<List<AccountMargin>> apart) {
    return EventScript.line(engine, payload, "the request", apart);
  }

  private static ObjectNode create(MarginEngine engine, String account) {
    EventOutcome o = engine.load(List.of(new Account(account, Portfolio.empty(), Map.of())));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("type", "create");
    out.put("sequence", o.sequence());
    out.put("accepted", o.accepted());
    if (!o.accepted()) {
      out.put("rejection", o.rejection().get());
    }
    ArrayNode margins = out.putArray("margins");
    for (AccountMargin m : o.margins()) {
      margin(margins.addObject(), m);
    }
    out.putArray("transitions");
    return out;
  }

  /** Writes one account's margin as the engine script does. */
  public static void margin(ObjectNode n, AccountMargin m) {
    EventScript.margin(n, m);
  }

  /** Writes a health as the engine script does ({@link EventScript#health}). */
  public static void health(ObjectNode n, AccountHealth h) {
    EventScript.health(n, h);
  }
}
