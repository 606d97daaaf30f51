package cloud.practice.system;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** The platform's Kafka topics read whole, from the first record to the end each partition had when asked. */
final class EventTopics {

    private EventTopics() {
    }

    static AdminClient admin() {
        return admin(RunningPlatform.KAFKA);
    }

    static AdminClient admin(String bootstrap) {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Every record of every topic whose name {@code topics} accepts (Kafka's internal topics never). */
    static List<ConsumerRecord<byte[], byte[]>> everyRecord(Predicate<String> topics) throws Exception {
        return everyRecord(RunningPlatform.KAFKA, topics);
    }

    /** The same, from the broker at {@code bootstrap} (another platform's). */
    static List<ConsumerRecord<byte[], byte[]>> everyRecord(String bootstrap, Predicate<String> topics) throws Exception {
        try (AdminClient admin = admin(bootstrap); KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Set<String> names = admin.listTopics().names().get().stream()
                    .filter(name -> !name.startsWith("__") && topics.test(name)).collect(Collectors.toSet());
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(names).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(partition -> partitions.add(new TopicPartition(name, partition.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            return all;
        }
    }

    /** A record's header as text ({@code ""} when absent), e.g. {@code ce_type}, {@code ce_id}, {@code ce_district}. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Whether a record carries an event of this type (the CloudEvents type names the event, then its revision). */
    static boolean carries(ConsumerRecord<byte[], byte[]> record, String eventType) {
        return header(record, "ce_type").contains("." + eventType + ".");
    }

    /** A record's key (the aggregate id) as text. */
    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }

    /**
     * Every consumer group of the platform has committed the end of every partition it reads (this suite's own
     * readers aside), within {@code atMost}; a platform whose consumers answer each other settles once no group lags.
     */
    static void awaitConsumersCaughtUp(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (AdminClient admin = admin()) {
                long lag = 0;
                for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                    if (group.groupId().startsWith("system-test") || group.groupId().startsWith("fault-check")) {
                        continue; // this suite's own readers
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                        if (entry.getValue() != null) {
                            lag += ends.get(entry.getKey()).offset() - entry.getValue().offset();
                        }
                    }
                }
                return lag == 0;
            }
        });
    }
}
