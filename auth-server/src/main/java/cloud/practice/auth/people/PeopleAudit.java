package cloud.practice.auth.people;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;

/**
 * Every change to the people directory, in {@code people_audit}: when, who (an account or client id, or
 * {@code bootstrap}, {@code self}, {@code hierarchy}, {@code volunteer-registry}), what, in which district (or, for a
 * city's analyst, who belongs to none: in which city, {@code cityId}), to which account or client. Never a secret, a
 * code, a mobile number, a name or an ID number: ids only. Also written to the {@code audit} logger.
 */
public class PeopleAudit {

    static final String COLLECTION = "people_audit";
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    /** One audit record. */
    public record Entry(Instant at, String actor, String action, String districtId, String targetId) {
    }

    private final MongoCollection<Document> entries;
    private final Clock clock;

    public PeopleAudit(MongoTemplate mongo, Clock clock) {
        this.entries = mongo.getDb().getCollection(COLLECTION);
        this.clock = clock;
        entries.createIndex(Indexes.ascending("districtId", "at"));
    }

    public void record(String actor, String action, String districtId, String targetId) {
        Instant at = clock.instant();
        entries.insertOne(new Document("_id", UUID.randomUUID().toString()).append("at", Date.from(at))
                .append("actor", actor).append("action", action).append("districtId", districtId)
                .append("targetId", targetId));
        AUDIT.info("people {} actor={} district={} target={}", action, actor, districtId, targetId);
    }

    /** A change to an account, recorded in its district, or in its city when it is a city's analyst's. */
    public void record(String actor, String action, Account target) {
        if (target.districtId() != null || target.cityId() == null) {
            record(actor, action, target.districtId(), target.accountId());
            return;
        }
        Instant at = clock.instant();
        entries.insertOne(new Document("_id", UUID.randomUUID().toString()).append("at", Date.from(at))
                .append("actor", actor).append("action", action).append("districtId", null)
                .append("cityId", target.cityId()).append("targetId", target.accountId()));
        AUDIT.info("people {} actor={} city={} target={}", action, actor, target.cityId(), target.accountId());
    }

    /** The district's records, newest first. */
    public List<Entry> page(String districtId, int page, int size) {
        List<Entry> items = new ArrayList<>();
        entries.find(eq("districtId", districtId)).sort(Sorts.descending("at", "_id")).skip(page * size).limit(size)
                .forEach(d -> items.add(new Entry(d.getDate("at").toInstant(), d.getString("actor"),
                        d.getString("action"), d.getString("districtId"), d.getString("targetId"))));
        return items;
    }

    public long count(String districtId) {
        return entries.countDocuments(eq("districtId", districtId));
    }
}
