package org.pmargin.engine.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Merkle tree as Certificate Transparency defines it (RFC 6962 §2.1, RFC 9162 §2.1): SHA-256, a leaf hashed as
 * {@code H(0x00 || leaf)}, an interior node as {@code H(0x01 || left || right)}, the left subtree of {@code n} leaves
 * holding the largest power of two below {@code n}. The same hashing as CT logs means the published test vectors
 * check this code, and any RFC 9162 verifier checks its proofs.
 *
 * <p>Built bottom up (a level's odd last node is carried up unchanged, which gives exactly RFC 6962's tree), with
 * every level kept in one flat array so that an audit path is a lookup. Hashing a level is split into fixed chunks
 * that may run on several threads; the result does not depend on how many.
 */
public final class MerkleTree {

  /** SHA-256's output, bytes. */
  public static final int HASH = 32;

  private static final int CHUNK = 4096;

  /** levels[0] holds the leaf hashes, the last level the root (one hash); each level flat, HASH bytes a node. */
  private final byte[][] levels;
  private final int size;

  private MerkleTree(byte[][] levels, int size) {
    this.levels = levels;
    this.size = size;
  }

  /**
   * A tree over leaf hashes (each already {@link #leafHash}ed), in order.
   *
   * @param leafHashes  {@code n × HASH} bytes
   * @param parallel  whether to hash on the common fork-join pool
   */
  public static MerkleTree ofLeafHashes(byte[] leafHashes, boolean parallel) {
    if (leafHashes.length % HASH != 0) {
      throw new IllegalArgumentException("leaf hashes must be a multiple of " + HASH + " bytes");
    }
    int n = leafHashes.length / HASH;
    List<byte[]> out = new ArrayList<>();
    out.add(leafHashes);
    byte[] level = leafHashes;
    int count = n;
    while (count > 1) {
      int parents = (count + 1) / 2;
      byte[] up = new byte[parents * HASH];
      byte[] below = level;
      int belowCount = count;
      int chunks = (parents + CHUNK - 1) / CHUNK;
      IntStream range = IntStream.range(0, chunks);
      (parallel ? range.parallel() : range).forEach(c -> {
        MessageDigest md = sha256();
        int from = c * CHUNK;
        int to = Math.min(parents, from + CHUNK);
        for (int p = from; p < to; p++) {
          int l = 2 * p;
          if (l + 1 < belowCount) {
            md.update((byte) 1);
            md.update(below, l * HASH, 2 * HASH);
            digestInto(md, up, p * HASH);
          } else {
            System.arraycopy(below, l * HASH, up, p * HASH, HASH);
          }
        }
      });
      out.add(up);
      level = up;
      count = parents;
    }
    return new MerkleTree(out.toArray(byte[][]::new), n);
  }

  /** How many leaves. */
  public int size() {
    return size;
  }

  /** The root: the tree head hash (SHA-256 of nothing for an empty tree, as RFC 6962 says). */
  public byte[] root() {
    if (size == 0) {
      return sha256().digest();
    }
    byte[] top = levels[levels.length - 1];
    return Arrays.copyOf(top, HASH);
  }

  /** The hash of leaf {@code index}. */
  public byte[] leaf(int index) {
    checkIndex(index);
    return Arrays.copyOfRange(levels[0], index * HASH, (index + 1) * HASH);
  }

  /**
   * The audit path of a leaf (RFC 6962 §2.1.1 {@code PATH}): the sibling hashes from the leaf's level up, skipping
   * levels where the node has no sibling.
   */
  public List<byte[]> path(int index) {
    checkIndex(index);
    List<byte[]> path = new ArrayList<>();
    int i = index;
    int count = size;
    for (int k = 0; k < levels.length - 1; k++) {
      int sibling = i ^ 1;
      if (sibling < count) {
        path.add(Arrays.copyOfRange(levels[k], sibling * HASH, (sibling + 1) * HASH));
      }
      i >>= 1;
      count = (count + 1) / 2;
    }
    return path;
  }

  /**
   * Checks an inclusion proof: the algorithm of RFC 9162 §2.1.3.2, which is all a verifier needs.
   *
   * @param leafHash  {@link #leafHash} of the leaf's bytes
   * @param index  the leaf's index, from 0
   * @param treeSize  the number of leaves of the tree the root is of
   * @param path  the audit path, from the leaf's level up
   * @param root  the expected root
   * @return whether the path leads from the leaf to the root
   */
  public static boolean verify(byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize || leafHash.length != HASH || root.length != HASH) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    MessageDigest md = sha256();
    for (byte[] p : path) {
      if (p.length != HASH || sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(md, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(md, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** {@code SHA-256(0x00 || bytes)}: the hash of a leaf. */
  public static byte[] leafHash(byte[] bytes) {
    MessageDigest md = sha256();
    md.update((byte) 0);
    return md.digest(bytes);
  }

  /** Hashes many leaves into one flat array ({@code n × HASH}), in chunks, on several threads when asked. */
  public static byte[] leafHashes(List<byte[]> leaves, boolean parallel) {
    int n = leaves.size();
    byte[] out = new byte[n * HASH];
    int chunks = (n + CHUNK - 1) / CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (parallel ? range.parallel() : range).forEach(c -> {
      MessageDigest md = sha256();
      for (int i = c * CHUNK, to = Math.min(n, (c + 1) * CHUNK); i < to; i++) {
        md.update((byte) 0);
        md.update(leaves.get(i));
        digestInto(md, out, i * HASH);
      }
    });
    return out;
  }

  private static byte[] node(MessageDigest md, byte[] left, byte[] right) {
    md.update((byte) 1);
    md.update(left);
    return md.digest(right);
  }

  private static void digestInto(MessageDigest md, byte[] out, int offset) {
    try {
      md.digest(out, offset, HASH);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + size);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
