package cloud.practice.support.eventstore;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.support.axon.EventTypeRevisionResolver;
import cloud.practice.support.json.EventJson;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Engines on a fresh database of the store that {@link Transactions} names, with settings in that mode, the commands
 * each engine's client sent, and event messages to append.
 */
final class EventStoreFixture implements AutoCloseable {

    static final String DISTRICT = "cq-jiulongpo";

    final String database = "engine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final Transactions transactions;
    private final List<MongoClient> clients = new ArrayList<>();
    private final Map<MongoEventStorageEngine, SentCommands> sent = new IdentityHashMap<>();

    EventStoreFixture(Transactions transactions) {
        this.transactions = transactions;
    }

    static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.mapper())
                .revisionResolver(new EventTypeRevisionResolver()).build();
    }

    /** The defaults, with transactions as this fixture runs them. */
    EventStoreSettings defaults() {
        return settings(EventStoreSettings.DEFAULTS.batchSize(), EventStoreSettings.DEFAULTS.gapTimeout(),
                EventStoreSettings.DEFAULTS.appendBudget(), EventStoreSettings.DEFAULTS.fetchDelay());
    }

    EventStoreSettings settings(int batchSize, Duration gapTimeout, Duration appendBudget, Duration fetchDelay) {
        return new EventStoreSettings(batchSize, gapTimeout, appendBudget, EventStoreSettings.DEFAULTS.maxGapOffset(),
                transactions.on(), fetchDelay, EventStoreSettings.DEFAULTS.processorBatchSize(),
                EventStoreSettings.DEFAULTS.tokenWriteInterval(), EventStoreSettings.DEFAULTS.idleFetchDelay());
    }

    /** A separate client per engine, like a separate service instance. */
    MongoEventStorageEngine engine(EventStoreSettings settings) {
        return engine(MongoEventStorageEngine.builder(), settings);
    }

    MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder, EventStoreSettings settings) {
        return engine(builder, settings, List.of());
    }

    /** With more listeners on the engine's client, e.g. one that moves the engine's clock as commands come back. */
    MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder, EventStoreSettings settings,
                                   List<CommandListener> listeners) {
        SentCommands commands = new SentCommands();
        MongoClientSettings.Builder clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(transactions.mongoUri(database)))
                .addCommandListener(commands);
        listeners.forEach(clientSettings::addCommandListener);
        MongoClient client = MongoClients.create(clientSettings.build());
        clients.add(client);
        MongoEventStorageEngine engine = builder.mongo(client, client.getDatabase(database)).settings(settings)
                .eventSerializer(serializer()).snapshotSerializer(serializer()).build();
        engine.ensureIndexes();
        sent.put(engine, commands);
        return engine;
    }

    SentCommands sentBy(MongoEventStorageEngine engine) {
        return sent.get(engine);
    }

    static GenericDomainEventMessage<OrgUnitRenamed> renamed(String unitId, long sequence) {
        return new GenericDomainEventMessage<>("OrgUnit", unitId, sequence,
                new OrgUnitRenamed(unitId, DISTRICT, "盘龙社区文明实践站 #" + sequence, LocalDate.of(2026, 3, 7)));
    }

    /** One append's worth: {@code count} events of one unit from {@code firstSequence}. */
    static List<GenericDomainEventMessage<OrgUnitRenamed>> renamed(String unitId, long firstSequence, int count) {
        List<GenericDomainEventMessage<OrgUnitRenamed>> events = new ArrayList<>(count);
        for (long sequence = firstSequence; sequence < firstSequence + count; sequence++) {
            events.add(renamed(unitId, sequence));
        }
        return events;
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
    }
}
