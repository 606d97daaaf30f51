package cloud.practice.request.live;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A request changed: what the CloudEvents headers of a record on the request topic say (district, subject = request
 * id, aggregate sequence), read without decoding the payload. Menu and activity events share the topic and are not
 * changes of a request.
 */
public record RequestChange(String district, String requestId, long sequence) {

    private static final String HEADER_PREFIX = "ce_";
    private static final String TYPE_PREFIX = CloudEventAttributes.TYPE_PREFIX + Context.REQUEST.id() + ".";

    /** The change a record carries; empty for other events and for records without usable headers. */
    public static Optional<RequestChange> of(ConsumerRecord<?, ?> record) {
        String type = header(record, "type");
        String district = header(record, CloudEventAttributes.DISTRICT);
        String subject = header(record, "subject");
        String sequence = header(record, CloudEventAttributes.AGGREGATE_SEQUENCE);
        if (type == null || district == null || subject == null || sequence == null || !ofARequest(type)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RequestChange(district, subject, Long.parseLong(sequence)));
        } catch (NumberFormatException malformed) {
            return Optional.empty(); // the projection's consumers send such records to the dead-letter topic
        }
    }

    /** {@code cloud.practice.request.RequestReviewed.v1}, {@code ….MatchRequested.v1}: events of a request. */
    static boolean ofARequest(String type) {
        if (!type.startsWith(TYPE_PREFIX)) {
            return false;
        }
        String name = type.substring(TYPE_PREFIX.length());
        return name.startsWith("Request") || name.startsWith("MatchRequested.");
    }

    private static String header(ConsumerRecord<?, ?> record, String attribute) {
        Header header = record.headers().lastHeader(HEADER_PREFIX + attribute);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
