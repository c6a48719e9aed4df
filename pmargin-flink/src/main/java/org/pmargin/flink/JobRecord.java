package org.pmargin.flink;

/**
 * One input record of the job after sequencing, a Flink POJO (no generic types, so no Kryo): an account event
 * (deposit, withdraw, fill) routed to its account's bucket, or one copy per bucket of a market move or model change.
 */
public class JobRecord {
  /** deposit, withdraw, fill, market or model. */
  public String kind;
  /** The event's sequence number in the input, from 1: the single-node engine's sequence for the same script. */
  public long seq;
  /** The bucket (key) it is routed to. */
  public int bucket;
  public String account;
  public String asset;
  public double amount;
  /** A Deribit-style symbol. */
  public String instrument;
  public double quantity;
  public double price;
  /**
   * A market record's line as it came in (already validated by {@link EventLines#parse}): read again with the
   * engine's {@link org.pmargin.engine.script.MarketLine} where it is applied, so moves, vol factors, time, degraded
   * underlyings and delivery prices follow the engine's own rules.
   */
  public String marketLine;
  /** The model of a model change. */
  public String model;

  /** For Flink. */
  public JobRecord() {
  }

  /** A copy routed to another bucket. */
  public JobRecord to(int b) {
    JobRecord c = new JobRecord();
    c.kind = kind;
    c.seq = seq;
    c.bucket = b;
    c.account = account;
    c.asset = asset;
    c.amount = amount;
    c.instrument = instrument;
    c.quantity = quantity;
    c.price = price;
    c.marketLine = marketLine;
    c.model = model;
    return c;
  }

  /** Whether every bucket gets a copy. */
  public boolean broadcast() {
    return "market".equals(kind) || "model".equals(kind);
  }
}
