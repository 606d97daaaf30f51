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
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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

    public enum Kind { UNITS, GRIDS, REQUESTS, VOLUNTEERS, TEAMS, CREDITS, HONOURS, ACTIVITIES, PAIRINGS, MATCHES }

    private final MongoDatabase database;
    private final int version;
    /** Writes of the batch the current thread is applying, if any (see {@link #inBatch}). */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();
    /** Kinds whose {@link #GUARD_INDEX} this instance has ensured. */
    private final Set<Kind> guardIndexed = ConcurrentHashMap.newKeySet();
    /** Kinds whose read indexes this instance has ensured ({@link #ensureReadIndexes}). */
    private final Set<Kind> readIndexed = ConcurrentHashMap.newKeySet();

    /** Tests put another writer here, between a batch's read of the sequences and its write. */
    volatile Runnable betweenReadAndWrite = () -> { };

    static final String GUARD_INDEX = "guard";
    /** The time each kind is counted by in reports (a request in the period it was submitted in, …). */
    public static final Map<Kind, String> DATED = Map.of(Kind.REQUESTS, "submittedAt", Kind.CREDITS, "servedTo",
            Kind.HONOURS, "grantedAt", Kind.ACTIVITIES, "startsAt");
    private static final int KEYS_PER_READ = 1000;

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
     * Runs {@code work} collecting its writes, then sends them per collection as one read of the facts' sequences and
     * one ordered bulk write (see {@link Batch}): a batch of events costs a few round trips instead of one per event.
     * Reads ({@link #find}) flush first, so they see the batch's earlier writes.
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
        ensureReadIndexes(kind);
        Batch current = batch.get();
        if (current != null) {
            current.add(kind, key, seq, casOrGuard -> new UpdateOneModel<>(casOrGuard, full,
                    new UpdateOptions().upsert(true)));
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
        ensureReadIndexes(kind);
        Batch current = batch.get();
        if (current != null) {
            current.add(kind, key, seq, casOrGuard -> new ReplaceOneModel<>(casOrGuard, document,
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
        return all(kind, districtId, Map.of());
    }

    /** The facts of a kind in a district whose fields equal {@code equalities} (a report's filters), read as one. */
    public List<Document> all(Kind kind, String districtId, Map<String, String> equalities) {
        Document filter = new Document("districtId", districtId);
        filter.putAll(equalities);
        return collection(kind).find(filter).into(new ArrayList<>());
    }

    /**
     * The facts of a kind in a district whose {@code field} (a time) lies in {@code [from, until)}: what a report of
     * a range reads of the kinds it counts by date, instead of the district's whole history.
     */
    public List<Document> between(Kind kind, String districtId, String field, Instant from, Instant until) {
        return between(kind, districtId, field, from, until, Map.of());
    }

    /**
     * The same, narrowed in the query to the facts whose fields equal {@code equalities} (a report's filters: the
     * server leaves the others out, instead of the service reading and dropping them). One plain filter document, not
     * {@code $and}, which the MongoDB-wire stand-in serves from no index (ADR 0026).
     */
    public List<Document> between(Kind kind, String districtId, String field, Instant from, Instant until,
                                  Map<String, String> equalities) {
        Document filter = new Document("districtId", districtId)
                .append(field, new Document("$gte", Date.from(from)).append("$lt", Date.from(until)));
        filter.putAll(equalities);
        return collection(kind).find(filter).into(new ArrayList<>());
    }

    /** Whether any fact of the district is known (a district id unknown to the reports is a bad filter). */
    public boolean knowsDistrict(String districtId) {
        return collection(Kind.UNITS).find(Filters.eq("districtId", districtId)).first() != null;
    }

    public void drop() {
        guardIndexed.clear();
        readIndexed.clear();
        for (Kind kind : Kind.values()) {
            collection(kind).drop();
        }
    }

    /**
     * Pending guarded writes per collection, in the order the events asked for them. Flushed as: one read of the
     * current {@code seq} of every fact the batch touches ({@code _id $in}), what is already applied dropped in
     * memory, the rest as one ordered bulk write whose filters are compare-and-set on the {@code seq} just read
     * ({@code {_id, seq: seen}}, served by the {@link #GUARD_INDEX}). A compare-and-set that misses (another writer
     * moved the fact in between) fails with a duplicate key; that one write is then redone with the plain guard
     * {@code {_id, seq: {$lt: s}}}, so the outcome is exactly the guard's whatever the interleaving.
     */
    private final class Batch {
        private final Map<Kind, List<Pending>> writes = new EnumMap<>(Kind.class);

        void add(Kind kind, String key, long seq, Function<Bson, WriteModel<Document>> write) {
            writes.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Pending(key, seq, write));
        }

        void flush() {
            writes.forEach(this::flush);
            writes.clear();
        }

        private void flush(Kind kind, List<Pending> pending) {
            MongoCollection<Document> collection = collection(kind);
            ensureGuardIndex(kind, collection);
            ensureReadIndexes(kind);
            Map<String, Long> seen = seqs(collection, pending);
            betweenReadAndWrite.run();
            List<Pending> toWrite = new ArrayList<>(pending.size());
            List<WriteModel<Document>> models = new ArrayList<>(pending.size());
            for (Pending write : pending) {
                Long last = seen.get(write.key());
                if (last != null && last >= write.seq()) {
                    continue; // already applied: what the guard would have refused
                }
                toWrite.add(write);
                models.add(write.model().apply(new Document("_id", write.key()).append("seq", last)));
                seen.put(write.key(), write.seq());
            }
            int from = 0;
            while (from < models.size()) {
                try {
                    collection.bulkWrite(models.subList(from, models.size()), new BulkWriteOptions().ordered(true));
                    from = models.size();
                } catch (MongoBulkWriteException e) {
                    // Ordered: the first error stopped the rest. A duplicate key is a compare-and-set that missed;
                    // redo that write with the plain guard and go on. Anything else is a real failure.
                    BulkWriteError first = e.getWriteErrors().get(0);
                    if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    int missed = from + first.getIndex();
                    Pending write = toWrite.get(missed);
                    guardedOne(collection, write.model().apply(guard(write.key(), write.seq())));
                    from = missed + 1;
                }
            }
        }

        /** The current {@code seq} of each fact the writes touch; absent facts are missing from the map. */
        private Map<String, Long> seqs(MongoCollection<Document> collection, List<Pending> pending) {
            List<String> keys = pending.stream().map(Pending::key).distinct().toList();
            Map<String, Long> seen = new HashMap<>(keys.size() * 2);
            for (int from = 0; from < keys.size(); from += KEYS_PER_READ) {
                collection.find(Filters.in("_id", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_READ))))
                        .projection(Projections.include("seq"))
                        .forEach(fact -> seen.put(fact.getString("_id"), fact.get("seq", Number.class).longValue()));
            }
            return seen;
        }
    }

    private record Pending(String key, long seq, Function<Bson, WriteModel<Document>> model) {
    }

    /** One write with the plain guard; a duplicate key means "already applied". */
    private static void guardedOne(MongoCollection<Document> collection, WriteModel<Document> model) {
        try {
            collection.bulkWrite(List.of(model));
        } catch (MongoBulkWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getWriteErrors().get(0).getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * A unique index on {@code {_id, seq}} (unique anyway, as {@code _id} is): it lets the compare-and-set filter
     * {@code {_id, seq: seen}} be answered from an index by the MongoDB stand-in, which only uses an index whose
     * fields are exactly the query's and otherwise scans the collection (a scan per event made a rebuild quadratic).
     * A real server would use the {@code _id} index either way.
     */
    private void ensureGuardIndex(Kind kind, MongoCollection<Document> collection) {
        if (guardIndexed.add(kind)) {
            collection.createIndex(Indexes.ascending("_id", "seq"),
                    new IndexOptions().unique(true).name(GUARD_INDEX));
        }
    }

    /**
     * The fields reports read by: the district on every kind, and the district with the time a kind is counted by
     * ({@link #DATED}). MongoDB (and the stand-in, ADR 0034) answers {@link #all} and {@link #between} from them
     * instead of scanning every district's facts. Ensured
     * by the writers, never by a read: a report changes nothing in the store, not even its indexes.
     */
    private void ensureReadIndexes(Kind kind) {
        if (readIndexed.add(kind)) {
            MongoCollection<Document> collection = collection(kind);
            collection.createIndex(Indexes.ascending("districtId"), new IndexOptions().name("district"));
            String dated = DATED.get(kind);
            if (dated != null) {
                collection.createIndex(Indexes.ascending("districtId", dated), new IndexOptions().name("district-" + dated));
            }
        }
    }

    /** Documents of every kind, for comparisons in tests and checks. */
    public List<Document> dump(Kind kind) {
        return collection(kind).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
