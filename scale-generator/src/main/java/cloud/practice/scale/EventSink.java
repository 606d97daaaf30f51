package cloud.practice.scale;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Where generated records go: Kafka, nowhere (to measure the generator alone), or a test's list. */
public interface EventSink extends AutoCloseable {

    void send(ProducerRecord<String, byte[]> record);

    /** Waits until everything sent is acknowledged; fails if anything was not. */
    @Override
    void close();

    /** Encodes and counts, sends nothing. */
    static EventSink discard() {
        return new EventSink() {
            @Override
            public void send(ProducerRecord<String, byte[]> record) {
                // the record was built (the cost being measured); nothing to do with it
            }

            @Override
            public void close() {
            }
        };
    }
}
