package org.pmargin.flink;

import java.util.Locale;
import org.apache.flink.util.OutputTag;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.script.EventScript;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job's outputs as JSON lines: margin results (the main stream), health transitions, liquidation triggers (an
 * account becoming liquidatable or bankrupt: the liquidation engine's input) and rejected events (side outputs).
 * Numbers are written in Jackson's shortest round-trip form, so a reader gets the doubles back bit for bit.
 */
public final class Outputs {

  /** Health transitions. */
  public static final OutputTag<String> TRANSITIONS = new OutputTag<>("transitions") { };
  /** Liquidation triggers. */
  public static final OutputTag<String> LIQUIDATIONS = new OutputTag<>("liquidation-triggers") { };
  /** Rejected events. */
  public static final OutputTag<String> REJECTIONS = new OutputTag<>("rejections") { };

  private Outputs() {
  }

  /** A margin result line: the fields of {@code pmargin engine}'s margins, with the sequence. */
  static String margin(long seq, AccountMargin m) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("account", m.accountId());
    n.put("sequence", seq);
    EventScript.health(n, m.health());
    n.put("snapshot_version", m.snapshotVersion());
    n.put("degraded", m.degraded());
    return n.toString();
  }

  /** A transition line. */
  static String transition(HealthTransition t) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("account", t.accountId());
    n.put("sequence", t.sequence());
    n.put("from", t.from().name().toLowerCase(Locale.ROOT));
    n.put("to", t.to().name().toLowerCase(Locale.ROOT));
    n.put("snapshot_version", t.snapshotVersion());
    EventScript.health(n.putObject("health"), t.health());
    return n.toString();
  }

  /** A rejection line. */
  static String rejection(long seq, String account, String why) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("sequence", seq);
    if (account != null) {
      n.put("account", account);
    }
    n.put("rejection", why);
    return n.toString();
  }
}
