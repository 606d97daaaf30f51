package cloud.practice.request;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a small district tree on the hierarchy topic exactly as hierarchy-service would (one stream keyed by
 * the district): center → institute i-jl → stations s-pl (盘龙社区) and s-jly (九龙园社区).
 */
final class HierarchyFixture {

    private HierarchyFixture() {
    }

    static void publishTree(String district) {
        List<DomainEvent> events = List.of(
                unit(district, "center", OrgTier.CENTER, null, null, List.of()),
                unit(district, "i-jl", OrgTier.INSTITUTE, "center", null, List.of()),
                unit(district, "s-pl", OrgTier.STATION, "i-jl", new GeoPoint(29.5069, 106.5107), List.of("盘龙社区")),
                unit(district, "s-jly", OrgTier.STATION, "i-jl", new GeoPoint(29.5400, 106.4600), List.of("九龙园社区")));
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int seq = 0; seq < events.size(); seq++) {
                producer.send(codec.encode(new GenericDomainEventMessage<>("OrgTree", district, seq, events.get(seq))));
            }
        }
    }

    private static OrgUnitEstablished unit(String district, String id, OrgTier tier, String parent, GeoPoint location,
                                           List<String> communities) {
        return new OrgUnitEstablished(id, district, id.toUpperCase(), id, tier, parent, null, null, location,
                Set.of(ServicePlatform.CARE), communities, LocalDate.of(2026, 1, 1));
    }
}
