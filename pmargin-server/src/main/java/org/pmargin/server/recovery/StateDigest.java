package org.pmargin.server.recovery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.server.service.Canonical;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of an engine, bit for bit: every account (in the order opened) with its balances, positions and last
 * margin; as canonical JSON (for a snapshot row) and as a SHA-256 over the raw bits of every number (the digest two
 * engines share exactly when their states are equal).
 */
public final class StateDigest {

  private StateDigest() {
  }

  /** The SHA-256 (hex) of the engine's state and its sequence-independent figures. */
  public static String digest(MarginEngine engine) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer b = ByteBuffer.allocate(8);
    for (AccountMargin m : engine.margins()) {
      md.update(m.accountId().getBytes(StandardCharsets.UTF_8));
      AccountHealth h = m.health();
      for (double v : new double[] {h.equityUsd(), h.initialMarginUsd(), h.maintenanceMarginUsd(),
          h.marginRatio(), h.availableUsd()}) {
        md.update(b.clear().putDouble(v).array());
      }
      md.update(h.state().name().getBytes(StandardCharsets.UTF_8));
      md.update(b.clear().putLong(m.snapshotVersion()).array());
      md.update((byte) (m.degraded() ? 1 : 0));
      Account a = engine.account(m.accountId());
      for (Map.Entry<Asset, Double> e : a.collateral().entrySet()) {
        md.update(e.getKey().code().getBytes(StandardCharsets.UTF_8));
        md.update(b.clear().putDouble(e.getValue()).array());
      }
      for (Position p : a.portfolio().positions()) {
        md.update(p.instrument().symbol().getBytes(StandardCharsets.UTF_8));
        md.update(b.clear().putDouble(p.quantity()).array());
        md.update(b.clear().putDouble(p.entryPrice()).array());
      }
    }
    md.update(b.clear().putDouble(engine.badDebtUsd()).array());
    md.update(b.clear().putLong(engine.snapshot().version()).array());
    return HexFormat.of().formatHex(md.digest());
  }

  /** The accounts as canonical JSON: balances, positions and last margin of each, in the order opened. */
  public static String state(MarginEngine engine) {
    ArrayNode accounts = Json.MAPPER.createArrayNode();
    for (AccountMargin m : engine.margins()) {
      ObjectNode n = accounts.addObject();
      n.put("account", m.accountId());
      Account a = engine.account(m.accountId());
      ObjectNode balances = n.putObject("balances");
      for (Map.Entry<Asset, Double> e : a.collateral().entrySet()) {
        balances.put(e.getKey().code(), e.getValue());
      }
      ArrayNode positions = n.putArray("positions");
      for (Position p : a.portfolio().positions()) {
        positions.addObject().put("instrument", p.instrument().symbol()).put("quantity", p.quantity())
            .put("entry_price", p.entryPrice());
      }
      ObjectNode margin = n.putObject("margin");
      org.pmargin.server.service.CommandApplier.health(margin, m.health());
      margin.put("snapshot_version", m.snapshotVersion());
      margin.put("degraded", m.degraded());
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    root.put("market_version", engine.snapshot().version());
    root.put("market_time", engine.snapshot().asOf().toString());
    root.put("bad_debt_usd", engine.badDebtUsd());
    root.put("model", engine.model().name().toLowerCase(Locale.ROOT));
    root.set("accounts", accounts);
    return Canonical.write(root);
  }
}
