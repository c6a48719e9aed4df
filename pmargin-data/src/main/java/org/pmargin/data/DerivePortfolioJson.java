package org.pmargin.data;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.margin.derive.DerivePortfolio;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code derive-portfolio} file (format version 1, {@code docs/FORMATS.md}): one Derive PM2 subaccount with
 * every number Derive's risk manager (PMRM_2) reads from its feeds — per-expiry forwards split into their fixed and
 * variable parts, per-expiry rates, a vol per option, spot, perp and collateral prices, each with its oracle
 * confidence — and optionally the manager's parameters and scenario list. It maps straight to a
 * {@link DerivePortfolio}, without the generic account and market-snapshot adapter, so a Derive user can state
 * Derive's own inputs and check the {@code derive} model against the venue.
 *
 * <p>Confidences default to 1 (a fully trusted feed), a forward's fixed part to 0 (outside the 30-minute settlement
 * window), cash to 0. An expiry gives either {@code seconds_to_expiry} (what PMRM_2 reads) or an {@code expiry}
 * instant with the file's {@code as_of}; an expiry already past counts as 0 seconds, as in PMRM_2.
 */
public final class DerivePortfolioJson {

  /** The value of the top-level {@code format} field that marks a derive-portfolio file. */
  public static final String FORMAT = "derive-portfolio";

  private static final Set<String> TOP = Set.of("format", "version", "subaccount", "description", "underlying",
      "as_of", "spot", "spot_confidence", "stable_price", "cash", "perp", "expiries", "collateral", "parameters");
  private static final Set<String> PERP = Set.of("label", "amount", "mark_price", "confidence", "unrealised_pnl",
      "unrealised_funding");
  private static final Set<String> EXPIRY = Set.of("seconds_to_expiry", "expiry", "forward_variable",
      "forward_fixed", "forward_confidence", "rate", "rate_confidence", "options");
  private static final Set<String> OPTION = Set.of("label", "strike", "type", "vol", "amount", "vol_confidence");
  private static final Set<String> COLLATERAL = Set.of("asset", "amount", "price", "confidence", "risk_cancelling",
      "mm_haircut", "im_haircut");

  private DerivePortfolioJson() {
  }

  /**
   * Whether a parsed document declares itself a derive-portfolio file (top-level {@code "format":
   * "derive-portfolio"}); nothing else is checked.
   */
  public static boolean isDerivePortfolio(JsonNode root) {
    if (root == null || !root.isObject()) {
      return false;
    }
    JsonNode f = root.get("format");
    return f != null && f.isString() && f.stringValue().equals(FORMAT);
  }

  /** Reads a file. */
  public static DeriveInput read(Path file) {
    return read(Json.read(file));
  }

  /**
   * Reads a parsed document.
   *
   * @param root  the top-level object
   * @return the subaccount and the file's parameters
   * @throws InvalidInputException naming the offending field by its path, e.g. {@code expiries[1].options[0].vol}
   */
  public static DeriveInput read(JsonNode root) {
    Fields doc = Fields.of(root, "").onlyKnown(TOP);
    String format = doc.text("format");
    if (!format.equals(FORMAT)) {
      throw new InvalidInputException("format", "must be '" + FORMAT + "', got '" + format + "'");
    }
    FormatVersion.check(doc, "derive-portfolio");
    String subaccount = doc.text("subaccount");
    if (subaccount.isBlank()) {
      throw new InvalidInputException("subaccount", "must not be blank");
    }
    Asset underlying;
    try {
      underlying = Asset.of(doc.text("underlying"));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("underlying", e.reason());
    }
    Instant asOf = doc.has("as_of") ? doc.instant("as_of") : null;
    DerivePortfolio.Perp perp = doc.has("perp") ? perp(doc.object("perp")) : DerivePortfolio.Perp.none();
    List<DerivePortfolio.Expiry> expiries = new ArrayList<>();
    if (doc.has("expiries")) {
      for (Fields e : doc.objects("expiries")) {
        expiries.add(expiry(e, asOf));
      }
    }
    List<DerivePortfolio.Collateral> collaterals = new ArrayList<>();
    if (doc.has("collateral")) {
      for (Fields c : doc.objects("collateral")) {
        collaterals.add(collateral(c));
      }
    }
    Optional<DeriveParameters> parameters = doc.has("parameters")
        ? Optional.of(DeriveParametersJson.read(doc.object("parameters"))) : Optional.empty();
    DerivePortfolio portfolio = new DerivePortfolio(underlying, doc.number("spot"), doc.number("spot_confidence", 1),
        doc.number("stable_price"), doc.number("cash", 0), perp, expiries, collaterals);
    return new DeriveInput(subaccount, portfolio, parameters);
  }

