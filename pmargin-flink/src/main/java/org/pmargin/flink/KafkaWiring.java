package org.pmargin.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production wiring (docs/SCALE.md): the same job with Flink's Kafka connector instead of files. Events are read
 * from one topic that must have <b>one partition</b> (the sequence is the engine's total order; a venue shards by
 * running one job per account range, not by partitioning this topic), committed offsets from the job's checkpoints;
 * the four outputs go to four topics through transactional producers ({@link DeliveryGuarantee#EXACTLY_ONCE}:
 * consumers read with {@code isolation.level=read_committed}). Not run in the tests (no broker here).
 */
public final class KafkaWiring {

  private KafkaWiring() {
  }

  /**
   * Adds the job on Kafka to an environment.
   *
   * @param env  the environment (with checkpointing on: the transactions commit on checkpoints)
   * @param brokers  the bootstrap servers
   * @param topicPrefix  topics {@code <prefix>events} in, {@code <prefix>margins}, {@code <prefix>transitions},
   *     {@code <prefix>liquidation-triggers}, {@code <prefix>rejections} out
   * @param settings  the job settings
   * @param parallelism  the margin operator's parallelism
   */
  public static void build(StreamExecutionEnvironment env, String brokers, String topicPrefix, JobSettings settings,
      int parallelism) {
    KafkaSource<String> source = KafkaSource.<String>builder()
        .setBootstrapServers(brokers)
        .setTopics(topicPrefix + "events")
        .setGroupId(topicPrefix + "margin-job")
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setValueOnlyDeserializer(new SimpleStringSchema())
        .build();
    DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "events").setParallelism(1);
    SingleOutputStreamOperator<String> margins = MarginJob.wire(lines, settings, parallelism);
    margins.sinkTo(sink(brokers, topicPrefix, "margins")).setParallelism(parallelism);
    margins.getSideOutput(Outputs.TRANSITIONS).sinkTo(sink(brokers, topicPrefix, "transitions"))
        .setParallelism(parallelism);
    margins.getSideOutput(Outputs.LIQUIDATIONS).sinkTo(sink(brokers, topicPrefix, "liquidation-triggers"))
        .setParallelism(parallelism);
    margins.getSideOutput(Outputs.REJECTIONS).sinkTo(sink(brokers, topicPrefix, "rejections"))
        .setParallelism(parallelism);
  }

  private static KafkaSink<String> sink(String brokers, String prefix, String name) {
    return KafkaSink.<String>builder()
        .setBootstrapServers(brokers)
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic(prefix + name)
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(prefix + name + "-")
        .build();
  }
}
