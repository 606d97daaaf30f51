package cloud.practice.notification.rules;

import cloud.practice.notification.notice.NoticeKind;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

/**
 * Notices that wait for a time (an SLA warning, a reminder, a dormant pairing), stored so they fire after a restart.
 * A timer's id names what it is about ({@code <district>|sla|<request>}); setting it again replaces it — a new SLA
 * clock replaces the warning of the old one — and the events that end its reason cancel it. A timer is removed only
 * after its notice was raised, and raising is idempotent, so a crash in between raises nothing twice.
 */
@Component
public class Timers {

    /** A due timer: its kind, the district, what it is about and the facts its notice needs. */
    public record Timer(String id, String districtId, NoticeKind kind, Instant fireAt, Map<String, String> data) {
    }

    private final MongoCollection<Document> timers;

    public Timers(MongoTemplate mongo) {
        this.timers = mongo.getDb().getCollection("timers");
        timers.createIndex(Indexes.ascending("fireAt"));
    }

    public static String id(String districtId, String what, String subject) {
        return districtId + "|" + what + "|" + subject;
    }

    public void set(String id, String districtId, NoticeKind kind, Instant fireAt, Map<String, String> data) {
        timers.replaceOne(eq("_id", id), new Document("_id", id).append("districtId", districtId)
                .append("kind", kind.id()).append("fireAt", Date.from(fireAt))
                .append("data", new Document(new LinkedHashMap<>(data))), new ReplaceOptions().upsert(true));
    }

    public void cancel(String id) {
        timers.deleteOne(eq("_id", id));
    }

    /** Cancels the district's timers whose facts name this value (an erased volunteer's reminders). */
    public void cancelMentioning(String districtId, String field, String value) {
        timers.deleteMany(and(eq("districtId", districtId), eq("data." + field, value)));
    }

    public List<Timer> due(Instant now, int limit) {
        return timers.find(lte("fireAt", Date.from(now))).sort(Sorts.ascending("fireAt")).limit(limit)
                .map(Timers::timer).into(new ArrayList<>());
    }

    public Optional<Timer> find(String id) {
        return Optional.ofNullable(timers.find(eq("_id", id)).first()).map(Timers::timer);
    }

    private static Timer timer(Document document) {
        Map<String, String> data = new LinkedHashMap<>();
        document.get("data", Document.class).forEach((key, value) -> data.put(key, String.valueOf(value)));
        return new Timer(document.getString("_id"), document.getString("districtId"),
                NoticeKind.parse(document.getString("kind")).orElseThrow(), document.getDate("fireAt").toInstant(),
                data);
    }

    /** Removes the timer once fired, unless it was set again meanwhile (a new clock, say). */
    public void fired(Timer timer) {
        timers.deleteOne(and(eq("_id", timer.id()), eq("fireAt", Date.from(timer.fireAt()))));
    }
}
