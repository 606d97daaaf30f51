package cloud.practice.support.kafka;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.support.config.StoreOutage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.springframework.util.backoff.FixedBackOff.UNLIMITED_ATTEMPTS;

/**
 * Runs every {@link InboundEventHandler} bean in a listener container of its own: group
 * {@code <application>.<handler>}, from the earliest offset, bounded retries, then the context's dead-letter topic
 * with the reason in the {@code practice_dlt_reason} header. A malformed record skips the retries; a record that
 * failed because the store was out of reach is retried until it is back (ADR 0002).
 */
public class InboundEventContainers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundEventContainers.class);
    private static final Duration STORE_RETRY_MAX_INTERVAL = Duration.ofSeconds(10);
    private static final Duration FACT_RETRY = Duration.ofMillis(100);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    public InboundEventContainers(String applicationName, List<InboundEventHandler> handlers,
                                  ConsumerFactory<String, byte[]> consumerFactory,
                                  KafkaTemplate<String, byte[]> deadLetterTemplate, CloudEventCodec codec,
                                  ProcessedEventLedger ledger, MessagingSettings settings, MeterRegistry meters) {
        for (InboundEventHandler handler : handlers) {
            String[] topics = handler.contexts().stream().map(Context::topic).sorted().toArray(String[]::new);
            ContainerProperties properties = new ContainerProperties(topics);
            properties.setGroupId(applicationName + "." + handler.name());
            properties.setClientId(applicationName + "-" + handler.name());
            properties.setMessageListener(new InboundEventDispatcher(handler, codec, ledger, meters));
            ConcurrentMessageListenerContainer<String, byte[]> container =
                    new ConcurrentMessageListenerContainer<>(consumerFactory, properties);
            container.setConcurrency(
                    handler.concurrency() > 0 ? handler.concurrency() : settings.consumerConcurrency());
            container.setCommonErrorHandler(errorHandler(deadLetterTemplate, settings));
            container.setBeanName("inbound-" + handler.name());
            containers.add(container);
        }
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> template, MessagingSettings settings) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventAttributes.DEAD_LETTER_REASON, reasonOf(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(settings.consumerBackoff().toMillis(), settings.consumerRetries()));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        // A store outage is no fault of the record: keep the partition where it is until the store is back. A record
        // waiting for a fact another thread carries comes again soon, for as long as FactWaits lets it wait.
        handler.setBackOffFunction((record, exception) -> StoreOutage.causedBy(exception)
                ? untilTheStoreIsBack(settings)
                : FactNotYetKnown.causedBy(exception) ? new FixedBackOff(FACT_RETRY.toMillis(), UNLIMITED_ATTEMPTS)
                : null);
        return handler;
    }

    /** Doubling pauses from {@code consumerBackoff} up to ten seconds, without end. */
    static BackOff untilTheStoreIsBack(MessagingSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(Math.max(1, settings.consumerBackoff().toMillis()), 2.0);
        backOff.setMaxInterval(Math.max(backOff.getInitialInterval(), STORE_RETRY_MAX_INTERVAL.toMillis()));
        return backOff;
    }

    static String reasonOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof MalformedEventException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public void start() {
        containers.forEach(container -> {
            container.start();
            log.info("Consuming {} as group {}", container.getContainerProperties().getTopics(),
                    container.getGroupId());
        });
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
