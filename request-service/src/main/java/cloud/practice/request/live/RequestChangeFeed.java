package cloud.practice.request.live;

import cloud.practice.events.Context;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every replica's one reader of the request topic for the live queue (ADR 0018): no consumer group — it assigns
 * itself every partition and starts at their ends, so each replica sees every change from its start on, whichever
 * replica's projection applied it. Partitions added later are read from their beginning (all their records are
 * newer than this reader). It never commits and never waits for the read model: each change is handed on at once.
 *
 * <p>Until it has taken its positions (Kafka unreachable at start), {@link #positioned()} is false and no stream is
 * opened: a stream opened earlier could miss a change between its {@code ready} and the reader's start.
 */
public class RequestChangeFeed extends LiveFeedReader {

    private static final Logger log = LoggerFactory.getLogger(RequestChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerFactory<String, byte[]> consumers;
    private final java.util.function.Consumer<RequestChange> changes;
    private final Duration partitionRefresh;
    private final String topic = Context.REQUEST.topic();
    private volatile Consumer<String, byte[]> consumer;

    public RequestChangeFeed(ConsumerFactory<String, byte[]> consumers,
                             java.util.function.Consumer<RequestChange> changes, Duration partitionRefresh) {
        super("live-queue-feed");
        this.consumers = consumers;
        this.changes = changes;
        this.partitionRefresh = partitionRefresh;
    }

    @Override
    protected void read() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> reader = consumers.createConsumer(null, "request-service-live-",
                UUID.randomUUID().toString().substring(0, 8), overrides)) {
            consumer = reader;
            long refreshAt = 0;
            while (running) {
                try {
                    if (!positioned || System.nanoTime() - refreshAt >= 0) {
                        assignNewPartitions(reader);
                        refreshAt = System.nanoTime() + partitionRefresh.toNanos();
                    }
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        RequestChange.of(record).ifPresent(changes);
                    }
                } catch (WakeupException stopping) {
                    // stop() woke the poll
                } catch (RuntimeException e) {
                    log.warn("Live queue feed: {}; trying again", e.toString());
                    pause();
                }
            }
        } catch (RuntimeException e) {
            log.error("Live queue feed stopped", e);
        } finally {
            consumer = null;
            positioned = false;
        }
    }

    /** Every partition of the topic: the ones known at start from their end, ones added since from their beginning. */
    private void assignNewPartitions(Consumer<String, byte[]> reader) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, METADATA_TIMEOUT);
        Set<TopicPartition> all = infos == null ? Set.of() : infos.stream()
                .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(reader.assignment());
        if (added.isEmpty()) {
            positioned = true;
            return;
        }
        reader.assign(all);
        if (positioned) {
            reader.seekToBeginning(added);
        } else {
            reader.seekToEnd(added);
        }
        // seekTo… is lazy: take the positions now, so that "positioned" means what it says.
        added.forEach(reader::position);
        if (positioned) {
            log.info("Live queue feed: reading new partitions {} of {}", added, topic);
        }
        positioned = true;
    }

    /** A poll waits in Kafka's client, which an interrupt does not end: wake it. */
    @Override
    protected void wake(Thread reader) {
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
