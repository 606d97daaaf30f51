package cloud.practice.request;

import cloud.practice.events.DomainEvent;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.util.List;
import java.util.Map;

/** Other services' facts put on Kafka as those services publish them: one aggregate's events in sequence from 0. */
public final class KafkaFacts {

    private KafkaFacts() {
    }

    public static void publish(String aggregateType, String aggregateId, List<? extends DomainEvent> events) {
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int seq = 0; seq < events.size(); seq++) {
                producer.send(codec.encode(new GenericDomainEventMessage<>(aggregateType, aggregateId, seq,
                        events.get(seq))));
            }
        }
    }
}
