package cloud.practice.support.kafka;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import static com.mongodb.client.model.Filters.eq;

/**
 * Remembers, per consumer and aggregate, the highest sequence number applied. An event at or below it has been seen
 * and is skipped: redelivery and replays change nothing. Keys are {@code handler|aggregateId}; unique {@code _id}
 * lookups, which every MongoDB-wire server answers from its index.
 */
public class ProcessedEventLedger {

    static final String COLLECTION = "inbound_ledger";

    private final MongoCollection<Document> ledger;

    public ProcessedEventLedger(MongoDatabase database) {
        this.ledger = database.getCollection(COLLECTION);
    }

    /** @return the highest applied sequence, or -1 */
    public long lastApplied(String handler, String aggregateId) {
        Document entry = ledger.find(eq("_id", key(handler, aggregateId))).first();
        return entry == null ? -1 : ((Number) entry.get("seq")).longValue();
    }

    public void recordApplied(String handler, String aggregateId, long sequence) {
        ledger.updateOne(eq("_id", key(handler, aggregateId)), Updates.max("seq", sequence),
                new UpdateOptions().upsert(true));
    }

    private static String key(String handler, String aggregateId) {
        return handler + "|" + aggregateId;
    }
}
