package cloud.practice.scale;

import cloud.practice.events.Context;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes to Kafka with the services' producer guarantees (idempotent, {@code acks=all}, lz4 as the relays use) but
 * tuned for throughput: large batches and a longer linger, sends not awaited one by one. A full buffer blocks the
 * generator (back-pressure, never an unbounded heap); the first failed send stops the run.
 */
public final class KafkaSink implements EventSink {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaSink(String bootstrap, int partitions) {
        createMissingTopics(bootstrap, partitions);
        producer = new KafkaProducer<>(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 20),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                // A small buffer puts the back-pressure on the generator early: a record waits in it for buffer size
                // over the broker's pace, not for 64 MB of it.
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024)));
    }

    /**
     * A created topic's partitions are served a moment after the creation is acknowledged: first the metadata names a
     * leader, then the leader opens the partition's log. An idempotent producer sending meanwhile saw its retried
     * batches out of order (OutOfOrderSequenceException) or never answered (records expired, in a loaded test
     * command). Wait until every partition's leader answers for its log (its latest offset).
     */
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            boolean led = true;
            for (TopicDescription description : admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo partition : description.partitions()) {
                    led &= partition.leader() != null && !partition.leader().isEmpty();
                    partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            if (led && served(admin, partitions)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException("the new topics are not served after 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * The context topics as the services create them (retention forever, so projections can be rebuilt from offset
     * zero), if the platform has not yet: a generator run before the first service start must not get the broker's
     * defaults.
     */
    private static boolean served(Admin admin, Map<TopicPartition, OffsetSpec> partitions)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false; // not the leader yet, or the partition not online: asked again
        }
    }

    private static void createMissingTopics(String bootstrap, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Context context : Context.values()) {
                for (String topic : List.of(context.topic(), context.deadLetterTopic())) {
                    if (!existing.contains(topic)) {
                        missing.add(new NewTopic(topic, partitions, (short) 1).configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG, "-1",
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " to create the topics", e);
        }
    }

    @Override
    public void send(ProducerRecord<String, byte[]> record) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Kafka refused a record: " + failed.getMessage(), failed);
        }
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Kafka refused a record: " + failed.getMessage(), failed);
        }
    }
}
