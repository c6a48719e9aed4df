package org.pmargin.data;

import java.util.List;
import org.pmargin.core.expiry.SettledPosition;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes expiry settlements as the {@code settlements} array of the greeks, margin and stress outputs (format in
 * {@code docs/FORMATS.md}): what each expired position paid into its settlement currency before the rest was valued.
 */
public final class SettlementJson {

  private SettlementJson() {
  }

  /**
   * The array, empty when nothing had expired.
   *
   * @param settlements  the settlements, in the account's order
   * @return the array
   */
  public static ArrayNode write(List<SettledPosition> settlements) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (SettledPosition s : settlements) {
      ObjectNode n = out.addObject();
      n.put("instrument", s.position().instrument().symbol());
      n.put("expiry", s.deliveryPrice().expiry().toString());
      n.put("quantity", s.position().quantity());
      n.put("delivery_price", s.deliveryPrice().price());
      n.put("price_source", s.deliveryPrice().source());
      n.put("amount", s.amount());
      n.put("currency", s.currency().code());
      n.put("amount_usd", s.amountUsd());
    }
    return out;
  }
}
