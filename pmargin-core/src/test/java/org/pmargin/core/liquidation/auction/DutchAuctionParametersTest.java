package org.pmargin.core.liquidation.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** The presets hold Derive's published values, and the setters' bounds are enforced with the field named. */
class DutchAuctionParametersTest {

  @Test
  void shouldHoldDeriveMainnetValuesFromConfigMainnetAndTheDocs() {
    DutchAuctionParameters p = DutchAuctionParameters.deriveMainnet();
    // scripts/config-mainnet.sol getDefaultAuctionParam(); docs.derive.xyz "Common Parameters"
    assertThat(p.startingMtMPercentage()).isEqualTo(0.95);
    assertThat(p.fastAuctionCutoffPercentage()).isEqualTo(0.70);
    assertThat(p.fastAuctionLengthSeconds()).isEqualTo(900);
    assertThat(p.slowAuctionLengthSeconds()).isEqualTo(43_200);
    assertThat(p.insolventAuctionLengthSeconds()).isEqualTo(3_600);
    assertThat(p.liquidatorFeeRate()).isEqualTo(0.10);
    assertThat(p.bufferMarginPercentage()).isEqualTo(0.15);
    assertThat(p.mtmCutoff()).isZero();
    assertThat(p.solventAuctionLengthSeconds()).isEqualTo(44_100);
  }

  @Test
  void shouldHoldTheUnitTestBaseValues() {
    DutchAuctionParameters p = DutchAuctionParameters.deriveUnitTests();
    assertThat(p.startingMtMPercentage()).isEqualTo(1.0);
    assertThat(p.fastAuctionCutoffPercentage()).isEqualTo(0.8);
    assertThat(p.fastAuctionLengthSeconds()).isEqualTo(600);
    assertThat(p.slowAuctionLengthSeconds()).isEqualTo(7_200);
    assertThat(p.insolventAuctionLengthSeconds()).isEqualTo(600);
    assertThat(p.liquidatorFeeRate()).isZero();
    assertThat(p.bufferMarginPercentage()).isEqualTo(0.1);
  }

  @Test
  void shouldRefuseWhatSetAuctionParamsRefuses() {
    DutchAuctionParameters p = DutchAuctionParameters.deriveMainnet();
    assertField(() -> p.withLiquidatorFeeRate(0.11), "liquidatorFeeRate");
    assertField(() -> p.withFastAuctionCutoffPercentage(0.96), "fastAuctionCutoffPercentage");
    assertField(() -> p.withBufferMarginPercentage(4.01), "bufferMarginPercentage");
    assertField(() -> p.withBufferMarginPercentage(-0.1), "bufferMarginPercentage");
    assertField(() -> p.withMtmCutoff(1000.5), "mtmCutoff");
    assertField(() -> new DutchAuctionParameters("x", 1.01, 0.7, 900, 43_200, 3_600, 0.1, 0.15, 0),
        "startingMtMPercentage");
    assertField(() -> new DutchAuctionParameters("x", Double.NaN, 0.7, 900, 43_200, 3_600, 0.1, 0.15, 0),
        "startingMtMPercentage");
    assertField(() -> new DutchAuctionParameters("x", 0.95, 0.7, -1, 43_200, 3_600, 0.1, 0.15, 0),
        "fastAuctionLengthSeconds");
    assertField(() -> new DutchAuctionParameters("x", 0.95, 0.7, 900, 1L << 32, 3_600, 0.1, 0.15, 0),
        "slowAuctionLengthSeconds");
    assertField(() -> new DutchAuctionParameters(" ", 0.95, 0.7, 900, 43_200, 3_600, 0.1, 0.15, 0), "name");
  }

  @Test
  void shouldAcceptTheBoundsThemselves() {
    DutchAuctionParameters p = new DutchAuctionParameters("edge", 1, 1, 0, 0, 0, 0.1, 4, 1000);
    assertThat(p.solventAuctionLengthSeconds()).isZero();
  }

  private static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }
}
