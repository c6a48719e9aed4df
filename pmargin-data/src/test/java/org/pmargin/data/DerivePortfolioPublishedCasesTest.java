package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.margin.derive.DeriveMargin;
import org.pmargin.core.margin.derive.DeriveModel;

/**
 * Derive's own published PM2 portfolio cases, stated in the {@code derive-portfolio} format and margined without the
 * generic account/market adapter.
 *
 * <p>Source: derivexyz/v2-core, {@code test/risk-managers/unit-tests/PMRM_2/portfolio_cases/<case>.json}, at the
 * commit named in each row (the first ten hex digits; the full commit is in each resource file's
 * {@code description}). Derive's harness, TestPMRM_2_PortfolioCasesNEW.t.sol, checks PMRM_2 against each file's
 * {@code Result.MM}, {@code Result.IM} and {@code Result.PortfolioMTM} with {@code assertApproxEqRel(.., 1e10)} in
 * 1e18 fixed point, i.e. to 1e-8 relative: that is the precision published, and the tolerance here. The inputs
 * ({@code Scenario.*}: SpotPrice/SpotConfidence, StablePrice, Cash, NumPerps/PerpPrice/PerpConfidence/
 * UnrealisedPerpPNL/UnrealisedFunding, Collaterals, Options with MarkVol, OptionFeeds with Forward, Rate and their
 * confidences; {@code Parameters.*}) are written in {@code src/test/resources/derive/<case>.json}; the parameters are
 * the repository's test set ({@code "preset": "test-set"}) with each file's own overrides and scenario list. All
 * but test_13 were written from pmargin-core's transcription (src/test/resources/derive/pm2-vectors.txt); test_13
 * was read from its case file directly.
 *
 * <p>Conventions taken from the harness, not from the case files: within 30 minutes of expiry the harness feeds the
 * forward as a fixed part F·(1800 − s)/1800 and a variable part F·s/1800 (its setForwardPricePortions), so
 * test_60 (1 s) and test_66 (0 s) state those two parts; the case files give one OptionVolConfidences per expiry,
 * written on each option. StableConfidence is not stated: PMRM_2 reads the stable feed's price only.
 *
 * <p>Published values per row: {@code Result.MM}, {@code Result.IM}, {@code Result.OptionMTM},
 * {@code Result.CollateralMTM}.
 */
class DerivePortfolioPublishedCasesTest {

  private static final Path CASES = Path.of("src", "test", "resources", "derive");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "test_1_collateral_cash_only | 57cdd00b78 | 1000.0 | 1000.0 | 0.0 | 0.0",
      "test_5_collateral_general_multi_collat | 4e0ee6c5a7 | 169706.50721754233 | 154940.50415770418 | 0.0"
          + " | 269978.3982558415",
      "test_6_collateral_general_multi_collat_with_oracle_cont | 4e0ee6c5a7 | 11531801.022394048"
          + " | -5359102.148490705 | 0.0 | 17174671.616356872",
      "test_11_collateral_usdc_depeg_only_cash | 4e0ee6c5a7 | 1000.0 | 1000.0 | 0.0 | 0.0",
      "test_13_risk_cancelling_btc_covered_call | 57cdd00b78 | 78744.92602874589 | 74395.66964312586"
          + " | -2372.8371389175313 | 95645.24867613538",
      "test_16_risk_cancelling_general_covered_call | 1d0d7d9d2f | -398180.9181436086 | -470835.93122017954"
          + " | -232417.04321521745 | 419364.5794942696",
      "test_18_structures_OTM_call_spread | 4e0ee6c5a7 | -25.96404757080802 | -35.75844560967082"
          + " | -0.1944703408568294 | 0.0",
      "test_21_structures_long_fly | 4e0ee6c5a7 | -572.4161943757867 | -956.6349558230115 | 7.823790927612595 | 0.0",
      "test_30_perps_basic_perp_low_confidence | 57cdd00b78 | -1015.0 | -3820.0 | 0.0 | 0.0",
      "test_33_perps_general_perp_hedging | 4e0ee6c5a7 | 907071.7014477414 | 859668.4190349346 | 965212.2472589472"
          + " | 2999.4274502419335",
      "test_35_tails_general_tail_test | 4e0ee6c5a7 | -7152.948464247915 | -21392.355000009404"
          + " | -3891.5907096626106 | 86975.97214569143",
      "test_44_skews_abs_as_worst_case_complex | 4e0ee6c5a7 | 1946914.2909302036 | 462567.11559944274"
          + " | 2972587.503423356 | 8634.88319535393",
      "test_55_discounting_negative_rate | 4e0ee6c5a7 | -10000.000000000004 | -10000.000000000004 | -10000.0 | 0.0",
      "test_56_forward_cont_forward_cont_1 | 57cdd00b78 | -100983.45802556415 | -106396.78178786946"
          + " | -79617.1534944885 | 0.0",
      "test_57_forward_cont_forward_cont_2 | 57cdd00b78 | 4965.05082116883 | 4314.521663887444 | -2134.555449923828"
          + " | 10132.529435329823",
      "test_59_min_shock_check_vol_bounded_at_0 | 1d0d7d9d2f | 75822.12428040088 | 14148.379309536263"
          + " | 92924.68964733939 | 0.0",
      "test_60_settlement_near_expiry | 4e0ee6c5a7 | -8.044808955299999 | -13.408014925499998 | 0.0 | 0.0",
      "test_66_misc_post_expiry | 57cdd00b78 | -199.64779405529939 | -205.01100002549938 | -191.6029850999994 | 0.0",
  })
  void shouldReproduceDerivesPublishedMarginFromTheDeriveInput(String name, String commit, double mm, double im,
      double optionMtm, double collateralMtm) {
    DeriveInput in = DerivePortfolioJson.read(CASES.resolve(name + ".json"));
    assertThat(in.subaccount()).isEqualTo(name);
    assertThat(in.parameters()).isPresent();
    assertThat(Json.read(CASES.resolve(name + ".json")).get("description").asString()).contains(commit);
    DeriveMargin m = new DeriveModel(in.parameters().get()).evaluate(in.portfolio());
    assertClose(name + " MM", m.maintenanceSurplus(), mm);
    assertClose(name + " IM", m.initialSurplus(), im);
    assertClose(name + " option MtM", m.optionMtm(), optionMtm);
    assertClose(name + " collateral MtM", m.collateralMtm(), collateralMtm);
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Math.abs(actual - expected)).as(what + ": published " + expected + ", got " + actual)
        .isLessThanOrEqualTo(1e-8 * Math.max(Math.abs(expected), 1));
  }
}
