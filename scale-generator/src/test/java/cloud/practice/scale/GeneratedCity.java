package cloud.practice.scale;

import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A city generated into memory: its records in the order emitted, and its oracle. Test data for the tests here. */
final class GeneratedCity {

    final List<ProducerRecord<String, byte[]>> records;
    final Map<String, Object> summary;

    private GeneratedCity(List<ProducerRecord<String, byte[]>> records, Map<String, Object> summary) {
        this.records = records;
        this.summary = summary;
    }

    /** A small city: every option as given, the summary not written anywhere. */
    static GeneratedCity of(String... args) {
        String[] withoutFile = java.util.Arrays.copyOf(args, args.length + 4);
        withoutFile[args.length] = "--summary";
        withoutFile[args.length + 1] = "none";
        withoutFile[args.length + 2] = "--sink";
        withoutFile[args.length + 3] = "null";
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Object> summary = ScaleGenerator.generate(ScaleOptions.parse(withoutFile), new EventSink() {
            @Override
            public void send(ProducerRecord<String, byte[]> record) {
                records.add(record);
            }

            @Override
            public void close() {
            }
        }, events -> {
        });
        return new GeneratedCity(records, summary);
    }

    /** The records as a consumer receives them (offsets in emission order). */
    static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record, long offset) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, offset, 0L,
                TimestampType.CREATE_TIME, 0, record.value().length, record.key(), record.value(),
                new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray()), Optional.empty());
        return consumed;
    }

    /** Every record decoded and validated by the platform's own codec, in emission order. */
    List<InboundEvent> decoded() {
        CloudEventCodec codec = new CloudEventCodec();
        List<InboundEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            events.add(codec.decode(asConsumed(records.get(i), i)));
        }
        return events;
    }

    /** A digest of every byte of every record: topic, key, headers and value, in order. */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ProducerRecord<String, byte[]> record : records) {
                sha.update(record.topic().getBytes(StandardCharsets.UTF_8));
                sha.update(record.key().getBytes(StandardCharsets.UTF_8));
                for (Header header : record.headers()) {
                    sha.update(header.key().getBytes(StandardCharsets.UTF_8));
                    sha.update(header.value());
                }
                sha.update(record.value());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
