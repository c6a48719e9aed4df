package org.pmargin.flink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.AccountShard;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.EngineState;
import org.pmargin.engine.book.EngineStateCodec;

/**
 * A task's market side and what it saves of it, bounded: the {@link AccountShard} moved by the market and model
 * records, and the state to rebuild it on a restore, a <em>base</em> ({@link ShardBase}: the shard just before a
 * record) plus the records from that record on.
 *
 * <p>When a record empties the shard's vector cache (a market update that makes a full pass, every {@link
 * EngineConfig#fullRevaluationInterval} of market time, or a model change; with {@link
 * EngineConfig#vectorsPerMarketTime} on, any accepted update, since vectors then only live for one market time), the
 * log is compacted: the base becomes the shard as it was before that record, and the records before it are dropped.
 * The record itself is kept: replayed on the base it gives the shard its update's diff again (previous snapshot,
 * moved assets), which the re-margining of any copy of it still to come needs. A rebuilt shard is then the running
 * one: same snapshot, model, last full pass, degraded assets and asset bits, and an empty cache where the running
 * one's was emptied by that record (what the cache gained since is either of the current market time, computed again
 * to the same bits, or, with vectors kept across market times, not rebuilt by any replay of market records alone:
 * docs/SCALE.md). So the saved records are at most those of one full-pass interval.
 *
 * <p>Refused updates (time going back) change nothing but are remembered, so the copies of one for other buckets
 * are not re-margined: only those among the kept records are (the sequencer sends every copy of a record before the
 * next record, so no copy of an older one is still to come).
 *
 * <p>Not thread-safe: one Flink task.
 */
final class MarketLog {

  private final JobSettings settings;
  private final EngineConfig config;
  private ShardBase base;
  private EngineState pendingBase;
  private String baseModel;
  private final List<JobRecord> records;
  private final Set<Long> refused = new HashSet<>();
  private AccountShard shard;
  private String model;
  private long shardSeq;

  /**
   * A log at a base.
   *
   * @param settings  the job's settings (first snapshot and model, models by name)
   * @param config  the engine's settings (the job's {@link JobSettings#engineConfig})
   * @param base  the base, or null for the job's first snapshot and model
   * @param records  the records after the base, in sequence order
   */
  MarketLog(JobSettings settings, EngineConfig config, ShardBase base, List<JobRecord> records) {
    this.settings = settings;
    this.config = config;
    this.base = base;
    this.records = new ArrayList<>(records);
  }

  /**
   * The log of a restored union state: every task saved a base (or none) and its records; the newest base is taken
   * (all tasks compact at the same records, so they agree but for the order of their asset bits), with the records
   * after it, each once.
   */
  static MarketLog restored(JobSettings settings, EngineConfig config, Iterable<ShardBase> bases,
      Iterable<JobRecord> saved) {
    ShardBase newest = null;
    for (ShardBase b : bases) {
      if (newest == null || b.seq > newest.seq) {
        newest = b;
      }
    }
    long from = newest == null ? 0 : newest.seq;
    TreeMap<Long, JobRecord> bySeq = new TreeMap<>();
    for (JobRecord r : saved) {
      if (r.seq > from) {
        bySeq.putIfAbsent(r.seq, r);
      }
    }
    return new MarketLog(settings, config, newest, new ArrayList<>(bySeq.values()));
  }

  /** The shard: built at the base on first use and moved through the saved records. */
  AccountShard shard() {
    if (shard == null) {
      if (base == null) {
        model = settings.model();
        shard = new AccountShard(settings.model(model), settings.market(), config);
        shardSeq = 0;
      } else {
        model = base.model;
        EngineState state = EngineStateCodec.read(base.state);
        shard = AccountShard.restore(state, settings.model(model), config);
        shardSeq = base.seq;
      }
      baseModel = model;
      for (JobRecord r : records) {
        if (step(r) != null) {
          refused.add(r.seq);
        }
        shardSeq = r.seq;
      }
    }
    return shard;
  }

  /**
   * Moves the shard by a market or model record, once (a copy of a record already applied changes nothing), and
   * compacts the log when the record emptied the cache.
   *
   * @return why the record was refused when it was applied now, else null
   */
  String advance(JobRecord r) {
    AccountShard s = shard();
    if (r.seq <= shardSeq) {
      return null;
    }
    EngineState before = s.base(shardSeq);
    String modelBefore = model;
    String why = step(r);
    records.add(r);
    if (why != null) {
      refused.add(r.seq);
    } else if ("model".equals(r.kind) || s.lastAdvanceFull() || config.vectorsPerMarketTime()) {
      pendingBase = before;
      baseModel = modelBefore;
      base = null;
      records.clear();
      records.add(r);
      refused.removeIf(seq -> seq < r.seq);
    }
    shardSeq = r.seq;
    return why;
  }

  /** Whether a record applied was refused (its copies are then not re-margined). */
  boolean refused(long seq) {
    return refused.contains(seq);
  }

  /** The base to save, or null while the log starts at the job's first snapshot (written on first call). */
  ShardBase base() {
    if (base == null && pendingBase != null) {
      base = new ShardBase(pendingBase.sequence(), baseModel, EngineStateCodec.write(pendingBase));
      pendingBase = null;
    }
    return base;
  }

  /** The records to save: those after the base, in order. */
  List<JobRecord> records() {
    return records;
  }

  private String step(JobRecord r) {
    if ("model".equals(r.kind)) {
      shard.changeModel(settings.model(r.model));
      model = r.model;
      return null;
    }
    try {
      return shard.advance(EventLines.market(r).update(shard.snapshot()));
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }
}
