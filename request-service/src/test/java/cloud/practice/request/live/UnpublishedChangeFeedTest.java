package cloud.practice.request.live;

import cloud.practice.request.lifecycle.api.RequestInternalEvents.StaffNoteAdded;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ServiceNoted;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reader of the event store for changes that never reach Kafka: from the store's head on, only staff notes, each as
 * the change of its request at its sequence; no stream before it has its place.
 */
class UnpublishedChangeFeedTest {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    final List<RequestChange> changes = new CopyOnWriteArrayList<>();
    final UnpublishedChangeFeed feed = new UnpublishedChangeFeed(store, changes::add);

    @AfterEach
    void stop() {
        feed.stop();
        store.shutDown();
    }

    @Test
    void shouldHandOnEveryStaffNoteStoredAfterItsStartAndNothingElse() {
        append("req-1", 0, new StaffNoteAdded("req-1", "d-1", "admin-pl", "before the start", T0));
        assertThat(feed.positioned()).as("not before it has its place").isFalse();

        feed.start();
        await().atMost(WITHIN).until(feed::positioned);
        // a volunteer's notes come with the check-out, which Kafka carries: not taken here
        append("req-1", 1, new ServiceNoted("req-1", "d-1", "v-1", "已送到医院"));
        append("req-2", 0, new StaffNoteAdded("req-2", "d-2", "admin-jly", "回访：满意", T0));
        append("req-1", 2, new StaffNoteAdded("req-1", "d-1", "admin-pl", "家属已联系", T0));

        await().atMost(WITHIN).until(() -> changes.size() == 2);
        assertThat(changes).containsExactly(new RequestChange("d-2", "req-2", 0),
                new RequestChange("d-1", "req-1", 2));

        feed.stop();
        assertThat(feed.positioned()).as("stopped: no place in the store any more").isFalse();
    }

    private void append(String requestId, long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>("ServiceRequest", requestId, sequence, payload));
    }
}
