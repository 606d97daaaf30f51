package cloud.practice.support.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.TransactionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * An Axon event storage engine on MongoDB that orders events by a <b>gap-aware global sequence</b> instead of client
 * timestamps (ADR 0001).
 *
 * <p>Each append reserves a contiguous block of global indexes from a counter document ({@code $inc}, atomic on
 * every MongoDB-wire server; appends waiting at the same time share one increment, {@link IndexReservations}), then
 * inserts one document per event with {@code _id} = its global index. Concurrent
 * writers therefore interleave indexes, and an index whose insert is still in flight (or failed) shows up to readers
 * as a <em>gap</em>. Readers track gaps in a {@link GapAwareTrackingToken} and look for them again on every fetch,
 * so a slow insert is picked up when it lands. A gap is given up only when an event with a higher index was stored
 * longer than {@code gapTimeout} ago; appends refuse to insert (or to commit their transaction) after
 * {@code appendBudget}, so with
 * {@code appendBudget + clock skew < gapTimeout} no event that was acknowledged is ever skipped.
 *
 * <p>Every read uses equality or {@code $in} on a unique key ({@code _id} for tracking, {@code aggregateKey} for an
 * aggregate's stream), which is all that mongo-java-server can answer from an index, and is optimal on MongoDB.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    static final String EVENTS = "domain_events";
    static final String SNAPSHOTS = "snapshot_events";
    static final String SEQUENCES = "event_sequences";
    static final String COUNTER_ID = "global";

    static final String AGGREGATE_KEY = "aggregateKey";
    static final String AGGREGATE_ID = "aggregateIdentifier";
    static final String SEQUENCE = "sequenceNumber";
    static final String TYPE = "type";
    static final String EVENT_ID = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String STORED_AT = "storedAt";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String LAST = "last";

    private final MongoClient client;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> sequences;
    /** Appends waiting at the same time share one counter increment. */
    private final IndexReservations reservations = new IndexReservations(this::addToCounter);
    /** The highest global index this engine knows to be reserved: by its own appends or its last look at the counter. */
    private final AtomicLong knownReserved = new AtomicLong();
    private final EventStoreSettings settings;
    private final Clock clock;
    /** When a caught-up reader may next ask the counter: stretched while the store is quiet (ADR 0033). */
    private final CounterLooks counterLooks;
    /**
     * Whether this store may hold snapshots: null until asked once, then true as soon as one exists or this engine
     * stores one. While false, loading an aggregate skips the snapshot read — one store operation per command in
     * every service whose aggregates take no snapshots (issue 24). Safe with several instances: a snapshot another
     * instance stores meanwhile is only an optimisation, and the full stream it summarises is still read.
     */
    private volatile Boolean mayHoldSnapshots;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.client = builder.client;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.counterLooks = new CounterLooks(settings.fetchDelay(), settings.idleFetchDelay(), clock);
        MongoDatabase database = builder.database;
        this.events = database.getCollection(EVENTS);
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.sequences = database.getCollection(SEQUENCES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the indexes the engine relies on; idempotent. The unique aggregate key closes append races. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(AGGREGATE_KEY), new IndexOptions().unique(true).name("aggregate_key"));
        // Serves createTokenAt on MongoDB (mongo-java-server ignores non-unique indexes).
        events.createIndex(Indexes.ascending(AGGREGATE_ID, SEQUENCE), new IndexOptions().name("aggregate_sequence"));
        events.createIndex(Indexes.ascending(STORED_AT), new IndexOptions().name("stored_at"));
    }

    // ---------------------------------------------------------------------------------------------- write side

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        long last = reserveIndexes(messages.size());
        Instant reservedAt = clock.instant();
        long index = last - messages.size() + 1;
        List<Document> documents = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            documents.add(toDocument(asDomainEventMessage(message), serializer, index++, reservedAt));
        }
        beforeInsert(documents);
        Duration elapsed = Duration.between(reservedAt, clock.instant());
        if (elapsed.compareTo(settings.appendBudget()) > 0) {
            throw overBudget(elapsed, "inserting");
        }
        if (settings.transactions() && documents.size() > 1) {
            insertInOneTransaction(documents, settings.appendBudget().minus(elapsed), reservedAt, messages.get(0));
            return;
        }
        try {
            events.insertMany(documents);
        } catch (RuntimeException e) {
            handlePersistenceException(e, messages.get(0));
        }
    }

    /**
     * One transaction, committed at most once and only within the append budget. {@code withTransaction} would retry
     * a transient error or an unknown commit result for up to 120 s, landing events long after readers gave up on
     * their indexes; here any failure fails the append. The commit is sent only within the budget, as the plain
     * path's insert is, and the wait for its acknowledgement is bounded by what was left of the budget when the
     * transaction began. After an unknown commit result the events may be stored although the append failed, as
     * after a plain insert whose reply was lost.
     */
    private void insertInOneTransaction(List<Document> documents, Duration leftOfBudget, Instant reservedAt,
                                        EventMessage<?> first) {
        try (ClientSession session = client.startSession()) {
            session.startTransaction(TransactionOptions.builder()
                    .maxCommitTime(Math.max(1, leftOfBudget.toMillis()), TimeUnit.MILLISECONDS).build());
            try {
                events.insertMany(session, documents);
            } catch (RuntimeException e) {
                session.abortTransaction();
                handlePersistenceException(e, first); // always throws; a duplicate key as ConcurrencyException
            }
            Duration elapsed = Duration.between(reservedAt, clock.instant());
            if (elapsed.compareTo(settings.appendBudget()) > 0) {
                session.abortTransaction();
                throw overBudget(elapsed, "committing");
            }
            try {
                session.commitTransaction();
            } catch (RuntimeException e) {
                log.warn("Commit of global indexes {} to {} failed and is not retried; its events may be stored: {}",
                        documents.get(0).get("_id"), documents.get(documents.size() - 1).get("_id"), e.toString());
                handlePersistenceException(e, first);
            }
        }
    }

    /** Readers may give up on reserved indexes after gapTimeout; refusing keeps "acknowledged" and "readable" equal. */
    private EventStoreException overBudget(Duration elapsed, String step) {
        return new EventStoreException("Append took " + elapsed.toMillis() + " ms between reserving its global "
                + "index and " + step + " (budget " + settings.appendBudget().toMillis() + " ms); not stored");
    }

    /** A hook for tests that need to hold an append between reserving and inserting. */
    protected void beforeInsert(List<Document> documents) {
    }

    private long reserveIndexes(int count) {
        long last = reservations.reserve(count);
        knownReserved.accumulateAndGet(last, Math::max);
        return last;
    }

    private long addToCounter(long count) {
        Document counter = sequences.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc(LAST, count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get(LAST)).longValue();
    }

    private Document toDocument(DomainEventMessage<?> event, Serializer serializer, long globalIndex, Instant storedAt) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("_id", globalIndex)
                .append(AGGREGATE_KEY, aggregateKey(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append(AGGREGATE_ID, event.getAggregateIdentifier())
                .append(SEQUENCE, event.getSequenceNumber())
                .append(TYPE, event.getType())
                .append(EVENT_ID, event.getIdentifier())
                .append(TIMESTAMP, DateTimeUtils.formatInstant(event.getTimestamp()))
                .append(STORED_AT, Date.from(storedAt))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot, serializer, 0, clock.instant());
        document.put("_id", snapshot.getAggregateIdentifier());
        mayHoldSnapshots = true;
        try {
            snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                    new ReplaceOptions().upsert(true));
        } catch (RuntimeException e) {
            handlePersistenceException(e, snapshot);
        }
    }

    // ----------------------------------------------------------------------------------------------- read side

    /** The first probe of an aggregate load; most aggregates (a request: 10–15 events) fit in it. */
    static final int FIRST_AGGREGATE_PROBE = 16;

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        // An aggregate's sequence numbers are dense, so the next batch is a set of known unique keys. Ask for them in
        // growing probes (16, 64, 256, …) rather than all batchSize at once: every key is an index lookup, and an
        // aggregate of 12 events should not cost 500. A probe that comes back short is the end of the aggregate.
        List<GenericDomainEventEntry<String>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        int probe = FIRST_AGGREGATE_PROBE;
        while (result.size() < batchSize) {
            int size = Math.min(probe, batchSize - result.size());
            List<String> keys = new ArrayList<>(size);
            for (long sequence = next; sequence < next + size; sequence++) {
                keys.add(aggregateKey(aggregateIdentifier, sequence));
            }
            int found = 0;
            for (Document document : events.find(in(AGGREGATE_KEY, keys))) {
                result.add(toEntry(document));
                found++;
            }
            if (found < size) {
                break;
            }
            next += size;
            probe *= 4;
        }
        result.sort(Comparator.comparingLong(GenericDomainEventEntry::getSequenceNumber));
        return result;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = forgetExpiredGaps(start(lastToken));
        SortedSet<Long> wanted = new TreeSet<>(token.getGaps());
        // Nothing above the last reserved index can exist yet: asking for it would be batchSize index lookups per
        // poll for nothing (an idle processor polls every fetch-delay). The counter bounds the probe — but a reader
        // behind what this engine already knows to be reserved (its own appends, its last look at the counter) is
        // bounded by that and needs no look (one round trip less per fetch under load, issue 24); a reader that
        // has caught up with it, or whose probe finds nothing new, asks the counter whether others appended since —
        // when its look is due: a quiet store is looked at less and less often, up to idle-fetch-delay (ADR 0033).
        long known = knownReserved.get();
        boolean caughtUp = known <= token.getIndex();
        long reserved = caughtUp && counterLooks.due() ? lookAtCounter(known) : known;
        long newest = Math.min(token.getIndex() + batchSize, reserved);
        for (long index = token.getIndex() + 1; index <= newest; index++) {
            wanted.add(index);
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, Document> found = eventsAt(wanted);
        if (!caughtUp && found.tailMap(token.getIndex(), false).isEmpty()) {
            long fresh = lastReservedIndex();
            if (fresh > reserved) {
                // Every read must be bounded by a look taken before it: an append in flight during the read above
                // may have landed since, and a later append of the same aggregate been reserved after it. Reading
                // only above the window now could deliver that later event first and the earlier one after it, as
                // a filled gap — so the window is read again, with the later ones, under the fresh bound.
                reserved = fresh;
                found = eventsAt(wanted);
            }
        }
        // A failed append leaves the indexes it reserved unwritten for good. A whole window of them with later
        // indexes reserved must not stop the reader there (it would look at the same window forever): look at the
        // next windows until an event turns up; the indexes passed over become gaps like any other, awaited until
        // they settle (forgetExpiredGaps), so an append still in flight is not lost.
        while (found.tailMap(token.getIndex(), false).isEmpty() && newest < reserved) {
            long from = newest + 1;
            newest = Math.min(newest + batchSize, reserved);
            List<Long> window = new ArrayList<>();
            for (long index = from; index <= newest; index++) {
                window.add(index);
            }
            found.putAll(eventsAt(window));
        }
        List<TrackedEventData<?>> result = new ArrayList<>(found.size());
        GapAwareTrackingToken position = token;
        for (Map.Entry<Long, Document> entry : found.entrySet()) {
            position = position.advanceTo(entry.getKey(), settings.maxGapOffset());
            result.add(new TrackedDomainEventData<>(position, toEntry(entry.getValue())));
        }
        return result;
    }

    private TreeMap<Long, Document> eventsAt(Collection<Long> indexes) {
        TreeMap<Long, Document> found = new TreeMap<>();
        for (Document document : events.find(in("_id", indexes))) {
            found.put(document.getLong("_id"), document);
        }
        return found;
    }

    private static GapAwareTrackingToken start(TrackingToken lastToken) {
        if (lastToken == null) {
            return GapAwareTrackingToken.newInstance(0, List.of()); // global indexes start at 1
        }
        if (lastToken instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Unsupported token " + lastToken + "; this store uses gap-aware tokens");
    }

    /**
     * Drops the gaps that can no longer fill: those below an event stored more than {@code gapTimeout} ago. Such an
     * event reserved its index after the gap's, and appends give up after {@code appendBudget} &lt; gapTimeout.
     */
    private GapAwareTrackingToken forgetExpiredGaps(GapAwareTrackingToken token) {
        if (!token.hasGaps()) {
            return token;
        }
        SortedSet<Long> gaps = token.getGaps();
        SortedSet<Long> probes = new TreeSet<>();
        gaps.forEach(gap -> probes.add(gap + 1));
        probes.removeAll(gaps);
        probes.add(token.getIndex());
        Date deadline = Date.from(clock.instant().minus(settings.gapTimeout()));
        long oldestSettled = Long.MIN_VALUE;
        for (Document document : events.find(in("_id", probes))) {
            if (document.getDate(STORED_AT).before(deadline)) {
                oldestSettled = Math.max(oldestSettled, document.getLong("_id"));
            }
        }
        if (oldestSettled == Long.MIN_VALUE || oldestSettled <= gaps.first()) {
            return token;
        }
        SortedSet<Long> abandoned = gaps.headSet(oldestSettled);
        log.warn("Giving up on {} global index(es) {} never written within {}: failed or abandoned appends",
                abandoned.size(), abandoned, settings.gapTimeout());
        return token.withGapsTruncatedAt(oldestSettled);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (mayHoldSnapshots == null) {
            mayHoldSnapshots = snapshots.find().limit(1).first() != null;
        }
        if (!mayHoldSnapshots) {
            return Stream.empty();
        }
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toEntry(snapshot));
    }

    /**
     * An aggregate's sequence numbers are dense from 0, so its last one is found on the unique aggregate key: growing
     * probes (16, 64, 256, …) of keys, only the sequence read back; the probe that comes back short holds the last.
     * A sort on the aggregate id would be a scan of every event on mongo-java-server, which ignores non-unique
     * indexes — 40,000 documents per call for 5,000 requests, on the live queue's path for every change.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        long next = 0;
        long last = -1;
        int probe = FIRST_AGGREGATE_PROBE;
        while (true) {
            List<String> keys = new ArrayList<>(probe);
            for (long sequence = next; sequence < next + probe; sequence++) {
                keys.add(aggregateKey(aggregateIdentifier, sequence));
            }
            int found = 0;
            for (Document document : events.find(in(AGGREGATE_KEY, keys)).projection(Projections.include(SEQUENCE))) {
                last = Math.max(last, ((Number) document.get(SEQUENCE)).longValue());
                found++;
            }
            if (found < probe) {
                return last < 0 ? Optional.empty() : Optional.of(last);
            }
            next += probe;
            probe *= 4;
        }
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(lastReservedIndex(), List.of());
    }

    /** The counter's last index, and so when to look next: soon if others appended since {@code known}, else later. */
    private long lookAtCounter(long known) {
        long last = lastReservedIndex();
        counterLooks.looked(last > known);
        return last;
    }

    /** The highest global index reserved so far (0 before the first append). */
    private long lastReservedIndex() {
        Document counter = sequences.find(eq("_id", COUNTER_ID)).first();
        long last = counter == null ? 0 : ((Number) counter.get(LAST)).longValue();
        knownReserved.accumulateAndGet(last, Math::max);
        return last;
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Bson after = gte(STORED_AT, Date.from(dateTime));
        Document first = events.find(after).sort(Sorts.ascending("_id")).limit(1).first();
        return first == null ? createHeadToken()
                : GapAwareTrackingToken.newInstance(first.getLong("_id") - 1, List.of());
    }

    private static GenericDomainEventEntry<String> toEntry(Document document) {
        return new GenericDomainEventEntry<>(document.getString(TYPE), document.getString(AGGREGATE_ID),
                ((Number) document.get(SEQUENCE)).longValue(), document.getString(EVENT_ID),
                document.getString(TIMESTAMP), document.getString(PAYLOAD_TYPE), document.getString(PAYLOAD_REVISION),
                document.getString(PAYLOAD), document.getString(META_DATA));
    }

    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    /** Duplicate keys on the aggregate key are concurrent appends to one aggregate: Axon's ConcurrencyException. */
    static boolean isDuplicateKey(Exception exception) {
        Throwable cause = exception;
        while (cause != null) {
            if (cause instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoClient client;
        private MongoDatabase database;
        private EventStoreSettings settings = EventStoreSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();

        public Builder() {
            persistenceExceptionResolver(MongoEventStorageEngine::isDuplicateKey);
        }

        public Builder mongo(MongoClient client, MongoDatabase database) {
            this.client = client;
            this.database = database;
            return this;
        }

        public Builder settings(EventStoreSettings settings) {
            this.settings = settings;
            batchSize(settings.batchSize());
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (client == null || database == null) {
                throw new org.axonframework.common.AxonConfigurationException("a MongoClient and database are required");
            }
            if (settings.appendBudget().compareTo(settings.gapTimeout()) >= 0) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "appendBudget must be shorter than gapTimeout, or a slow append could be skipped");
            }
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }
    }
}
