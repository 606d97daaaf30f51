package cloud.practice.volunteer.matching.query;

import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.volunteer.matching.index.Engagement;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Matching's own read model of what volunteers took on, from request-service's events: the time each order or
 * activity promised ({@code MatchRequested}, {@code ActivityPublished}), who took it on ({@code RequestAccepted},
 * {@code ActivitySignedUp}), minutes served (check-out), ratings, and cancellations. After each change the
 * volunteer's engagements and rating go to the index. Every write sets state keyed by the fact, so redelivery
 * changes nothing.
 */
@Component
@DistrictLookups
public class EngagementLedger {

    static final String WINDOWS = "matching_windows";
    static final String ENGAGEMENTS = "matching_engagements";

    private final MongoCollection<Document> windows;
    private final MongoCollection<Document> engagements;
    private final MatchingIndex index;
    private final Clock clock;
    private final Object[] stripes = new Object[64];

    public EngagementLedger(MongoTemplate mongo, MatchingIndex index, Clock clock) {
        this.windows = mongo.getDb().getCollection(WINDOWS);
        this.engagements = mongo.getDb().getCollection(ENGAGEMENTS);
        this.index = index;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** The promised time of a request or an activity ({@code kind} "request" or "activity"). */
    public void window(String kind, String districtId, String id, Instant from, Instant to) {
        windows.replaceOne(Filters.eq("_id", kind + "|" + districtId + "|" + id), new Document("_id",
                        kind + "|" + districtId + "|" + id).append("from", date(from)).append("to", date(to)),
                new ReplaceOptions().upsert(true));
    }

    /** A volunteer took the request or activity on; it blocks its window and counts as load. */
    public void taken(String kind, String districtId, String id, String volunteerId, Instant at) {
        Document window = windows.find(Filters.eq("_id", kind + "|" + districtId + "|" + id)).first();
        String key = key(kind, districtId, id, volunteerId);
        Document existing = engagements.find(Filters.eq("_id", key)).first();
        Document engagement = existing != null ? existing : new Document("_id", key);
        engagement.append("kind", kind).append("sourceId", id).append("districtId", districtId)
                .append("volunteerId", volunteerId).append("acceptedAt", Date.from(at)).append("cancelled", false)
                .append("from", window == null ? null : window.getDate("from"))
                .append("to", window == null ? null : window.getDate("to"));
        engagements.replaceOne(Filters.eq("_id", key), engagement, new ReplaceOptions().upsert(true));
        refresh(districtId, volunteerId);
    }

    public void served(String kind, String districtId, String id, String volunteerId, Instant in, Instant out) {
        update(key(kind, districtId, id, volunteerId), (collection, key) -> collection.updateOne(Filters.eq("_id", key),
                Updates.set("minutes", (int) Math.max(0, java.time.Duration.between(in, out).toMinutes()))));
    }

    /** The requester's rating goes to whoever of the request's volunteers took it on. */
    public void rated(String districtId, String requestId, int rating) {
        for (Document engagement : engagements.find(Filters.and(Filters.eq("kind", "request"),
                Filters.eq("districtId", districtId), Filters.eq("sourceId", requestId)))) {
            engagements.updateOne(Filters.eq("_id", engagement.getString("_id")), Updates.set("rating", rating));
            refresh(districtId, engagement.getString("volunteerId"));
        }
    }

    /** The order or the sign-up was cancelled: its time is free again and it is no load. */
    public void cancelled(String kind, String districtId, String id, String volunteerIdOrNull) {
        var filter = volunteerIdOrNull == null
                ? Filters.and(Filters.eq("kind", kind), Filters.eq("districtId", districtId), Filters.eq("sourceId", id))
                : Filters.eq("_id", key(kind, districtId, id, volunteerIdOrNull));
        List<String> volunteers = new ArrayList<>();
        engagements.find(filter).forEach(engagement -> volunteers.add(engagement.getString("volunteerId")));
        engagements.updateMany(filter, Updates.set("cancelled", true));
        volunteers.forEach(volunteerId -> refresh(districtId, volunteerId));
    }

    /**
     * Pushes the volunteer's rating and the engagements that still matter to the index: those inside the load
     * window and those whose time is still ahead (older ones can never count again).
     */
    public void refresh(String districtId, String volunteerId) {
        // Consumer threads of different partitions may refresh one volunteer at once: read and push under one
        // lock, so the last push is always of the latest facts.
        synchronized (stripes[Math.floorMod(volunteerId.hashCode(), stripes.length)]) {
            push(districtId, volunteerId);
        }
    }

    private void push(String districtId, String volunteerId) {
        Instant now = clock.instant();
        Instant loadFrom = now.minus(index.scoring().weights().loadWindow());
        List<Engagement> taken = new ArrayList<>();
        double ratingSum = 0;
        int ratings = 0;
        for (Document engagement : engagements.find(Filters.and(Filters.eq("districtId", districtId),
                Filters.eq("volunteerId", volunteerId)))) {
            if (engagement.get("rating") != null) {
                ratingSum += engagement.getInteger("rating");
                ratings++;
            }
            Engagement relevant = engagement(engagement);
            if (!engagement.getBoolean("cancelled", false) && (relevant.acceptedAt().isAfter(loadFrom)
                    || relevant.to() != null && relevant.to().isAfter(now))) {
                taken.add(relevant);
            }
        }
        index.engagements(districtId, volunteerId, taken);
        index.rating(districtId, volunteerId, ratingSum, ratings);
    }

    /** Everything at start, after the volunteers are in the index. */
    public void loadAll() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Document engagement : engagements.find()) {
            String districtId = engagement.getString("districtId");
            String volunteerId = engagement.getString("volunteerId");
            if (seen.add(districtId + "|" + volunteerId)) {
                refresh(districtId, volunteerId);
            }
        }
    }

    private void update(String key, BiConsumer<MongoCollection<Document>, String> change) {
        change.accept(engagements, key);
        Document engagement = engagements.find(Filters.eq("_id", key)).first();
        if (engagement != null) {
            refresh(engagement.getString("districtId"), engagement.getString("volunteerId"));
        }
    }

    private static Engagement engagement(Document engagement) {
        Date from = engagement.getDate("from");
        Date to = engagement.getDate("to");
        return new Engagement(from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                engagement.getDate("acceptedAt").toInstant(), engagement.getInteger("minutes", 0));
    }

    private static String key(String kind, String districtId, String id, String volunteerId) {
        return kind + "|" + districtId + "|" + id + "|" + volunteerId;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
