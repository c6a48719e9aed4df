package org.pmargin.engine.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tree against the published Certificate Transparency test vectors (the eight leaves of the reference
 * implementation's merkle tree test; roots for sizes 0–8 and inclusion paths as RFC 9162 implementations publish
 * them), and as a property over seeded random trees of 1–70 leaves: every leaf's path verifies, on one thread or
 * several the root is the same, and a flipped bit anywhere (leaf, path, root), another index or a shortened path
 * makes it fail.
 */
class MerkleTreeTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f");
  private static final List<String> ROOTS = List.of(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static MerkleTree reference(int size, boolean parallel) {
    List<byte[]> leaves = LEAVES.subList(0, size).stream().map(HEX::parseHex).toList();
    return MerkleTree.ofLeafHashes(MerkleTree.leafHashes(leaves, parallel), parallel);
  }

  @Test
  void shouldGiveThePublishedRootForEverySizeUpToEight() {
    for (int n = 0; n <= 8; n++) {
      assertThat(HEX.formatHex(reference(n, false).root())).as("size " + n).isEqualTo(ROOTS.get(n));
      assertThat(HEX.formatHex(reference(n, true).root())).as("size " + n + ", parallel").isEqualTo(ROOTS.get(n));
    }
  }

  @Test
  void shouldGiveThePublishedInclusionPaths() {
    assertPath(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertPath(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertPath(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    assertPath(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
  }

  private static void assertPath(int index, int size, String... expected) {
    MerkleTree t = reference(size, false);
    List<byte[]> path = t.path(index);
    assertThat(path.stream().map(HEX::formatHex).toList()).containsExactly(expected);
    byte[] leaf = MerkleTree.leafHash(HEX.parseHex(LEAVES.get(index)));
    assertThat(MerkleTree.verify(leaf, index, size, path, HEX.parseHex(ROOTS.get(size)))).isTrue();
    assertThat(MerkleTree.verify(leaf, index, size, path, HEX.parseHex(ROOTS.get(size - 1)))).isFalse();
  }

  static Stream<Integer> seeds() {
    return IntStream.range(0, 24).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyLeafVerifiesAndAnyFlippedBitFails(int seed) {
    SplittableRandom r = new SplittableRandom(6962 + seed);
    int n = 1 + r.nextInt(70);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[4 + r.nextInt(40)];
      r.nextBytes(b);
      java.nio.ByteBuffer.wrap(b).putInt(i); // distinct leaves: two equal leaves would prove each other's place
      leaves.add(b);
    }
    MerkleTree t = MerkleTree.ofLeafHashes(MerkleTree.leafHashes(leaves, false), false);
    MerkleTree p = MerkleTree.ofLeafHashes(MerkleTree.leafHashes(leaves, true), true);
    assertThat(p.root()).isEqualTo(t.root());
    byte[] root = t.root();
    for (int i = 0; i < n; i++) {
      byte[] leaf = MerkleTree.leafHash(leaves.get(i));
      List<byte[]> path = t.path(i);
      assertThat(path.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(n - 1));
      assertThat(MerkleTree.verify(leaf, i, n, path, root)).as("leaf %d of %d", i, n).isTrue();
      // (a wrong tree size is not always caught by the path alone — size 4 checks leaf 0 of a 3-leaf tree the same
      // way — which is why the size is published with the root, as a CT signed tree head does)
      assertThat(MerkleTree.verify(leaf, i, i, path, root)).as("index outside the tree").isFalse();
      if (n > 1) {
        assertThat(MerkleTree.verify(leaf, (i + 1) % n, n, path, root)).as("wrong index").isFalse();
      }
      byte[] badLeaf = leaf.clone();
      badLeaf[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
      assertThat(MerkleTree.verify(badLeaf, i, n, path, root)).isFalse();
      byte[] badRoot = root.clone();
      badRoot[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
      assertThat(MerkleTree.verify(leaf, i, n, path, badRoot)).isFalse();
      if (!path.isEmpty()) {
        List<byte[]> badPath = new ArrayList<>(path);
        int k = r.nextInt(path.size());
        byte[] h = path.get(k).clone();
        h[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
        badPath.set(k, h);
        assertThat(MerkleTree.verify(leaf, i, n, badPath, root)).isFalse();
        assertThat(MerkleTree.verify(leaf, i, n, path.subList(0, path.size() - 1), root)).as("short").isFalse();
      }
    }
  }
}
