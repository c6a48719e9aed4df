package org.pmargin.core.margin.standard;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.standard.DeltaOneRates.StepUnit;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Every number of the standard margin models ({@link IsolatedModel}, {@link CrossModel}), validated on construction.
 *
 * <p>Defaults ({@link #deribit()}), with their sources:
 * <ul>
 *   <li><b>Delta-one, BTC</b>: IM 2% + 0.5% per 100 BTC, MM 1.5% + 0.5% per 100 BTC, linear in the size (Deribit's
 *       legacy futures specification, test.deribit.com/pages/docs/futures, whose worked examples are 25 BTC → 2.125%
 *       and 350 BTC → 3.75%). Deribit's current pages (11 January 2022 notice, linear-perpetual page) keep the IM and
 *       the increment but state MM 1% + 0.005% per BTC; set {@code maintenanceRate} 0.01 for that.</li>
 *   <li><b>Delta-one, ETH</b>: the same base rates with Deribit's ETH "increase factor" of 0.0004% per ETH
 *       (support.deribit.com, 11 January 2022 notice), i.e. 0.5% per 1,250 ETH.</li>
 *   <li><b>Delta-one, any other underlying</b>: a USD-notional step, from Deribit's SOL_USDC perpetual (IM 4% and
 *       MM 2% plus 0.0005% per SOL, support.deribit.com "Linear Perpetual"): at that page's 200 USD example price,
 *       0.5% per 200,000 USD of notional. An alt pays more than BTC or ETH, as on the venue.</li>
 *   <li><b>Rate cap</b>: the size-scaled delta-one rate never exceeds 100% of the notional (Deribit's linear rule
 *       would pass 100% at 19,600 BTC; Binance's last bracket is 1× leverage, 100%).</li>
 *   <li><b>Options</b>: {@link OptionRates#deribit()} (0.15, floor 0.10, MM 0.075; long options: the premium only).
 *       </li>
 *   <li><b>Size tiers</b> (cross margin), USD notional per position: Binance's BTCUSDT perpetual brackets
 *       (announcement "Updates to Leverage and Margin Tiers of Binance Futures Contracts", 2021-03-18: IM = 1/max
 *       leverage, MMR as published) above 1,000,000 USD, and Deribit's 2% / 1.5% below it, replacing Binance's
 *       first three brackets (IM 0.8–2%, MMR 0.4–1%), which are below Deribit's base and would make cross cheaper
 *       than isolated for small books:
 *       <pre>
 *         up to 1M       IM 2%     MM 1.5%   (Deribit base)
 *         1M – 10M       IM 5%     MM 2.5%   (Binance 20×)
 *         10M – 20M      IM 10%    MM 5%     (10×)
 *         20M – 50M      IM 20%    MM 10%    (5×)
 *         50M – 100M     IM 25%    MM 12.5%  (4×)
 *         100M – 200M    IM 33.3%  MM 15%    (3×)
 *         200M – 300M    IM 50%    MM 25%    (2×)
 *         above 300M     IM 100%   MM 50%    (1×; Binance caps positions at 500M, here the bracket is open)
 *       </pre>
 *       Rates apply to the slice of notional inside each bracket (Binance's cumulative deduction), so the
 *       requirement is continuous in size ({@link SizeTiers}).</li>
 *   <li><b>Tiers on short options</b>: on. A short option pays the tier extra of a delta-one position of the same
 *       underlying notional on top of the option rule (our choice: the option rule has no size scaling of its own,
 *       and a large naked short option is as hard to liquidate as a large future). Long options never pay tiers.</li>
 * </ul>
 *
 * @param deltaOne  size-scaled delta-one rates by underlying
 * @param defaultDeltaOne  the rates of underlyings not in {@code deltaOne}
 * @param deltaOneRateCap  the most a size-scaled delta-one rate can reach, in [max initial rate, 1]
 * @param options  the short-option rule
 * @param sizeTiers  the cross model's position-size brackets in USD notional
 * @param tierShortOptions  whether short options pay the size tiers' extra in the cross model
 */
public record StandardMarginParameters(Map<Asset, DeltaOneRates> deltaOne, DeltaOneRates defaultDeltaOne,
    double deltaOneRateCap, OptionRates options, SizeTiers sizeTiers, boolean tierShortOptions) {

  /** Validates and copies the fields. */
  public StandardMarginParameters {
    Checks.notNull(deltaOne, "delta_one");
    Checks.notNull(defaultDeltaOne, "default_delta_one");
    double maxInitial = defaultDeltaOne.initialRate();
    for (Map.Entry<Asset, DeltaOneRates> e : deltaOne.entrySet()) {
      Checks.notNull(e.getKey(), "delta_one");
      DeltaOneRates r = Checks.notNull(e.getValue(), "delta_one." + e.getKey());
      maxInitial = Math.max(maxInitial, r.initialRate());
    }
    Checks.inRange(deltaOneRateCap, 0, 1, "delta_one_rate_cap");
    if (deltaOneRateCap < maxInitial) {
      throw new InvalidInputException("delta_one_rate_cap",
          "must not be below the largest initial rate " + maxInitial + ", got " + deltaOneRateCap);
    }
    Checks.notNull(options, "options");
    Checks.notNull(sizeTiers, "size_tiers");
    deltaOne = Collections.unmodifiableMap(new TreeMap<>(deltaOne));
  }

  /** The defaults described above: Deribit's standard margin, with Binance-style size tiers for cross margin. */
  public static StandardMarginParameters deribit() {
    double inf = Double.POSITIVE_INFINITY;
    return new StandardMarginParameters(
        Map.of(Asset.BTC, new DeltaOneRates(0.02, 0.015, 0.005, 100, StepUnit.COIN),
            Asset.ETH, new DeltaOneRates(0.02, 0.015, 0.005, 1_250, StepUnit.COIN)),
        new DeltaOneRates(0.04, 0.02, 0.005, 200_000, StepUnit.USD),
        1.0,
        OptionRates.deribit(),
        new SizeTiers(List.of(
            new SizeTier(1e6, 0.02, 0.015),
            new SizeTier(1e7, 0.05, 0.025),
            new SizeTier(2e7, 0.10, 0.05),
            new SizeTier(5e7, 0.20, 0.10),
            new SizeTier(1e8, 0.25, 0.125),
            new SizeTier(2e8, 0.333, 0.15),
            new SizeTier(3e8, 0.50, 0.25),
            new SizeTier(inf, 1.00, 0.50))),
        true);
  }

  /** The delta-one rates of an underlying: its own, or the default. */
  public DeltaOneRates deltaOneFor(Asset underlying) {
    return deltaOne.getOrDefault(underlying, defaultDeltaOne);
  }
}
