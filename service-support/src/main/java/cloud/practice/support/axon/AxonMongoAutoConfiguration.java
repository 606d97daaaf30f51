package cloud.practice.support.axon;

import cloud.practice.support.eventstore.EventStoreSettings;
import cloud.practice.support.eventstore.MongoEventStorageEngine;
import cloud.practice.support.json.EventJson;
import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Axon on MongoDB for every service, without Axon Server: the gap-aware event store, tokens and sagas in the
 * service's own database, Jackson serialisation with revisions from {@code @EventType}.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class,
        after = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class})
@EnableConfigurationProperties(EventStoreSettings.class)
public class AxonMongoAutoConfiguration {

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.mapper())
                .revisionResolver(new EventTypeRevisionResolver())
                .build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Appends are single inserts (or a transaction inside the engine); tokens and read models are made safe by
     * idempotent handlers rather than by a shared transaction, so Axon needs no transaction manager (ADR 0001).
     */
    @Bean
    public TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    /**
     * A handler's failure (its store away, a timeout) is retried by the tracking processor with back-off, from the
     * same event — never logged and skipped, which is Axon's default and would lose acknowledged events from read
     * models, SLA clocks and the Kafka relay alike (ADR 0001). A handler that can never apply an event therefore
     * holds its processor; the processor's lag shows it.
     */
    @Bean
    public ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Every tracking processor without a configuration of its own takes up to {@code processorBatchSize} waiting
     * events per unit of work and writes its token once per batch instead of once per event — the token writes were
     * the largest share of the store's work per command (issue 24: 9 of request-service's 27 operations per
     * command). Handlers are idempotent (ADR 0001), so a batch retried after a failure applies its events again
     * harmlessly; a batch never waits to fill.
     */
    @Bean
    public ConfigurerModule trackingProcessorBatches(EventStoreSettings settings) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(configuration -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(settings.processorBatchSize())));
    }

    /** Read-model documents read and written once per processor batch, flushed before the batch's token is stored. */
    @Bean
    public BatchedViews batchedViews(org.springframework.data.mongodb.core.MongoTemplate mongo) {
        return new BatchedViews(mongo);
    }

    @Bean
    public ConfigurerModule batchedViewWrites(BatchedViews views) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((configuration, name) -> views.flushAfterLastMessage()));
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, MongoDatabaseFactory databaseFactory) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(databaseFactory.getMongoDatabase())
                .build();
    }

    @Bean
    public MongoEventStorageEngine eventStorageEngine(MongoClient client, MongoDatabaseFactory databaseFactory,
                                                      Serializer serializer, EventStoreSettings settings,
                                                      Configuration configuration) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongo(client, databaseFactory.getMongoDatabase())
                .settings(settings)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** Polls for events of other instances every {@code fetchDelay}; events of this JVM arrive at once. */
    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                 EventStoreSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.spanFactory())
                .fetchDelay(settings.fetchDelay().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * Each process claims tokens under a node id of its own (two apps in one JVM must not share one); tokens are
     * written at most once per {@code token-write-interval} per processor segment ({@link DeferredTokenWrites}).
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, EventStoreSettings settings,
                                 @Value("${spring.application.name:practice}") String applicationName) {
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(applicationName + "@" + ManagementFactory.getRuntimeMXBean().getName() + "#"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
        tokenStore.ensureIndexes();
        return new DeferredTokenWrites(tokenStore, java.time.Clock.systemUTC(), settings.tokenWriteInterval());
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build();
    }
}
