package cloud.practice.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.request.activity.query.ActivityProjection;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.menu.query.MenuProjection;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.KafkaEventRelay;
import cloud.practice.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The known end of a "nothing happened" check, in place of a sleep. Open the window before the calls that must change
 * nothing; after them make one good call of the test's own (the marker) and close the window at the marker's
 * aggregate. Closing waits for the marker's first event in the event store, then until the read models' processors
 * and the Kafka relay have handled it. They all read the one store in order, so by then whatever the calls before
 * the marker stored has been projected and published, and the window holds exactly what the store received in
 * between — which the test then inspects, with the read models and the topic.
 */
final class MarkedWindow {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final CloudEventCodec CODEC = new CloudEventCodec();
    /** The tracking processors between the event store and what tests look at: the read models and the topic. */
    static final List<String> PROCESSORS = List.of(group(RequestProjection.class), group(ActivityProjection.class),
            group(MenuProjection.class), KafkaEventRelay.PROCESSING_GROUP);

    private final EventStore store;
    private final EventProcessingConfiguration processing;
    private final GapAwareTrackingToken opened;

    private MarkedWindow(EventStore store, EventProcessingConfiguration processing, GapAwareTrackingToken opened) {
        this.store = store;
        this.processing = processing;
        this.opened = opened;
    }

    static MarkedWindow open(EventStore store, EventProcessingConfiguration processing) {
        return new MarkedWindow(store, processing, (GapAwareTrackingToken) store.createHeadToken());
    }

    /**
     * Waits until the marker aggregate's first event is stored and every processor of {@link #PROCESSORS} has handled
     * it and everything stored before it in the window.
     *
     * @param markerAggregateId the aggregate the marker call created; its first event must be a published one
     */
    Closed closeAt(String markerAggregateId) throws InterruptedException {
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        long markerIndex = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(opened)) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (markerIndex < 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !stream.hasNextAvailable((int) left, TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the marker " + markerAggregateId + " was not stored within " + PATIENCE);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event instanceof DomainEventMessage<?> domain) {
                    stored.add(domain);
                    if (markerAggregateId.equals(domain.getAggregateIdentifier())) {
                        markerIndex = event.trackingToken().position().orElseThrow();
                    }
                }
            }
        }
        long through = markerIndex;
        for (String group : PROCESSORS) {
            StreamingEventProcessor processor = processing.eventProcessorByProcessingGroup(group,
                    StreamingEventProcessor.class).orElseThrow(() -> new AssertionError("no processor " + group));
            await(group + " handles the marker").atMost(PATIENCE).until(() -> !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(status -> handledThrough(status, through)));
        }
        return new Closed(markerAggregateId, stored);
    }

    /** The processor's segment is at the marker or past it, with no event of the window left behind as a gap. */
    private boolean handledThrough(EventTrackerStatus status, long markerIndex) {
        TrackingToken token = status.getTrackingToken();
        if (token == null || status.isErrorState()) {
            return false;
        }
        GapAwareTrackingToken position = WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElseThrow();
        return position.getIndex() >= markerIndex
                && position.getGaps().subSet(opened.getIndex() + 1, markerIndex + 1).isEmpty();
    }

    private static String group(Class<?> projection) {
        return projection.getAnnotation(ProcessingGroup.class).value();
    }

    /** What the store received between opening and the marker, the marker's first event included. */
    final class Closed {

        private final String marker;
        private final List<DomainEventMessage<?>> stored;

        private Closed(String marker, List<DomainEventMessage<?>> stored) {
            this.marker = marker;
            this.stored = stored;
        }

        /**
         * Events stored in the window, other than the marker's, of the district's aggregates — those with an event
         * naming the district in the window, and the ones given — in store order, as "Type aggregateId".
         */
        List<String> storedFor(String district, String... aggregateIds) {
            Set<String> ours = new HashSet<>(List.of(aggregateIds));
            stored.stream().filter(event -> district.equals(districtOf(event.getPayload())))
                    .forEach(event -> ours.add(event.getAggregateIdentifier()));
            return stored.stream().filter(event -> !marker.equals(event.getAggregateIdentifier()))
                    .filter(event -> ours.contains(event.getAggregateIdentifier()))
                    .map(event -> event.getPayloadType().getSimpleName() + " " + event.getAggregateIdentifier())
                    .toList();
        }

        /**
         * Records of the district on the request topic, read until the marker's first one arrived, other than the
         * marker's, that carry no event the store held before the window opened — events of the window, or none the
         * store ever held (the relay publishes from the store only, and in its order) — as "Type key".
         */
        List<String> publishedFor(String district) {
            Set<String> inWindow = stored.stream().map(DomainEventMessage::getIdentifier).collect(Collectors.toSet());
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(Context.REQUEST.topic(),
                    record -> district.equals(TopicReader.header(record, "ce_district")),
                    found -> found.stream().anyMatch(record -> marker.equals(record.key())), PATIENCE,
                    "the marker " + marker + " on " + Context.REQUEST.topic());
            Map<String, Set<String>> storedBefore = new HashMap<>();
            return records.stream().filter(record -> !marker.equals(record.key()))
                    .filter(record -> {
                        String id = TopicReader.header(record, "ce_id");
                        return inWindow.contains(id) || !storedBefore.computeIfAbsent(record.key(), key -> store
                                .readEvents(key).asStream().map(DomainEventMessage::getIdentifier)
                                .collect(Collectors.toSet())).contains(id);
                    })
                    .map(record -> CODEC.decode(record).payload().getClass().getSimpleName() + " " + record.key())
                    .toList();
        }
    }

    /** The district an event names: every published event, and request-service's own events that carry one. */
    private static String districtOf(Object payload) {
        if (payload instanceof DomainEvent event) {
            return event.districtId();
        }
        RecordComponent[] components = payload.getClass().getRecordComponents();
        for (RecordComponent component : components == null ? new RecordComponent[0] : components) {
            if (component.getName().equals("districtId")) {
                try {
                    return (String) component.getAccessor().invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
