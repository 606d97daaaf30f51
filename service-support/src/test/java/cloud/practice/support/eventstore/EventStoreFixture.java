package cloud.practice.support.eventstore;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.support.axon.EventTypeRevisionResolver;
import cloud.practice.support.json.EventJson;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Engines on a fresh database of the shared test MongoDB, and event messages to append. */
final class EventStoreFixture implements AutoCloseable {

    static final String DISTRICT = "cq-jiulongpo";

    final String database = "engine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<MongoClient> clients = new ArrayList<>();

    static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.mapper())
                .revisionResolver(new EventTypeRevisionResolver()).build();
    }

    /** A separate client per engine, like a separate service instance. */
    MongoEventStorageEngine engine(EventStoreSettings settings) {
        return engine(MongoEventStorageEngine.builder(), settings);
    }

    MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder, EventStoreSettings settings) {
        MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        clients.add(client);
        MongoEventStorageEngine engine = builder.mongo(client, client.getDatabase(database)).settings(settings)
                .eventSerializer(serializer()).snapshotSerializer(serializer()).build();
        engine.ensureIndexes();
        return engine;
    }

    static GenericDomainEventMessage<OrgUnitRenamed> renamed(String unitId, long sequence) {
        return new GenericDomainEventMessage<>("OrgUnit", unitId, sequence,
                new OrgUnitRenamed(unitId, DISTRICT, "盘龙社区文明实践站 #" + sequence, LocalDate.of(2026, 3, 7)));
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
    }
}