  private static DerivePortfolio.Perp perp(Fields f) {
    f.onlyKnown(PERP);
    try {
      return new DerivePortfolio.Perp(f.text("label", "perp"), f.number("amount"), f.number("mark_price"),
          f.number("confidence", 1), f.number("unrealised_pnl", 0), f.number("unrealised_funding", 0));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static DerivePortfolio.Expiry expiry(Fields f, Instant asOf) {
    f.onlyKnown(EXPIRY);
    long seconds;
    String when;
    if (f.has("seconds_to_expiry") == f.has("expiry")) {
      throw new InvalidInputException(f.pathOf("seconds_to_expiry"),
          "give exactly one of 'seconds_to_expiry' and 'expiry' (an instant, with the file's 'as_of')");
    }
    if (f.has("expiry")) {
      Instant expiry = f.instant("expiry");
      if (asOf == null) {
        throw new InvalidInputException(f.pathOf("expiry"), "needs the file's 'as_of' to count the seconds to expiry"
            + " (or give 'seconds_to_expiry')");
      }
      seconds = Math.max(0, Duration.between(asOf, expiry).getSeconds());
      when = expiry.toString();
    } else {
      seconds = f.integer("seconds_to_expiry");
      if (seconds < 0) {
        throw new InvalidInputException(f.pathOf("seconds_to_expiry"), "must be >= 0, got " + seconds);
      }
      when = seconds + "s";
    }
    double variable = f.number("forward_variable");
    double fixed = f.number("forward_fixed", 0);
    if (variable >= 0 && fixed >= 0 && !(variable + fixed > 0)) {
      throw new InvalidInputException(f.pathOf("forward_variable"),
          "the forward (forward_variable + forward_fixed) must be > 0, got " + variable + " + " + fixed);
    }
    List<DerivePortfolio.Option> options = new ArrayList<>();
    for (Fields o : f.objects("options")) {
      options.add(option(o, when));
    }
    try {
      return new DerivePortfolio.Expiry(seconds, variable, fixed, f.number("rate"),
          f.number("forward_confidence", 1), f.number("rate_confidence", 1), options);
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static DerivePortfolio.Option option(Fields f, String when) {
    f.onlyKnown(OPTION);
    OptionType type = OptionType.parse(f.text("type"), f.pathOf("type"));
    double strike = f.number("strike");
    String label = f.has("label") ? f.text("label")
        : (type == OptionType.CALL ? "C-" : "P-") + plain(strike) + "@" + when;
    try {
      return new DerivePortfolio.Option(label, strike, type, f.number("vol"), f.number("amount"),
          f.number("vol_confidence", 1));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static DerivePortfolio.Collateral collateral(Fields f) {
    f.onlyKnown(COLLATERAL);
    String asset = f.text("asset");
    if (asset.isBlank()) {
      throw new InvalidInputException(f.pathOf("asset"), "must not be blank");
    }
    JsonNode rc = f.node().get("risk_cancelling");
    if (rc == null || rc.isNull()) {
      throw new InvalidInputException(f.pathOf("risk_cancelling"), "is required (true when the collateral moves with"
          + " the manager's spot, e.g. the manager's own coin)");
    }
    if (!rc.isBoolean()) {
      throw new InvalidInputException(f.pathOf("risk_cancelling"), "must be true or false, got "
          + Fields.describe(rc));
    }
    try {
      return new DerivePortfolio.Collateral(asset, f.number("amount"), f.number("price"), f.number("confidence", 1),
          rc.asBoolean(), f.number("mm_haircut"), f.number("im_haircut"));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static String plain(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
