package cloud.practice.request.live;

import cloud.practice.request.lifecycle.api.RequestInternalEvents.StaffNoteAdded;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every replica's reader of its own event store for the changes of a request that never reach Kafka: a staff note
 * ({@link StaffNoteAdded}) is the whole of its command and stays inside request-service, so {@link RequestChangeFeed}
 * never sees it. Like that reader it runs on every replica, starts at the end (the store's head) and keeps no position
 * anywhere: each replica sees each note, whichever replica took the command. The event store hands this JVM's events
 * over at once and polls for other replicas' ones; a stream at the head shares that polling with the tracking
 * processors. Only events named here are handed on — a change that also has a published event arrives through
 * Kafka, and taking it here too would send it twice.
 *
 * <p>Until it has its place at the head, {@link #positioned()} is false and no stream is opened, as with Kafka.
 */
public class UnpublishedChangeFeed extends LiveFeedReader {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedChangeFeed.class);
    private static final int POLL_MILLIS = 500;

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Consumer<RequestChange> changes;

    public UnpublishedChangeFeed(StreamableMessageSource<TrackedEventMessage<?>> events,
                                 Consumer<RequestChange> changes) {
        super("live-queue-unpublished");
        this.events = events;
        this.changes = changes;
    }

    @Override
    protected void read() {
        TrackingToken last = null;
        while (running) {
            // After a failure, on from the last event seen: nothing stored meanwhile is missed.
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(
                    last == null ? events.createHeadToken() : last)) {
                positioned = true;
                while (running) {
                    if (!stream.hasNextAvailable(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    last = event.trackingToken();
                    if (event instanceof DomainEventMessage<?> domain
                            && domain.getPayloadType() == StaffNoteAdded.class) {
                        StaffNoteAdded note = (StaffNoteAdded) domain.getPayload();
                        changes.accept(new RequestChange(note.districtId(), note.requestId(),
                                domain.getSequenceNumber()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                log.warn("Live queue: reading the event store failed: {}; trying again", e.toString());
                pause();
            }
        }
        positioned = false;
    }
}
