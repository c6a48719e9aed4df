package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every file of the data shipped with the project ({@code data/}): the SHA-256 of its plain (decompressed)
 * bytes and its number of rows, so a silent change to the shipped copy shows. A deliberate change (rebuilt with
 * {@code data/extract.sh}) updates this table and {@code data/README.md} in the same commit.
 */
class ShippedDataTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();

  /** File | SHA-256 of the plain bytes | rows (without the header). */
  private static final String[] PINNED = {
      "daily/ADA.csv.gz | bd058233cf8d095022f16dba3995db87746b9e1ec82dd74c0104b7d9db539793 | 2651",
      "daily/AVAX.csv.gz | c2afbf30a930f7287952220cc9f3bfa5ce6911d0678302bebed9fb05d56154cf | 1603",
      "daily/BNB.csv.gz | 0b9f6ed675d879b942f842576f8a3f66fa0a2923811b18a0234c70fae3b264c2 | 2651",
      "daily/BTC.csv.gz | 419ccf05c4d63c430feba47d99f70a2cf2e2d38dcc947963bedb3d44eb9ba3d7 | 3800",
      "daily/DOGE.csv.gz | d6d3acf12f0f8db2ef133c780b5bc4f28dee609b25206fcd0b7659b74de16731 | 2651",
      "daily/DOT.csv.gz | 72aab4d81cd55856a6f0ca984d0fbb7d68edf4d58714a20bccfb052b18b26960 | 1636",
      "daily/ETH.csv.gz | 65b6fb5f2dd81002ba5abbfddca6e03e637901273a80e9e16918130a52fb7ab3 | 2651",
      "daily/LINK.csv.gz | d99428dfb106a9136f39957ce0e1f8790b1e16bf12bf674098378277b9f65d4b | 2651",
      "daily/LTC.csv.gz | 4acbecc957c98a9f7ac45e4025eb35981c67dc25ccc2fe4eb6197b99e5155579 | 3800",
      "daily/MATIC.csv.gz | 7243674aa2c1bcb88f2c4313ee779a83f88b42a99970dd60bc2eb311bfd2b5e5 | 2116",
      "daily/SOL.csv.gz | f1db273ddd4f2447e0bc77f42962075576e4369348c53728072443b86c74be47 | 1768",
      "daily/USDC.csv.gz | eca80d75aaf313b4519c2b76cc43a4b1642c22173e3eb11c369bae50dfaec07f | 2318",
      "daily/USDT.csv.gz | 3cb3b10fa69805d4a87d143150c4abbb69fecac9e81d53b742872b4c0435c6b1 | 2651",
      "daily/XRP.csv.gz | 953ca1bff00003669dccd4288cbb51ae528eefb1eddf44493a2459ac89184edc | 2651",
      "daily_coingecko/ADA.csv.gz | 290141862dd5e7ec9ba0605c81a1e386e53563008cbe1aabfc6074ad40196210 | 2141",
      "daily_coingecko/AVAX.csv.gz | e2dbb9feb93c12a4a6d2c570b33b03bb23eb7293c940b8b515f11802aed81b5e | 1071",
      "daily_coingecko/BNB.csv.gz | c0b9d9b941c755cb28fef411b64925184d54a0fe28aa37a3fedd795ec84b15d7 | 2171",
      "daily_coingecko/BTC.csv.gz | 26679833d5bbaaaa5a027cf747d46e72c9181621e55eacdc97468ff810173993 | 3161",
      "daily_coingecko/BUSD.csv.gz | fda25040cfd9529872b4406869ade21b393084b56a7dbfaae13d637c30ed323d | 1438",
      "daily_coingecko/DAI.csv.gz | 998d8ee6a0911eae101c3f9347b7f1a8d28a74c99fd433a06ad1be64c6248f5f | 1379",
      "daily_coingecko/DOGE.csv.gz | 7cc0f7d718e8b32096c52eafc760c82f539a54a004f42e21aa9d8c827b840507 | 3161",
      "daily_coingecko/DOT.csv.gz | 68d7c9e501cb57eb900cef38505531acedfa00ecd1c8c8b6a1e30b3c1c6a4f5a | 1105",
      "daily_coingecko/ETH.csv.gz | f0cf370c53bb5dc53f1f6465e648acab7da7ded968b9e2b1332cd4405668b0e5 | 2943",
      "daily_coingecko/FRAX.csv.gz | ea9f45ae8f01328f6581e8287805de8195017b2aff9e032b805701c54de37ceb | 981",
      "daily_coingecko/FTT.csv.gz | 1cf562f0ee7da950e4a92cfda1233b86cfeee4a7eb07d143d30ac5c8b87efe40 | 1491",
      "daily_coingecko/LINK.csv.gz | 558f1790e012c8ed17ce4c0b4b3b0cce543acb7f9f6400911083e4767508d4dd | 2119",
      "daily_coingecko/LTC.csv.gz | c7b8df6d4aebd3255848d23351bdb8d494bfa2e2029eb394d632f9b838561d18 | 3161",
      "daily_coingecko/LUNC.csv.gz | e70def5291cacd12132e75ef52ef7d6e8ce082f3471cfd4fd76d3d105bc0428f | 1574",
      "daily_coingecko/MATIC.csv.gz | 3022b3b1e8a7780d503c709ad933aaa4c44e155607d3f083accabb5b174b9764 | 1585",
      "daily_coingecko/SOL.csv.gz | 6cc8d1485d3d5902a58c610d78e0f2c80c5f1314bafa4eecce77f20ac7a6577d | 1235",
      "daily_coingecko/STETH.csv.gz | 8b060d10217a0efece1825bfca79ac3bd1b16ad9ed41d5b5ef8755c7bdb68aec | 980",
      "daily_coingecko/USDC.csv.gz | b77a6978efc4efe1682029e7fa281f1e603e4e2adad40f220df98455f6aaf9e2 | 1789",
      "daily_coingecko/USDT.csv.gz | 70182cf634853eb67bc78b9c2d182e1c973d7e4401cea999dde45b55297a7f88 | 3084",
      "daily_coingecko/WBTC.csv.gz | 9c1c8a714e6e8bf89b89f47333e816eb8133196cef94839cd414ea1ac16bb5b9 | 1670",
      "daily_coingecko/XRP.csv.gz | 82ba4272ad6d536320d262db9a096cbcb834f89f704cbe45457db1beaa91eca4 | 3162",
      "hourly/BTCUSDT_1h.csv.gz | 13e69d473564916ff98738bf35482705b81c8b9507a9b5338882a53146fc059f | 16661",
      "hourly/ETHUSDT_1h.csv.gz | 6fb0766b2edb9350f17a7a1f022582b84c8a1c3aedbe89e28a41f00d86be7fbd | 15269",
      "options/deribit_BTC_options_near_money_2026-03-01.csv.gz | f960737a6a9e3e053d44b70e57ef1ce14eb2c18e35ef8cf1abc672469e67805e | 166",
      "options/deribit_ETH_option_chain_2024-01-08T1119Z.csv.gz | 10eb3a9422a9c9e525942808ef2d244763d7298105dfbb64f1ecf5895ceca58f | 684",
      "qc_daily_close_vs_next_open.csv | fae0dd20ad13858927f6ec31d5cb21187355edd65f4c6af2075955d4244d1945 | 124",
      "stablecoins/BUSD.csv.gz | 27bdd56e185060ffe9094cda7e34d54198bc8678dd66dd4e68d1471d6e286c8a | 1149",
      "stablecoins/DAI.csv.gz | 91edca4913215b2ef2019d5e14765fb6676faaedc054384cb2705d5d7305464f | 1086",
      "stablecoins/FRAX.csv.gz | 1cee7a1140da1fedd28354735079c6aa47e9517aea0020b7b06154746d744412 | 685",
      "stablecoins/TUSD.csv.gz | a6499a8c207be14d1e6779b0da7dfbb23fe5cde3c43c98d3ca59ce4a7d981258 | 1712",
      "stablecoins/USDP.csv.gz | 1ff0c4c4b78f9757a50f15fcf65233fb7ec24a4c84692d92064f3bea866aa249 | 1507",
      "stablecoins/UST.csv.gz | f816d099dc5d1d78687a6d182616b22b42d8e19039d9762ae01ab71ccae86b2b | 684",
      "stress_events.csv | b34e2254e30befd42ecb4bf352571aeefeaffc83bccc361fb1cafbbec9384eb1 | 8",
      "vol_index/BTC_DVOL.csv.gz | 209739e7e4e1c07c0f935680bcc9642328569a7e6df84095eded9eb252130b2d | 1839",
      "vol_index/ETH_DVOL.csv.gz | 4d361e0c9e402d41c2993b634d11b0c23f8f52c79fc0833bf8e8050965681760 | 1839"
  };

  static Stream<String> pinned() {
    return Stream.of(PINNED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pinned")
  void shouldHoldThePinnedFile(String entry) throws IOException {
    String[] cells = entry.split("\\|");
    String file = cells[0].trim();
    Path path = DATA.resolve(file);
    assertThat(path).isRegularFile();
    assertThat(sha256(path)).as(file).isEqualTo(cells[1].trim());
    assertThat(CsvFiles.read(path)).as(file).hasSize(Integer.parseInt(cells[2].trim()));
  }

  @Test
  void shouldHoldNothingElseAndStayCompact() throws IOException {
    List<String> pinned = pinned().map(e -> e.split("\\|")[0].trim()).sorted().toList();
    List<String> present;
    long bytes;
    try (Stream<Path> s = Files.walk(DATA)) {
      List<Path> files = s.filter(Files::isRegularFile).toList();
      present = files.stream().map(p -> DATA.relativize(p).toString().replace('\\', '/'))
          .filter(n -> n.contains(".csv")).sorted().toList();
      bytes = files.stream().mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
    assertThat(present).isEqualTo(pinned);
    assertThat(bytes).as("bytes in data/").isLessThan(5L << 20);
    assertThat(DATA.resolve("README.md")).isRegularFile();
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = DataFiles.open(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
