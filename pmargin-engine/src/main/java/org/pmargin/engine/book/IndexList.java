package org.pmargin.engine.book;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Account indices as an {@code int[]} behind a {@code List<Integer>}: a tick's targets (every account exposed to
 * what moved) without an {@code Integer} per account. The engine reads them through {@link #at}; {@link #get} boxes,
 * for other readers.
 */
final class IndexList extends AbstractList<Integer> implements RandomAccess {

  private int[] indices;
  private int size;

  IndexList(int capacity) {
    indices = new int[Math.max(4, capacity)];
  }

  /** Appends an index. */
  void addIndex(int i) {
    if (size == indices.length) {
      indices = Arrays.copyOf(indices, size * 2);
    }
    indices[size++] = i;
  }

  /** The {@code k}-th index, unboxed. */
  int at(int k) {
    if (k >= size) {
      throw new IndexOutOfBoundsException(k);
    }
    return indices[k];
  }

  /** The {@code k}-th index of any list of indices, unboxed when it is an {@link IndexList}. */
  static int at(List<Integer> targets, int k) {
    return targets instanceof IndexList l ? l.at(k) : targets.get(k);
  }

  @Override
  public Integer get(int k) {
    return at(k);
  }

  @Override
  public int size() {
    return size;
  }
}
