package org.pmargin.engine.proof;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A proof that one account's state is in a state tree: the leaf's canonical bytes ({@link AccountLeaf}), its index,
 * the tree's size, the audit path and the root, plus the sequence and snapshot the root is of. Exported as JSON
 * ({@code pmargin-proof/1}, docs/VERIFY.md) with hashes and the leaf in lower-case hex, and checked by {@link
 * #verify} with RFC 9162's algorithm and nothing else.
 *
 * @param account  the account the proof is for
 * @param leaf  the leaf's canonical bytes
 * @param index  its index in the tree, from 0
 * @param treeSize  the tree's number of leaves
 * @param path  the audit path from the leaf's level up
 * @param root  the tree's root
 * @param sequence  the engine sequence the state is as of
 * @param snapshotVersion  the market snapshot in force
 */
public record InclusionProof(String account, byte[] leaf, long index, long treeSize, List<byte[]> path,
    byte[] root, long sequence, long snapshotVersion) {

  /** The JSON format's name and version. */
  public static final String FORMAT = "pmargin-proof/1";

  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> FIELDS = Set.of("format", "account", "leaf", "index", "tree_size", "path",
      "root", "sequence", "snapshot_version");

  /** Copies the arrays. */
  public InclusionProof {
    leaf = leaf.clone();
    path = path.stream().map(byte[]::clone).toList();
    root = root.clone();
  }

  /**
   * Whether the proof holds: the leaf decodes as a canonical leaf of {@link #account}, and its audit path leads to
   * {@link #root}.
   */
  public boolean verify() {
    try {
      if (!AccountLeaf.decode(leaf).account().equals(account)) {
        return false;
      }
    } catch (InvalidInputException e) {
      return false;
    }
    return MerkleTree.verify(MerkleTree.leafHash(leaf), index, treeSize, path, root);
  }

  /** Whether the proof holds and is of this root (one pinned from elsewhere: a venue's publication, an auditor). */
  public boolean verify(byte[] expectedRoot) {
    return java.security.MessageDigest.isEqual(root, expectedRoot) && verify();
  }

  /** The state the leaf encodes. */
  public AccountLeaf state() {
    return AccountLeaf.decode(leaf);
  }

  /** The root as hex. */
  public String rootHex() {
    return HEX.formatHex(root);
  }

  /** The JSON form. */
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("account", account);
    n.put("leaf", HEX.formatHex(leaf));
    n.put("index", index);
    n.put("tree_size", treeSize);
    ArrayNode p = n.putArray("path");
    path.forEach(h -> p.add(HEX.formatHex(h)));
    n.put("root", HEX.formatHex(root));
    n.put("sequence", sequence);
    n.put("snapshot_version", snapshotVersion);
    return n;
  }

  /**
   * Reads the JSON form strictly.
   *
   * @throws InvalidInputException naming the field: unknown fields, a wrong format, hex that is not hex or a hash
   *     that is not 32 bytes
   */
  public static InclusionProof fromJson(JsonNode node) {
    Fields f = Fields.of(node, "");
    f.onlyKnown(FIELDS);
    if (!FORMAT.equals(f.text("format"))) {
      throw new InvalidInputException("format", "must be " + FORMAT + ", got '" + f.text("format") + "'");
    }
    List<byte[]> path = new ArrayList<>();
    JsonNode p = node.get("path");
    if (p == null || !p.isArray()) {
      throw new InvalidInputException("path", "must be an array of hashes");
    }
    for (int i = 0; i < p.size(); i++) {
      if (!p.get(i).isString()) {
        throw new InvalidInputException("path[" + i + "]", "must be a hex string");
      }
      path.add(hash(p.get(i).stringValue(), "path[" + i + "]"));
    }
    long index = f.integer("index");
    long size = f.integer("tree_size");
    if (index < 0 || size < 1 || index >= size) {
      throw new InvalidInputException("index", "must be in [0, tree_size), got " + index + " of " + size);
    }
    return new InclusionProof(f.text("account"), hex(f.text("leaf"), "leaf"), index, size, path,
        hash(f.text("root"), "root"), f.integer("sequence"), f.integer("snapshot_version"));
  }

  /** Lower-case or upper-case hex to bytes. */
  public static byte[] hex(String s, String field) {
    try {
      return HEX.parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "must be hex digits, an even number of them");
    }
  }

  private static byte[] hash(String s, String field) {
    byte[] b = hex(s, field);
    if (b.length != MerkleTree.HASH) {
      throw new InvalidInputException(field, "must be a 32-byte SHA-256 hash (64 hex digits), got " + b.length
          + " bytes");
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionProof p && toJson().equals(p.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
