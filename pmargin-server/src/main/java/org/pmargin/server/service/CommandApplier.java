package org.pmargin.server.service;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class CommandApplier {

  private CommandApplier() {
  }

  /**
   * Applies a command.
   *
   * @param engine  the engine
   * @param payload  the command's canonical JSON
   * @return the answer (with the engine's {@code sequence} and {@code accepted})
   * @throws InvalidInputException naming the field when the command is not valid; the engine is then unchanged
   */
  public static ObjectNode apply(MarginEngine engine, String payload) {
    var node = Json.parse(payload, "the request", 1);
    Fields f = Fields.of(node, "");
    String type = f.text("type");
    if (type.equals("create")) {
      return create(engine, f.onlyKnown(Set.of("type", "account")).text("account"));
    }
    return script(engine, payload);
  }

  /**
   * Applies a command whose type is known (a {@link Command}'s, taken from its payload): the same answer as {@link
   * #apply(MarginEngine, String)}, without parsing an engine event's payload twice (the sequencer's hot path).
   *
   * @param engine  the engine
   * @param command  the command
   * @return the answer
   * @throws InvalidInputException naming the field when the command is not valid; the engine is then unchanged
   */
  public static ObjectNode apply(MarginEngine engine, Command command) {
    return command.type().equals("create") ? apply(engine, command.payload()) : script(engine, command.payload());
  }

  /** One engine script line (a buffer the size of the line: the default 8 K chars cost more than the parse). */
  private static ObjectNode script(MarginEngine engine, String payload) {
    ObjectNode[] out = new ObjectNode[1];
    try {
      EventScript.run(engine, new BufferedReader(new StringReader(payload), Math.max(16, payload.length() + 1)),
          "the request", a -> out[0] = a);
    } catch (InvalidInputException e) {
      String field = e.field().startsWith("line 1.") ? e.field().substring("line 1.".length()) : e.field();
      throw new InvalidInputException(field, e.reason(), e);
    }
    out[0].remove("line");
    return out[0];
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
    n.put("account", m.accountId());
    health(n, m.health());
    n.put("snapshot_version", m.snapshotVersion());
    n.put("degraded", m.degraded());
  }

  /** Writes a health as the engine script does ({@link EventScript#health}). */
  public static void health(ObjectNode n, AccountHealth h) {
    EventScript.health(n, h);
  }
}
