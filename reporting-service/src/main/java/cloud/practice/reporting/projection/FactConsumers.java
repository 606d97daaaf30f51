package cloud.practice.reporting.projection;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.support.config.StoreOutage;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.MalformedEventException;
import cloud.practice.support.kafka.MessagingSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka consumers of one projection version. Like service-support's {@code InboundEventContainers} (group
 * {@code <prefix>.<handler>}, from the earliest offset, records validated by {@link CloudEventCodec}, malformed ones
 * to {@code <topic>.dlt} with {@code practice_dlt_reason}, other failures retried then dead-lettered, a store outage
 * retried until the store is back), but consuming in <b>batches</b>: a poll's events are applied with a few bulk
 * writes instead of three round trips each (handler write plus the ledger's read and write). The ledger is not
 * needed: every fact keeps its aggregate's last sequence and ignores what it has seen (ADR 0010).
 */
final class FactConsumers {

    private static final Logger log = LoggerFactory.getLogger(FactConsumers.class);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();

    FactConsumers(String groupPrefix, List<FactProjection> handlers, ConsumerFactory<String, byte[]> consumerFactory,
                  KafkaTemplate<String, byte[]> deadLetters, CloudEventCodec codec, MessagingSettings settings,
                  int threads) {
        for (FactProjection handler : handlers) {
            String[] topics = handler.contexts().stream().map(Context::topic).sorted().toArray(String[]::new);
            ContainerProperties properties = new ContainerProperties(topics);
            properties.setGroupId(groupPrefix + "." + handler.name());
            properties.setClientId(groupPrefix + "-" + handler.name());
            properties.setMessageListener(new Listener(handler, codec, deadLetters, settings));
            ConcurrentMessageListenerContainer<String, byte[]> container =
                    new ConcurrentMessageListenerContainer<>(consumerFactory, properties);
            container.setConcurrency(Math.max(1, threads));
            // The listener dead-letters what it cannot apply; what is left (the dead-letter topic itself
            // unreachable) must not be dropped: retry the batch until it goes through.
            container.setCommonErrorHandler(new DefaultErrorHandler(
                    new FixedBackOff(settings.consumerBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
            container.setBeanName("facts-" + handler.name());
            containers.add(container);
        }
    }

    void start() {
        containers.forEach(container -> {
            container.start();
            log.info("Consuming {} as group {}", container.getContainerProperties().getTopics(),
                    container.getGroupId());
        });
    }

    void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }

    static final class Listener implements BatchMessageListener<String, byte[]> {

        private final FactProjection handler;
        private final CloudEventCodec codec;
        private final KafkaTemplate<String, byte[]> deadLetters;
        private final MessagingSettings settings;

        Listener(FactProjection handler, CloudEventCodec codec, KafkaTemplate<String, byte[]> deadLetters,
                 MessagingSettings settings) {
            this.handler = handler;
            this.codec = codec;
            this.deadLetters = deadLetters;
            this.settings = settings;
        }

        @Override
        public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
            List<InboundEvent> events = new ArrayList<>(records.size());
            List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    events.add(codec.decode(record));
                    sources.add(record);
                } catch (MalformedEventException e) {
                    deadLetter(record, e);
                }
            }
            try {
                handler.handleBatch(events);
            } catch (RuntimeException batchFailure) {
                if (StoreOutage.causedBy(batchFailure)) {
                    throw batchFailure; // no fault of the events: the container retries the batch until the store is back
                }
                log.warn("{}: batch of {} failed ({}); applying one by one", handler.name(), events.size(),
                        batchFailure.toString());
                for (int i = 0; i < events.size(); i++) {
                    applyWithRetries(events.get(i), sources.get(i));
                }
            }
        }

        /** Guarded writes make a retry of a half-applied event harmless. */
        private void applyWithRetries(InboundEvent event, ConsumerRecord<String, byte[]> source) {
            RuntimeException last = null;
            for (int attempt = 0; attempt <= settings.consumerRetries(); attempt++) {
                try {
                    handler.handle(event);
                    return;
                } catch (RuntimeException e) {
                    if (StoreOutage.causedBy(e)) {
                        throw e; // as above; the guarded writes make applying the batch's start again harmless
                    }
                    last = e;
                    sleep(settings.consumerBackoff().toMillis());
                }
            }
            deadLetter(source, last);
        }

        private void deadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
            headers.add(CloudEventAttributes.DEAD_LETTER_REASON, text.getBytes(StandardCharsets.UTF_8));
            try {
                deadLetters.send(new ProducerRecord<>(record.topic() + ".dlt", null, record.key(), record.value(),
                        headers)).get(30, TimeUnit.SECONDS);
                log.warn("{}: {}-{}@{} dead-lettered: {}", handler.name(), record.topic(), record.partition(),
                        record.offset(), text);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("cannot dead-letter " + record.topic() + "@" + record.offset(), e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
