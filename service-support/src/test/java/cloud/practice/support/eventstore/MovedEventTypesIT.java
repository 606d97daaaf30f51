package cloud.practice.support.eventstore;

import cloud.practice.support.axon.MovedEventTypes;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An internal event that moved to another class still loads — its aggregate's stream and the tracked stream alike —
 * from the events stored under its old name, which stay as they were.
 */
class MovedEventTypesIT {

    /** Where the event was when it was stored. */
    static final class Before {
        record ContactRecorded(String unitId, String phone) {
        }
    }

    /** Where it is now. */
    static final class UnitInternalEvents {
        record ContactRecorded(String unitId, String phone) {
        }
    }

    private final EventStoreFixture fixture = new EventStoreFixture(Transactions.values()[0]);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldLoadEventsStoredUnderTheOldNameAsTheClassTheyAreNow() {
        MongoEventStorageEngine writer = fixture.engine(fixture.defaults());
        writer.appendEvents(new GenericDomainEventMessage<>("OrgUnit", "s-1", 0,
                new Before.ContactRecorded("s-1", "023-6878 0000")));
        MongoEventStorageEngine reader = fixture.engine(MongoEventStorageEngine.builder()
                .upcasterChain(new MovedEventTypes(Map.of(Before.ContactRecorded.class.getName(),
                        UnitInternalEvents.ContactRecorded.class))), fixture.defaults());

        List<? extends DomainEventMessage<?>> stream = reader.readEvents("s-1").asStream().toList();
        List<? extends TrackedEventMessage<?>> tracked = reader.readEvents((TrackingToken) null, false).toList();

        UnitInternalEvents.ContactRecorded expected = new UnitInternalEvents.ContactRecorded("s-1", "023-6878 0000");
        assertThat(stream).singleElement().extracting(DomainEventMessage::getPayload).isEqualTo(expected);
        assertThat(tracked).singleElement().extracting(TrackedEventMessage::getPayload).isEqualTo(expected);
        try (MongoClient client = MongoClients.create(fixture.transactions.mongoUri(fixture.database))) {
            Document stored = client.getDatabase(fixture.database).getCollection(MongoEventStorageEngine.EVENTS)
                    .find().first();
            assertThat(stored).isNotNull();
            assertThat(stored.getString(MongoEventStorageEngine.PAYLOAD_TYPE))
                    .as("the store is never rewritten").isEqualTo(Before.ContactRecorded.class.getName());
        }
    }

    @Test
    void shouldRefuseAMoveToTheSameClass() {
        assertThatThrownBy(() -> new MovedEventTypes(Map.of(Before.ContactRecorded.class.getName(),
                Before.ContactRecorded.class))).isInstanceOf(IllegalArgumentException.class);
    }
}
