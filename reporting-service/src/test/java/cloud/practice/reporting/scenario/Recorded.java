package cloud.practice.reporting.scenario;

import cloud.practice.events.DomainEvent;
import cloud.practice.support.kafka.InboundEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** An event as its aggregate stored it: subject (aggregate id), sequence and payload. */
public record Recorded(String subject, long seq, DomainEvent payload, Instant time) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The same event of another district: its payload's district (and a tree event's subject, the district) swapped. */
    public Recorded inDistrict(String district) {
        try {
            ObjectNode tree = JSON.valueToTree(payload);
            tree.put("districtId", district);
            DomainEvent moved = JSON.treeToValue(tree, payload.getClass());
            return new Recorded(subject.equals(payload.districtId()) ? district : subject, seq, moved, time);
        } catch (Exception e) {
            throw new IllegalStateException("cannot move " + payload + " to " + district, e);
        }
    }

    /** {@link #inDistrict} of every event. */
    public static List<Recorded> inDistrict(List<Recorded> events, String district) {
        return events.stream().map(event -> event.inDistrict(district)).toList();
    }

    public InboundEvent inbound() {
        return new InboundEvent(subject + "#" + seq, payload.getClass().getSimpleName(), subject,
                payload.districtId(), seq, time.atOffset(ZoneOffset.UTC), null, null, payload);
    }
}
