package cloud.practice.support.kafka;

import cloud.practice.events.Context;
import cloud.practice.support.tree.ManagerRevocations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kafka for every service: the idempotent producer, the outbox relay, topics, and inbound handler containers. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingSettings.class)
public class MessagingAutoConfiguration {

    @Bean
    public CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec();
    }

    @Bean
    public ProducerFactory<String, byte[]> eventProducerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties(null);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Fail fast while Kafka is away; the relay retries the batch, nothing is lost.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    public KafkaTemplate<String, byte[]> eventKafkaTemplate(ProducerFactory<String, byte[]> eventProducerFactory) {
        return new KafkaTemplate<>(eventProducerFactory);
    }

    @Bean
    public ConsumerFactory<String, byte[]> eventConsumerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties(null);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A killed process sends no LeaveGroup: its partitions wait for its session to lapse before its restarted
        // self (or a sibling) may read them. Kafka's 45 s left a restarted service's copies of other services'
        // facts still for that long; 10 s (heartbeats every 3 s) is the broker's minimum of 6 s with room for pauses.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // A fetch returns as soon as a record arrives; this only bounds how long the broker holds an empty one. At
        // Kafka's 500 ms the platform's ~30 idle consumers cost a tenth of the box in fetches (ADR 0033); what waits
        // longer is a partition newly assigned or sought back while a fetch is out (FactWaits looks first).
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 2_000);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    /** Every context topic and its dead-letter topic; retention infinite so projections can be rebuilt. */
    @Bean
    public KafkaAdmin.NewTopics practiceTopics(MessagingSettings settings) {
        List<NewTopic> topics = new ArrayList<>();
        for (Context context : Context.values()) {
            for (String name : List.of(context.topic(), context.deadLetterTopic())) {
                topics.add(TopicBuilder.name(name)
                        .partitions(settings.partitions())
                        .replicas(settings.replicationFactor())
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .build());
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    public ProcessedEventLedger processedEventLedger(MongoDatabaseFactory databaseFactory) {
        return new ProcessedEventLedger(databaseFactory.getMongoDatabase());
    }

    /** Every service refuses a tree-granted token once the tree revokes the manager (ADR 0016). */
    @Bean
    @ConditionalOnMissingBean
    public ManagerRevocations managerRevocations(MongoTemplate mongo) {
        return new ManagerRevocations(mongo);
    }

    @Bean
    public FactWaits factWaits(MessagingSettings settings, ObjectProvider<MeterRegistry> meters) {
        return new FactWaits(settings.factPatience(), meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    public InboundEventContainers inboundEventContainers(
            @Value("${spring.application.name:practice}") String applicationName,
            ObjectProvider<InboundEventHandler> handlers, ConsumerFactory<String, byte[]> eventConsumerFactory,
            KafkaTemplate<String, byte[]> eventKafkaTemplate, CloudEventCodec codec, ProcessedEventLedger ledger,
            MessagingSettings settings, ObjectProvider<MeterRegistry> meters) {
        String groupPrefix = settings.groupPrefix() == null || settings.groupPrefix().isBlank() ? applicationName
                : settings.groupPrefix();
        return new InboundEventContainers(groupPrefix, handlers.orderedStream().toList(), eventConsumerFactory,
                eventKafkaTemplate, codec, ledger, settings, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnProperty(name = "practice.messaging.relay-enabled", matchIfMissing = true)
    public KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, byte[]> eventKafkaTemplate, CloudEventCodec codec,
                                           MessagingSettings settings, KafkaAdmin kafkaAdmin,
                                           ObjectProvider<EventStore> eventStore) {
        // The store is asked for lazily: Axon builds it from the configuration that registers this relay.
        return new KafkaEventRelay(eventKafkaTemplate, codec, settings.sendTimeout(), kafkaAdmin::initialize,
                eventStore::getObject, PublishedSequences.DEFAULT_CAPACITY);
    }

    /** The relay is a tracking processor over the event store; its failures are retried like every handler's. */
    @Bean
    @ConditionalOnProperty(name = "practice.messaging.relay-enabled", matchIfMissing = true)
    public ConfigurerModule kafkaRelayProcessor(MessagingSettings settings) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaEventRelay.PROCESSING_GROUP,
                        configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.relayBatchSize())));
    }

}
