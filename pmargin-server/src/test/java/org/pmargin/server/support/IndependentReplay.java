package org.pmargin.server.support;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.script.EventScript;
import org.pmargin.server.service.ServiceSettings;

/**
 * The reference the service is checked against: a fresh engine fed the acknowledged requests in sequence order,
 * directly (creates as {@link MarginEngine#load} of an empty account, the rest through {@link EventScript}), with
 * no event log, sequencer or recovery code involved.
 */
public final class IndependentReplay {

  private IndependentReplay() {
  }

  /**
   * Replays.
   *
   * @param settings  the engine's settings
   * @param payloads  the requests, in sequence order
   * @return the engine after them (the caller closes it)
   */
  public static MarginEngine of(ServiceSettings settings, List<String> payloads) {
    MarginEngine e = settings.newEngine();
    for (String p : payloads) {
      var node = Json.parse(p);
      if (node.get("type").stringValue().equals("create")) {
        e.load(List.of(new Account(node.get("account").stringValue(), Portfolio.empty(), Map.of())));
      } else {
        EventScript.run(e, new BufferedReader(new StringReader(p)), a -> { });
      }
    }
    return e;
  }
}
