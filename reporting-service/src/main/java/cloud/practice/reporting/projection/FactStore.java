package cloud.practice.reporting.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;

/**
 * The facts of one projection version: one document per aggregate (request, volunteer, team, activity, pairing,
 * matching), per unit (with its effective-dated history) and per credit or honour grant, keyed by
 * {@code district|id}. Each version has collections of its own ({@code rp_v<n>_<kind>}), so a rebuild fills new
 * ones while the old ones serve.
 *
 * <p>Every write is guarded by the aggregate's sequence: it applies only when the document's {@code seq} is below the
 * event's, and sets it. A duplicate or a replay therefore changes nothing, even without the consumer's ledger.
 */
public final class FactStore {

    public enum Kind { UNITS, REQUESTS, VOLUNTEERS, TEAMS, CREDITS, HONOURS, ACTIVITIES, PAIRINGS, MATCHES }

    private final MongoDatabase database;
    private final int version;
    /** Writes of the batch the current thread is applying, if any (see {@link #inBatch}). */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    public FactStore(MongoDatabase database, int version) {
        this.database = database;
        this.version = version;
    }

    public int version() {
        return version;
    }

    public static String collectionName(int version, Kind kind) {
        return "rp_v" + version + "_" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public MongoCollection<Document> collection(Kind kind) {
        return database.getCollection(collectionName(version, kind));
    }

    public static String key(String districtId, String id) {
        return districtId + "|" + id;
    }

    /**
     * {@code {_id: key, seq: {$lt: seq}}} as one plain document: servers (and the stand-in) answer it from the
     * {@code _id} index, where an {@code $and} may make the stand-in scan the collection.
     */
    private static Bson guard(String key, long seq) {
        return new Document("_id", key).append("seq", new Document("$lt", seq));
    }

    /**
     * Runs {@code work} collecting its writes, then sends them as one ordered bulk write per collection: a batch of
     * events costs a few round trips instead of one per event. Reads ({@link #find}) flush first, so they see the
     * batch's earlier writes.
     */
    public void inBatch(Runnable work) {
        Batch current = new Batch();
        batch.set(current);
        try {
            work.run();
            current.flush();
        } finally {
            batch.remove();
        }
    }

    /** Applies {@code update} to the fact unless it already saw {@code seq}; creates the fact if missing. */
    void guarded(Kind kind, String key, String districtId, long seq, Bson update) {
        Bson filter = guard(key, seq);
        Bson full = Updates.combine(update, Updates.set("seq", seq), Updates.set("districtId", districtId));
        Batch current = batch.get();
        if (current != null) {
            current.add(kind, new UpdateOneModel<>(filter, full, new UpdateOptions().upsert(true)));
            return;
        }
        try {
            collection(kind).updateOne(filter, full, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The fact exists with seq >= this one: the upsert's insert collides on _id. Already applied.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Replaces the whole fact unless it already saw {@code seq}. */
    void guardedReplace(Kind kind, String key, long seq, Document document) {
        document.put("_id", key);
        document.put("seq", seq);
        Batch current = batch.get();
        if (current != null) {
            current.add(kind, new ReplaceOneModel<>(guard(key, seq), document,
                    new ReplaceOptions().upsert(true)));
            return;
        }
        try {
            collection(kind).replaceOne(guard(key, seq), document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    Document find(Kind kind, String key) {
        Batch current = batch.get();
        if (current != null) {
            current.flush();
        }
        return collection(kind).find(eq("_id", key)).first();
    }

    /** Every fact of a kind in a district. */
    public List<Document> all(Kind kind, String districtId) {
        return collection(kind).find(Filters.eq("districtId", districtId)).into(new ArrayList<>());
    }

    /** Whether any fact of the district is known (a district id unknown to the reports is a bad filter). */
    public boolean knowsDistrict(String districtId) {
        return collection(Kind.UNITS).find(Filters.eq("districtId", districtId)).first() != null;
    }

    public void drop() {
        for (Kind kind : Kind.values()) {
            collection(kind).drop();
        }
    }

    /** Pending guarded writes per collection, in the order the events asked for them. */
    private final class Batch {
        private final Map<Kind, List<WriteModel<Document>>> writes = new EnumMap<>(Kind.class);

        void add(Kind kind, WriteModel<Document> write) {
            writes.computeIfAbsent(kind, k -> new ArrayList<>()).add(write);
        }

        void flush() {
            writes.forEach((kind, models) -> {
                int from = 0;
                while (from < models.size()) {
                    try {
                        collection(kind).bulkWrite(models.subList(from, models.size()),
                                new BulkWriteOptions().ordered(true));
                        from = models.size();
                    } catch (MongoBulkWriteException e) {
                        // Ordered: the first error stopped the rest. A duplicate key is a guard saying "already
                        // applied"; skip that write and go on with the next. Anything else is a real failure.
                        BulkWriteError first = e.getWriteErrors().get(0);
                        if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            throw e;
                        }
                        from += first.getIndex() + 1;
                    }
                }
            });
            writes.clear();
        }
    }

    /** Documents of every kind, for comparisons in tests and checks. */
    public List<Document> dump(Kind kind) {
        return collection(kind).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
