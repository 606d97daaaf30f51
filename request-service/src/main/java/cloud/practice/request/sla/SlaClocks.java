package cloud.practice.request.sla;

import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.SlaClockStarted;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

/**
 * The running SLA clock of every open request, in MongoDB: one document per request with its stage, unit and due
 * time. Because the clocks are stored, a deadline that fell due while the service was down fires after restart.
 */
@Component
@ProcessingGroup("sla-clocks")
public class SlaClocks {

    static final String COLLECTION = "sla_clocks";

    private final MongoCollection<Document> clocks;

    public SlaClocks(MongoTemplate mongo) {
        this.clocks = mongo.getDb().getCollection(COLLECTION);
    }

    @EventHandler
    void on(SlaClockStarted event) {
        clocks.replaceOne(eq("_id", event.requestId()), new Document("_id", event.requestId())
                .append("districtId", event.districtId()).append("stage", event.stage().name())
                .append("unitId", event.unitId()).append("dueAt", Date.from(event.dueAt())),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(RequestCompleted event) {
        clocks.deleteOne(eq("_id", event.requestId()));
    }

    @EventHandler
    void on(RequestRejected event) {
        clocks.deleteOne(eq("_id", event.requestId()));
    }

    @EventHandler
    void on(RequestCancelled event) {
        clocks.deleteOne(eq("_id", event.requestId()));
    }

    @EventHandler
    void on(RequestExpired event) {
        clocks.deleteOne(eq("_id", event.requestId()));
    }

    /** Clocks due by {@code now}, oldest first. */
    public List<Document> due(Instant now, int limit) {
        return clocks.find(lte("dueAt", Date.from(now))).sort(Sorts.ascending("dueAt")).limit(limit)
                .into(new ArrayList<>());
    }
}
