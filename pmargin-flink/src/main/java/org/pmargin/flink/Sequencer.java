package org.pmargin.flink;

import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Numbers the input lines in order (the sequence is checkpointed with the source's position, so a restart numbers
 * them the same), parses them, and routes them: an account event to its account's bucket, a market move or model
 * change to every bucket. Runs with parallelism 1: the sequence is the one total order both the job and the
 * single-node engine follow.
 */
public final class Sequencer extends RichFlatMapFunction<String, JobRecord> implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private final JobSettings settings;
  private transient long seq;
  private transient ListState<Long> saved;

  /** A sequencer for a job's settings. */
  public Sequencer(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void flatMap(String line, Collector<JobRecord> out) {
    if (line.isBlank() || EventLines.question(line)) {
      return;
    }
    long n = ++seq;
    JobRecord r;
    try {
      r = EventLines.parse(line, n);
    } catch (InvalidInputException e) {
      throw e.within("event " + n);
    }
    if (settings.throttleMicros() > 0) {
      LockSupport.parkNanos(settings.throttleMicros() * 1_000);
    }
    if (r.broadcast()) {
      for (int b = 0; b < settings.buckets(); b++) {
        out.collect(r.to(b));
      }
    } else {
      r.bucket = settings.bucketOf(r.account);
      out.collect(r);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    saved.update(java.util.List.of(seq));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    saved = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("sequence", Long.class));
    seq = 0;
    for (Long s : saved.get()) {
      seq = Math.max(seq, s);
    }
  }
}
