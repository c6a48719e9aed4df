package org.pmargin.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a portfolio file: an account's positions and collateral balances (format version 1, documented in
 * {@code docs/FORMATS.md}).
 */
public final class PortfolioJson {

  private static final Set<String> TOP = Set.of("version", "account", "description", "collateral", "positions");
  private static final Set<String> POSITION = Set.of("instrument", "quantity", "entry_price");

  private PortfolioJson() {
  }

  /** Reads an account from a file. */
  public static Account read(Path file) {
    return Json.read(file, PortfolioJson::read);
  }

  /**
   * Reads an account from a parsed document.
   *
   * @param root  the top-level object
   * @return the account
   * @throws InvalidInputException naming the offending field by its path, e.g. {@code positions[2].quantity}
   */
  public static Account read(JsonNode root) {
    Fields doc = Fields.of(root, "").onlyKnown(TOP);
    FormatVersion.check(doc, "portfolio");
    String id = doc.text("account");
    Map<Asset, Double> collateral = new LinkedHashMap<>();
    if (doc.has("collateral")) {
      Fields c = doc.object("collateral");
      for (String name : c.node().propertyNames()) {
        Asset asset;
        try {
          asset = Asset.of(name);
        } catch (InvalidInputException e) {
          throw new InvalidInputException(c.pathOf(name), e.reason());
        }
        collateral.put(asset, c.number(name));
      }
    }
    List<Position> positions = new ArrayList<>();
    List<Fields> items = doc.has("positions") ? doc.objects("positions") : List.of();
    for (int i = 0; i < items.size(); i++) {
      Fields p = items.get(i).onlyKnown(POSITION);
      String path = "positions[" + i + "]";
      Instrument instrument = InstrumentJson.read(p.node().get("instrument"), path + ".instrument");
      double quantity = p.number("quantity");
      double entry = p.number("entry_price");
      try {
        positions.add(new Position(instrument, quantity, entry));
      } catch (InvalidInputException e) {
        throw e.within(path);
      }
    }
    return new Account(id, new Portfolio(positions), collateral);
  }
}
