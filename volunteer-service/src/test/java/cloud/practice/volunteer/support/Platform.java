package cloud.practice.volunteer.support;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the other services on the real test broker: hierarchy-service's tree of a district and request-service's
 * activity and request events, encoded exactly as their relays do ({@link CloudEventCodec}).
 *
 * <pre>
 * center ─ i-jl (institute) ─ s-pl (station) ─ p-lib (point)
 *        │                  └ s-jly (station)
 *        │                  └ s-closed (station, closed)
 *        └ i-yj (institute) ─ s-yj (station)
 * </pre>
 */
public final class Platform {

    private Platform() {
    }

    public static void publishTree(String district) {
        List<DomainEvent> events = new ArrayList<>(List.of(
                unit(district, "center", OrgTier.CENTER, null, null),
                unit(district, "i-jl", OrgTier.INSTITUTE, "center", null),
                unit(district, "s-pl", OrgTier.STATION, "i-jl", new GeoPoint(29.5069, 106.5107)),
                unit(district, "s-jly", OrgTier.STATION, "i-jl", new GeoPoint(29.5400, 106.4600)),
                unit(district, "p-lib", OrgTier.POINT, "s-pl", null),
                unit(district, "s-closed", OrgTier.STATION, "i-jl", null),
                unit(district, "i-yj", OrgTier.INSTITUTE, "center", null),
                unit(district, "s-yj", OrgTier.STATION, "i-yj", new GeoPoint(29.5300, 106.5200))));
        events.add(new OrgUnitStatusChanged("s-closed", district, OrgUnitStatus.CLOSED, "撤并",
                LocalDate.of(2026, 1, 2)));
        publish("OrgTree", district, 0, events);
    }

    /** Events of one aggregate, with sequence numbers from {@code firstSequence}. */
    public static List<ProducerRecord<String, byte[]>> publish(String aggregateType, String aggregateId,
                                                               long firstSequence, List<? extends DomainEvent> events) {
        CloudEventCodec codec = new CloudEventCodec();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(codec.encode(new GenericDomainEventMessage<>(aggregateType, aggregateId, firstSequence + i,
                    events.get(i))));
        }
        send(records);
        return records;
    }

    /** Sends records as they are (a redelivery when they were sent before). */
    public static void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            records.forEach(record -> producer.send(new ProducerRecord<>(record.topic(), null, record.key(),
                    record.value(), record.headers())));
            producer.flush();
        }
    }

    private static OrgUnitEstablished unit(String district, String id, OrgTier tier, String parent,
                                           GeoPoint location) {
        return new OrgUnitEstablished(id, district, id.toUpperCase(), id, tier, parent, null, null, location,
                Set.of(ServicePlatform.CARE), List.of(), LocalDate.of(2026, 1, 1));
    }
}
