package cloud.practice.scale;

import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command's path end to end: a small city published through {@link KafkaSink} to a real broker (the test
 * infrastructure's: embedded KRaft, or a container where Docker answers), read back with a plain consumer.
 */
class KafkaPublishIT {

    @TempDir
    Path directory;

    @Test
    void shouldPublishExactlyWhatTheOracleCountsEachRecordReadableByThePlatform() {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        ScaleOptions options = ScaleOptions.parse("--seed", "3", "--districts", "2", "--largest-volunteers", "300",
                "--largest-requests", "2000", "--years", "1", "--institutes", "4", "--stations", "20",
                "--sink", "kafka", "--bootstrap", bootstrap, "--summary", directory.resolve("oracle.json").toString());

        Map<String, Object> summary;
        try (KafkaSink sink = new KafkaSink(options.bootstrap(), options.partitions())) {
            summary = ScaleGenerator.generate(options, sink, events -> {
            });
        }

        assertThat(directory.resolve("oracle.json")).isNotEmptyFile();
        @SuppressWarnings("unchecked")
        Map<String, Object> byTopic = (Map<String, Object>) summary.get("eventsByTopic");
        assertThat(byTopic).hasSize(4);
        CloudEventCodec codec = new CloudEventCodec();
        long total = 0;
        for (Map.Entry<String, Object> topic : byTopic.entrySet()) {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.all(topic.getKey(), record -> true);
            assertThat((long) records.size()).as(topic.getKey()).isEqualTo(((Number) topic.getValue()).longValue());
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                ids.add(codec.decode(record).id());
            }
            // Idempotent producer: no record twice.
            assertThat(ids).hasSize(records.size());
            total += records.size();
        }
        assertThat(total).isEqualTo(((Number) summary.get("events")).longValue()).isGreaterThan(10_000);
    }
}
