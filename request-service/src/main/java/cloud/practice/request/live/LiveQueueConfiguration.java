package cloud.practice.request.live;

import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.support.tree.OrgUnitDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The live queue (ADR 0018): the streams, the changes that feed them, the replica's reader of the request topic and
 * its reader of the event store for the changes that are never published.
 */
@Configuration
@EnableConfigurationProperties(LiveQueueSettings.class)
public class LiveQueueConfiguration {

    @Bean
    public LiveStreams liveStreams(LiveQueueSettings settings, MeterRegistry meters) {
        LiveStreams streams = new LiveStreams(settings);
        Gauge.builder("practice.request.live.streams", streams, LiveStreams::openStreams)
                .description("Live queue streams open on this replica")
                .register(meters);
        return streams;
    }

    @Bean
    public QueueChanges queueChanges(RequestProjection requests, EventStore events, OrgUnitDirectory units,
                                     RequestAccess access, LiveStreams streams, ObjectMapper json,
                                     LiveQueueSettings settings) {
        return new QueueChanges(requests, events::lastSequenceNumberFor, units, access, streams, json, settings);
    }

    @Bean
    public RequestChangeFeed requestChangeFeed(ConsumerFactory<String, byte[]> eventConsumerFactory,
                                               QueueChanges changes, LiveQueueSettings settings) {
        return new RequestChangeFeed(eventConsumerFactory, changes, settings.partitionRefresh());
    }

    /** The changes that never reach Kafka (staff notes), from this replica's own reader of the event store. */
    @Bean
    public UnpublishedChangeFeed unpublishedChangeFeed(EventStore events, QueueChanges changes) {
        return new UnpublishedChangeFeed(events, changes);
    }
}
