package cloud.practice.reporting.scenario;

import cloud.practice.support.kafka.CloudEventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Publishes events as the services' relays do: CloudEvents from the same codec, keyed by aggregate id. */
public final class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    public static ProducerRecord<String, byte[]> record(CloudEventCodec codec, Recorded event, Instant time) {
        return codec.encode(new GenericDomainEventMessage<>(event.payload().getClass().getName(), event.subject(),
                event.seq(), event.payload(), Map.of(), UUID.randomUUID().toString(), time));
    }

    /** Sends all and waits for every acknowledgement. */
    public void publish(List<Recorded> events) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Recorded event : events) {
            sent.add(kafka.send(record(codec, event, event.time())));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }
}
