package org.pmargin.flink;

/**
 * The saved base of a task's {@link org.pmargin.engine.book.AccountShard}, a Flink POJO: the shard as it was just
 * before the last update that compacted the market log ({@link MarketLog}), as {@link
 * org.pmargin.engine.book.EngineStateCodec} bytes of {@link org.pmargin.engine.book.AccountShard#base} (snapshot,
 * model name, last full pass, degraded mask, asset bit order; every double read back exactly), and the job's name
 * of the model in force then, to build it again ({@link JobSettings#model}).
 */
public class ShardBase {
  /** The sequence number of the last market or model record the base includes (the records after it are kept). */
  public long seq;
  /** The job's name of the model in force at the base ({@code grid}, {@code simulation}, ...). */
  public String model;
  /** The base as gzip JSON ({@link org.pmargin.engine.book.EngineStateCodec#write}). */
  public byte[] state;

  /** For Flink. */
  public ShardBase() {
  }

  /** A base. */
  ShardBase(long seq, String model, byte[] state) {
    this.seq = seq;
    this.model = model;
    this.state = state;
  }
}
