package cloud.practice.request.open311.updates;

import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.open311.format.Open311Mapping;
import cloud.practice.request.open311.webhook.Deliveries;
import cloud.practice.request.open311.webhook.Subscriptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cloud.practice.request.open311.format.Open311Writer.ordered;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * The status changes of every request as Open311 updates, from the service's own events (a tracking processor of
 * its own, {@code open311-updates}, over request-service's event store): one update per lifecycle event in
 * {@code open311_updates} — what {@code GET servicerequestupdates} reads — and, for each webhook subscription that
 * wants it, one queued delivery. Each update's id is its event's id and each request's state is guarded by the
 * event's sequence number, so a replay writes nothing twice and delivers nothing twice. An update carries only the
 * request id, service code, status, notes and time: no personal data leaves through the feed or the webhooks.
 */
@Component
@ProcessingGroup("open311-updates")
public class RequestUpdates {

    static final String UPDATES = "open311_updates";
    static final String STATES = "open311_request_state";

    private final MongoCollection<Document> updates;
    private final MongoCollection<Document> states;
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Clock clock;

    public RequestUpdates(MongoTemplate mongo, Subscriptions subscriptions, Deliveries deliveries, ObjectMapper json,
                          Clock clock) {
        this.updates = mongo.getDb().getCollection(UPDATES);
        this.states = mongo.getDb().getCollection(STATES);
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
        this.zone = clock.getZone();
        this.clock = clock;
        updates.createIndex(Indexes.ascending("districtId", "at"));
    }

    @EventHandler
    void on(RequestSubmitted e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        if (states.find(eq("_id", e.requestId())).first() == null) {
            states.insertOne(new Document("_id", e.requestId()).append("districtId", e.districtId())
                    .append("serviceCode", Open311Mapping.code(e.menuItemId())).append("status", RequestStatus.SUBMITTED.name())
                    .append("escalations", 0).append("seq", -1L));
        }
        change(e.requestId(), id, seq, at, state -> state.put("status", RequestStatus.SUBMITTED.name()));
    }

    @EventHandler
    void on(RequestReviewed e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.REVIEWED));
    }

    @EventHandler
    void on(RequestRejected e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.REJECTED).andThen(state -> state.put("reason", e.reason())));
    }

    @EventHandler
    void on(RequestDispatched e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.DISPATCHED));
    }

    @EventHandler
    void on(RequestAccepted e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.ACCEPTED));
    }

    @EventHandler
    void on(RequestCheckedIn e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.IN_SERVICE));
    }

    @EventHandler
    void on(RequestCheckedOut e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.SERVED));
    }

    @EventHandler
    void on(RequestCompleted e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.COMPLETED));
    }

    @EventHandler
    void on(RequestRated e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.RATED).andThen(state -> state.put("rating", e.rating())));
    }

    @EventHandler
    void on(RequestReopened e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.REVIEWED).andThen(state -> {
            state.remove("rating");
            state.put("escalations", 0);
        }));
    }

    @EventHandler
    void on(RequestCancelled e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.CANCELLED));
    }

    @EventHandler
    void on(RequestEscalated e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, state -> state.put("escalations", state.getInteger("escalations", 0) + 1));
    }

    @EventHandler
    void on(RequestExpired e, @MessageIdentifier String id, @SequenceNumber long seq, @Timestamp Instant at) {
        change(e.requestId(), id, seq, at, status(RequestStatus.EXPIRED));
    }

    private static Consumer<Document> status(RequestStatus status) {
        return state -> state.put("status", status.name());
    }

    private void change(String requestId, String eventId, long seq, Instant at, Consumer<Document> change) {
        Document state = states.find(eq("_id", requestId)).first();
        if (state == null || state.get("seq", Number.class).longValue() >= seq) {
            return; // not ours (no submission seen) or already applied
        }
        change.accept(state);
        state.put("seq", seq);
        RequestStatus status = RequestStatus.valueOf(state.getString("status"));
        String district = state.getString("districtId");
        Document update = new Document("_id", eventId).append("districtId", district)
                .append("requestId", requestId).append("serviceCode", state.getString("serviceCode"))
                .append("sequence", seq).append("lifecycle", status.name())
                .append("status", Open311Mapping.status(status))
                .append("notes", Open311Mapping.notes(status, state.getString("reason"),
                        state.getInteger("rating"), state.getInteger("escalations", 0)))
                .append("at", Date.from(at));
        // Each write is idempotent and the state (the sequence guard) is saved last: a failure in between is
        // retried by the processor without doubling the update or a delivery.
        insert(update);
        for (Document subscription : subscriptions.interestedIn(district, state.getString("serviceCode"), at)) {
            String subscriptionId = subscription.getString("_id");
            Map<String, Object> payload = ordered("delivery_id", subscriptionId + "_" + eventId,
                    "subscription_id", subscriptionId, "jurisdiction_id", district);
            payload.putAll(update(update, zone));
            deliveries.enqueue(subscriptionId, eventId, requestId, write(payload), clock.instant());
        }
        states.replaceOne(eq("_id", requestId), state, new ReplaceOptions().upsert(true));
    }

    private boolean insert(Document update) {
        try {
            updates.insertOne(update);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** The district's updates in [from, to), oldest first, one page (pages count from 1). */
    public List<Document> between(String district, Instant from, Instant to, Collection<String> requestIds, int page,
                                  int pageSize) {
        List<Bson> filters = new ArrayList<>(List.of(eq("districtId", district), gte("at", Date.from(from)),
                lt("at", Date.from(to))));
        if (requestIds != null && !requestIds.isEmpty()) {
            filters.add(in("requestId", requestIds));
        }
        return updates.find(and(filters)).sort(Sorts.ascending("at", "requestId", "sequence"))
                .skip((page - 1) * pageSize).limit(pageSize).into(new ArrayList<>());
    }

    /**
     * An update as {@code servicerequestupdates} and the webhooks answer it (the FixMyStreet extension's fields;
     * {@code external_status_code} is our lifecycle state, {@code description} the status notes, {@code sequence}
     * the request's event number so that a receiver of out-of-order webhooks keeps the newest).
     */
    public static Map<String, Object> update(Document update, ZoneId zone) {
        return ordered(
                "update_id", update.getString("_id"),
                "service_request_id", update.getString("requestId"),
                "service_code", update.getString("serviceCode"),
                "status", update.getString("status"),
                "external_status_code", update.getString("lifecycle"),
                "description", update.getString("notes"),
                "updated_datetime", Open311Mapping.datetime(update.getDate("at").toInstant(), zone),
                "sequence", update.get("sequence", Number.class).longValue(),
                "media_url", null);
    }
}
