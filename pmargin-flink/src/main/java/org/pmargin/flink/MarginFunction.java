package org.pmargin.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.AccountShard;
import org.pmargin.engine.book.ShardAccount;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.HealthTransition;

/**
 * The engine on a Flink task: keyed by account bucket, each account in keyed {@link MapState} (id → {@link
 * AccountRow}), the market and risk parameters per task in one {@link AccountShard} (snapshot, model, and the
 * per-instrument vectors of the snapshot, computed once per task and shared by all its accounts).
 *
 * <p>An account event re-margins its account. A market move or model change arrives once per bucket, in the same
 * channel as the account events, so every bucket sees events and moves in the input's order: the first copy in a
 * task moves the shard to the new snapshot, each copy then re-margins its bucket's accounts ({@link
 * AccountShard#remargin}). The task's market side is a {@link MarketLog}, saved as operator state (union list state,
 * the same in every task, so any parallelism can restore it): a base (the shard just before the last full pass or
 * model change, {@link ShardBase}) and the records since, replayed on the base on a restore — at most one
 * full-pass interval of records, however long the job has run.
 */
public final class MarginFunction extends KeyedProcessFunction<Integer, JobRecord, String>
    implements CheckpointedFunction, CheckpointListener {

  private static final long serialVersionUID = 1L;
  /** Injected failures that happened, by token (the MiniCluster runs in this JVM). */
  static final Map<String, Boolean> FAILED = new ConcurrentHashMap<>();

  /** The most market and model records a task saved, by failure token (tests: the saved log stays bounded). */
  static final Map<String, Integer> MOST_SAVED = new ConcurrentHashMap<>();

  /** The sequence of the base each failure token's restore started from (tests: a compacted base was used). */
  static final Map<String, Long> RESTORED_BASE = new ConcurrentHashMap<>();

  private final JobSettings settings;
  private transient MapState<String, AccountRow> accounts;
  private transient ListState<JobRecord> savedMarkets;
  private transient ListState<ShardBase> savedBase;
  private transient MarketLog log;
  private transient long records;
  private transient boolean checkpointed;

  /** The function of a job's settings. */
  public MarginFunction(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    accounts = getRuntimeContext().getMapState(new MapStateDescriptor<>("accounts", Types.STRING,
        TypeInformation.of(AccountRow.class)));
  }

  @Override
  public void processElement(JobRecord r, Context ctx, Collector<String> out) {
    records++;
    if (settings.failAfter() >= 0 && records > settings.failAfter() && checkpointed
        && FAILED.putIfAbsent(settings.failToken(), true) == null) {
      throw new IllegalStateException("injected failure after " + records + " records (test of fail-over)");
    }
    AccountShard s = log.shard();
    try {
      if (r.broadcast()) {
        String refused = log.advance(r);
        if (refused != null && r.bucket == 0) {
          ctx.output(Outputs.REJECTIONS, Outputs.rejection(r.seq, null, refused));
        }
        remargin(s, r, ctx, out);
      } else {
        AccountRow row = accounts.get(r.account);
        AccountShard.Booked b = s.apply(r.seq, EventLines.toEngine(r, s.snapshot(), settings),
            row == null ? null : row.toShard());
        if (b.outcome().accepted()) {
          accounts.put(r.account, AccountRow.of(b.after()));
        }
        emit(b.outcome(), r.account, ctx, out);
      }
    } catch (Exception e) {
      throw new IllegalStateException("event " + r.seq + ": " + e.getMessage(), e);
    }
  }

  private void remargin(AccountShard s, JobRecord r, Context ctx, Collector<String> out) throws Exception {
    if (log.refused(r.seq)) {
      return;
    }
    List<ShardAccount> group = new ArrayList<>();
    for (AccountRow row : accounts.values()) {
      group.add(row.toShard());
    }
    if (group.isEmpty()) {
      return;
    }
    AccountShard.Remargined m = s.remargin(r.seq, group, "model".equals(r.kind));
    for (Map.Entry<String, ShardAccount> e : m.changed().entrySet()) {
      accounts.put(e.getKey(), AccountRow.of(e.getValue()));
    }
    emit(m.outcome(), null, ctx, out);
  }

  private void emit(EventOutcome o, String account, Context ctx, Collector<String> out) {
    if (!o.accepted()) {
      ctx.output(Outputs.REJECTIONS, Outputs.rejection(o.sequence(), account, o.rejection().get()));
      return;
    }
    for (AccountMargin m : o.margins()) {
      out.collect(Outputs.margin(o.sequence(), m));
    }
    for (HealthTransition t : o.transitions()) {
      String line = Outputs.transition(t);
      ctx.output(Outputs.TRANSITIONS, line);
      if (liquidatable(t.to()) && !liquidatable(t.from())) {
        ctx.output(Outputs.LIQUIDATIONS, line);
      }
    }
  }

  private static boolean liquidatable(HealthState s) {
    return s == HealthState.LIQUIDATABLE || s == HealthState.BANKRUPT;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    ShardBase b = log.base();
    savedBase.update(b == null ? List.of() : List.of(b));
    savedMarkets.update(log.records());
    MOST_SAVED.merge(settings.failToken(), log.records().size(), Math::max);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    savedMarkets = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("markets", TypeInformation.of(JobRecord.class)));
    savedBase = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("market-base", TypeInformation.of(ShardBase.class)));
    log = MarketLog.restored(settings, settings.engineConfig(), savedBase.get(), savedMarkets.get());
    ShardBase b = log.base();
    if (context.isRestored() && b != null) {
      RESTORED_BASE.merge(settings.failToken(), b.seq, Math::max);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointed = true;
  }
}
