package cloud.practice.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic of the test broker from the beginning, as an outside consumer would. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Collects the records matching {@code match} until {@code count} have been seen or {@code timeout} passed.
     *
     * @throws AssertionError when fewer than {@code count} arrived in time
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                            int count, Duration timeout) {
        return readUntil(topic, match, found -> found.size() >= count, timeout,
                "expected " + count + " matching record(s) on " + topic + " within " + timeout);
    }

    /**
     * Collects the records matching {@code match} until {@code complete} holds for them or {@code timeout} passed —
     * for when a count would stop too early (duplicates and records of failed commands count too).
     *
     * @throws AssertionError naming {@code expectation} when they are not complete in time
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                                 Predicate<List<ConsumerRecord<String, byte[]>>> complete,
                                                                 Duration timeout, String expectation) {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            reader.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!complete.test(found) && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
            if (!complete.test(found)) {
                throw new AssertionError(expectation + ", found " + found.size() + " matching record(s)");
            }
            return found;
        }
    }

    /**
     * Everything the topic holds right now, every partition from offset zero to its end, that matches {@code match}:
     * to show what was <em>not</em> published, or to count exactly ({@link #read} stops at what it waits for, and
     * records of other partitions may not have been read by then).
     *
     * @throws AssertionError when the topic cannot be read to its end within 30 seconds
     */
    public static List<ConsumerRecord<String, byte[]>> all(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : reader.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                reader.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
