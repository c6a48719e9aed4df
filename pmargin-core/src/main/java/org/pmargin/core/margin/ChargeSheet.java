package org.pmargin.core.margin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Collects a pool's charges and credits, either as explained {@link MarginComponent}s (a report) or as running
 * sums only (the real-time engine, where formatting explanations would cost more than the margin itself). Both
 * modes add the same amounts in the same order, so their margins are equal bit for bit.
 *
 * <p>Not thread-safe: one sheet per pool computation.
 */
public final class ChargeSheet {

  private final boolean explain;
  private final List<MarginComponent> components;
  private double initial;
  private double maintenance;

  /**
   * Creates an empty sheet.
   *
   * @param explain  whether to keep explained components, or only the sums
   */
  public ChargeSheet(boolean explain) {
    this.explain = explain;
    this.components = explain ? new ArrayList<>() : List.of();
  }

  /** Whether this sheet keeps explanations. */
  public boolean explains() {
    return explain;
  }

  /**
   * Adds a charge (positive) or credit (negative).
   *
   * @param name  the component's key
   * @param initialAmount  its initial margin amount, finite
   * @param maintenanceAmount  its maintenance margin amount, finite
   * @param explanation  its explanation, built only when explaining
   * @throws InvalidInputException naming the component when an amount is not finite
   */
  public void add(String name, double initialAmount, double maintenanceAmount, Supplier<String> explanation) {
    add(name, "", initialAmount, maintenanceAmount, explanation);
  }

  /**
   * Adds a charge whose name is a kind and a qualifier ({@code worst_scenario:BTC}), joined only when needed.
   *
   * @param kind  the component's kind, e.g. {@code worst_scenario}
   * @param qualifier  what it applies to, e.g. {@code :BTC}, or empty
   * @param initialAmount  its initial margin amount, finite
   * @param maintenanceAmount  its maintenance margin amount, finite
   * @param explanation  its explanation, built only when explaining
   */
  public void add(String kind, String qualifier, double initialAmount, double maintenanceAmount,
      Supplier<String> explanation) {
    if (explain) {
      components.add(new MarginComponent(kind + qualifier, initialAmount, maintenanceAmount, explanation.get()));
      return;
    }
    if (!Double.isFinite(initialAmount) || !Double.isFinite(maintenanceAmount)) {
      throw new InvalidInputException(kind + qualifier, "must be finite, got initial " + initialAmount
          + ", maintenance " + maintenanceAmount);
    }
    initial += initialAmount;
    maintenance += maintenanceAmount;
  }

  /**
   * The pool's margin: with its components, driving scenario and contributions when explaining, else the sums alone
   * (no components, no contributions, empty driving scenario).
   *
   * @param currency  the pool's currency
   * @param equity  its equity
   * @param driving  the driving scenario's text, built only when explaining
   * @param contributions  the positions' contributions, built only when explaining
   * @param usdRate  the USD value of one unit of the currency
   * @return the pool's margin
   */
  public PoolMargin pool(Asset currency, double equity, Supplier<String> driving,
      Supplier<List<PositionContribution>> contributions, double usdRate) {
    if (explain) {
      return PoolMargin.of(currency, equity, components, driving.get(), contributions.get(), usdRate);
    }
    return new PoolMargin(currency, equity, Math.max(initial, 0), Math.max(maintenance, 0), List.of(), "", List.of(),
        usdRate);
  }
}
