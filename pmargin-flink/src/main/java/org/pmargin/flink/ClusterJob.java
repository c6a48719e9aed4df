package org.pmargin.flink;

import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's entry point on a Flink cluster ({@code flink run -c org.pmargin.flink.ClusterJob job.jar ...}, see
 * docs/SCALE.md): Kafka in and out ({@link KafkaWiring}), or files with {@code --events} and {@code --out}. The
 * parallelism, state backend and checkpoint storage come from the cluster's configuration or {@code flink run}'s
 * options; this sets only the checkpoint interval and turns the Kryo fallback off.
 */
@Command(name = "pmargin-flink-job", mixinStandardHelpOptions = true,
    description = "The pmargin margin job on a Flink cluster.")
public final class ClusterJob implements Callable<Integer> {

  @Option(names = "--brokers", description = "Kafka bootstrap servers (Kafka mode).")
  private String brokers;

  @Option(names = "--topic-prefix", defaultValue = "pmargin-", description = "Kafka topic prefix (default: ${DEFAULT-VALUE}).")
  private String prefix;

  @Option(names = "--events", description = "Input file (file mode), on a file system every task manager reads.")
  private String events;

  @Option(names = "--out", description = "Output directory (file mode).")
  private String out;

  @Option(names = "--market", description = "First market snapshot file (default: the synthetic market).")
  private String market;

  @Option(names = "--model", defaultValue = "grid", description = "Model (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--buckets", defaultValue = "4096", description = "Account buckets (default: ${DEFAULT-VALUE}).")
  private int buckets;

  @Option(names = "--checkpoint-ms", defaultValue = "10000", description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
  private long checkpointMs;

  @Override
  public Integer call() throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(checkpointMs, CheckpointingMode.EXACTLY_ONCE);
    JobSettings settings = new JobSettings(market, model, 1_000, buckets, -1, "", 0);
    int p = env.getParallelism();
    if (brokers != null) {
      KafkaWiring.build(env, brokers, prefix, settings, p);
    } else if (events != null && out != null) {
      MarginJob.build(env, java.nio.file.Path.of(events), java.nio.file.Path.of(out), settings, p);
    } else {
      throw new CommandLine.ParameterException(new CommandLine(this), "give --brokers, or --events and --out");
    }
    env.execute("pmargin margin job");
    return 0;
  }

  /** Submits the job. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterJob()).execute(args));
  }
}
