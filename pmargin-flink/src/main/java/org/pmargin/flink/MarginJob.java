package org.pmargin.flink;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job: JSON-lines events from a file (Flink's {@link FileSource}) → {@link Sequencer} (parallelism 1) → keyed
 * by account bucket → {@link MarginFunction} (the job's parallelism) → four JSON-lines {@link FileSink}s under the
 * output directory: {@code margins/}, {@code transitions/}, {@code liquidation-triggers/}, {@code rejections/}.
 * The file sinks commit their part files on checkpoints (exactly once: after a restart the records since the last
 * checkpoint are emitted again into files that were never committed). {@link KafkaWiring} has the same job on
 * Kafka topics.
 */
public final class MarginJob {

  private MarginJob() {
  }

  /**
   * Adds the job to an environment.
   *
   * @param env  the environment
   * @param events  the input file
   * @param out  the output directory
   * @param settings  the settings
   * @param parallelism  the margin operator's parallelism
   */
  public static void build(StreamExecutionEnvironment env, Path events, Path out, JobSettings settings,
      int parallelism) {
    FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
        new org.apache.flink.core.fs.Path(events.toUri())).build();
    DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
        .setParallelism(1);
    SingleOutputStreamOperator<String> margins = wire(lines, settings, parallelism);
    margins.sinkTo(sink(out.resolve("margins"))).name("margins").setParallelism(parallelism);
    margins.getSideOutput(Outputs.TRANSITIONS).sinkTo(sink(out.resolve("transitions"))).name("transitions")
        .setParallelism(parallelism);
    margins.getSideOutput(Outputs.LIQUIDATIONS).sinkTo(sink(out.resolve("liquidation-triggers")))
        .name("liquidation-triggers").setParallelism(parallelism);
    margins.getSideOutput(Outputs.REJECTIONS).sinkTo(sink(out.resolve("rejections"))).name("rejections")
        .setParallelism(parallelism);
  }

  /** The sequencer and the margin operator on a stream of event lines, whatever its source. */
  public static SingleOutputStreamOperator<String> wire(DataStream<String> lines, JobSettings settings,
      int parallelism) {
    return lines.flatMap(new Sequencer(settings)).name("sequencer").setParallelism(1)
        .keyBy(r -> r.bucket, org.apache.flink.api.common.typeinfo.Types.INT)
        .process(new MarginFunction(settings)).name("margin").setParallelism(parallelism);
  }

  private static FileSink<String> sink(Path dir) {
    return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(dir.toUri()),
        new SimpleStringEncoder<String>("UTF-8")).build();
  }

  /**
   * The configuration of an embedded MiniCluster for a parallelism: as many task slots (Flink's default of one slot
   * makes a job of parallelism 2 wait for a slot until it times out), no Kryo fallback, a restart on failure.
   */
  public static Configuration localConfiguration(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    return conf;
  }

  /**
   * Runs the job on an embedded MiniCluster and waits for it.
   *
   * @param checkpointMillis  the checkpoint interval
   * @return Flink's result (its net run time)
   */
  public static JobExecutionResult runLocal(Path events, Path out, JobSettings settings, int parallelism,
      long checkpointMillis) throws Exception {
    Configuration conf = localConfiguration(parallelism);
    // Checkpoints to files beside the output: the JobManager's in-memory storage refuses states above 5 MB.
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        out.toAbsolutePath().resolveSibling(out.getFileName() + "-checkpoints").toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.enableCheckpointing(checkpointMillis, CheckpointingMode.EXACTLY_ONCE);
    build(env, events, out, settings, parallelism);
    return env.execute("pmargin margin job");
  }
}
