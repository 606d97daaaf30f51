package cloud.practice.request.open311.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

/**
 * The webhook outbox ({@code open311_deliveries}): one document per subscription and update, its id
 * {@code <subscription>_<update>} so that a replayed event never delivers twice. States: PENDING (with the time of
 * its next attempt), DELIVERED, DEAD (retries exhausted: the dead-letter list its subscriber can read and redeliver)
 * and CANCELLED (its subscription was deleted). A short lease lets several instances share the work.
 */
@Component
public class Deliveries {

    static final String COLLECTION = "open311_deliveries";
    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";
    public static final String CANCELLED = "CANCELLED";

    private final MongoCollection<Document> deliveries;

    public Deliveries(MongoTemplate mongo) {
        this.deliveries = mongo.getDb().getCollection(COLLECTION);
        deliveries.createIndex(Indexes.ascending("state", "nextAttemptAt"));
        deliveries.createIndex(Indexes.ascending("subscriptionId", "state"));
    }

    /** False when this update was already queued for this subscription (a replay). */
    public boolean enqueue(String subscriptionId, String updateId, String requestId, String payload, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", subscriptionId + "_" + updateId)
                    .append("subscriptionId", subscriptionId).append("updateId", updateId)
                    .append("requestId", requestId).append("payload", payload).append("state", PENDING)
                    .append("attempts", 0).append("nextAttemptAt", Date.from(now))
                    .append("leaseUntil", Date.from(now)).append("createdAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public List<Document> due(Instant now, int limit) {
        return deliveries.find(and(eq("state", PENDING), lte("nextAttemptAt", Date.from(now)),
                        lte("leaseUntil", Date.from(now))))
                .sort(Sorts.ascending("nextAttemptAt")).limit(limit).into(new ArrayList<>());
    }

    /** Takes the delivery for {@code lease}; empty when another instance has it or it is no longer due. */
    public Optional<Document> claim(String id, Instant now, Duration lease) {
        return Optional.ofNullable(deliveries.findOneAndUpdate(
                and(eq("_id", id), eq("state", PENDING), lte("leaseUntil", Date.from(now))),
                Updates.set("leaseUntil", Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    public void delivered(String id, int attempts, int status, Instant now) {
        deliveries.updateOne(eq("_id", id), Updates.combine(Updates.set("state", DELIVERED),
                Updates.set("attempts", attempts), Updates.set("lastStatus", status),
                Updates.set("deliveredAt", Date.from(now)), Updates.unset("lastError")));
    }

    public void retryLater(String id, int attempts, Integer status, String error, Instant next) {
        deliveries.updateOne(eq("_id", id), Updates.combine(Updates.set("attempts", attempts),
                Updates.set("lastStatus", status), Updates.set("lastError", error),
                Updates.set("nextAttemptAt", Date.from(next)), Updates.set("leaseUntil", Date.from(next))));
    }

    public void dead(String id, int attempts, Integer status, String error, Instant now) {
        deliveries.updateOne(eq("_id", id), Updates.combine(Updates.set("state", DEAD),
                Updates.set("attempts", attempts), Updates.set("lastStatus", status),
                Updates.set("lastError", error), Updates.set("deadAt", Date.from(now))));
    }

    public void cancel(String id) {
        deliveries.updateOne(eq("_id", id), Updates.set("state", CANCELLED));
    }

    public void cancelAll(String subscriptionId) {
        deliveries.updateMany(and(eq("subscriptionId", subscriptionId), eq("state", PENDING)),
                Updates.set("state", CANCELLED));
    }

    public List<Document> deadLetters(String subscriptionId) {
        return deliveries.find(and(eq("subscriptionId", subscriptionId), eq("state", DEAD)))
                .sort(Sorts.ascending("createdAt")).into(new ArrayList<>());
    }

    /** A dead letter goes back to the queue with a fresh set of attempts; false if there is no such dead letter. */
    public boolean redeliver(String subscriptionId, String deliveryId, Instant now) {
        return deliveries.updateOne(and(eq("_id", deliveryId), eq("subscriptionId", subscriptionId),
                        eq("state", DEAD)),
                Updates.combine(Updates.set("state", PENDING), Updates.set("attempts", 0),
                        Updates.set("nextAttemptAt", Date.from(now)), Updates.set("leaseUntil", Date.from(now)),
                        Updates.unset("deadAt"))).getModifiedCount() == 1;
    }
}
