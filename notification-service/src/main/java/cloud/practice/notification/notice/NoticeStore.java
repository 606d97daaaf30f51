package cloud.practice.notification.notice;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.notification.NoticeDelivered;
import cloud.practice.events.notification.NoticeRaised;
import cloud.practice.events.notification.NoticeRead;
import cloud.practice.notification.delivery.Channel;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;

/**
 * Every notice, one document each, with its deliveries (ADR 0023). The id is derived from the cause, so {@link #raise}
 * of a notice that exists changes nothing: a redelivered or replayed event raises no second notice. Deliveries are
 * worked under a lease ({@link #claim}) so two replicas never send the same one at once. Each holder's lease has an
 * id of its own, and only a write naming it is done: a holder whose lease lapsed and was taken over (a stalled
 * worker, a slow receipt) can neither undo its successor's write nor free its successor's lease — its write is
 * dropped, and the next holder works the deliveries again.
 *
 * <p>Each notice is also the outbox of its published events ({@code NoticeRaised}, {@code NoticeDelivered},
 * {@code NoticeRead}): the update that changes it appends the event to its {@code outbox} in the same write, so no
 * change is without its event; the relay publishes them and removes what Kafka acknowledged ({@link #published}).
 * An entry holds only what the notice does not (when, and a delivery's channel, outcome and attempts); the payload is
 * made of the notice's ids when it is published. Its sequence is not stored either: {@code eventCount} counts every
 * event the notice ever appended, entries leave only from the front of the outbox, so the entry at place {@code i}
 * is event {@code eventCount - outbox.length + i} however often it is read — which lets read-all append the same
 * entry to many notices in one {@code updateMany} (the MongoDB-wire stand-in of the tests has no update pipelines).
 *
 * <p>Providers' receipts ({@link #receipt}) find a sent delivery by the id the provider knows it by: the SMS reference
 * names its notice; a WeChat msgid is looked up in {@code wechat_messages} ({@link #rememberWeChatMessage}), kept
 * for {@link #MESSAGES_KEPT} — an {@code _id} lookup, never a scan of the notices.
 */
@Component
public class NoticeStore {

    private static final Logger log = LoggerFactory.getLogger(NoticeStore.class);
    static final String COLLECTION = "notices";
    static final String OUTBOX = "outbox";
    static final String EVENT_COUNT = "eventCount";
    /** Set while the outbox may hold events: what the relay looks for, through a sparse index. */
    static final String PENDING_EVENTS = "pendingEvents";
    static final String MESSAGES = "wechat_messages";
    /** How long a sent WeChat message can be matched to its receipt: WeChat pushes within seconds, or not at all. */
    static final Duration MESSAGES_KEPT = Duration.ofDays(7);
    /** A receipt holds the notice for its one write, like a worker; this only bounds a crash in between. */
    private static final Duration RECEIPT_LEASE = Duration.ofSeconds(30);
    /** An operator's redelivery holds the notice for its one write too. */
    private static final Duration REDELIVERY_LEASE = Duration.ofSeconds(30);
    /** Whose the {@code lease} is: a random id per holder, which its writes must name. */
    static final String LEASE_ID = "leaseId";

    private final MongoCollection<Document> notices;
    private final MongoCollection<Document> messages;

    public NoticeStore(MongoTemplate mongo) {
        this.notices = mongo.getDb().getCollection(COLLECTION);
        notices.createIndex(Indexes.compoundIndex(Indexes.ascending("districtId", "recipient"),
                Indexes.descending("createdAt")));
        notices.createIndex(Indexes.ascending("due"), new IndexOptions().sparse(true));
        notices.createIndex(Indexes.ascending("districtId", "deliveries.state"));
        notices.createIndex(Indexes.ascending("createdAt"));
        notices.createIndex(Indexes.ascending(PENDING_EVENTS), new IndexOptions().sparse(true));
        this.messages = mongo.getDb().getCollection(MESSAGES);
        // MongoDB forgets them after a week (the stand-in of the tests keeps TTL indexes without enforcing them, so an
        // expired one is also treated as absent when read).
        messages.createIndex(Indexes.ascending("at"), new IndexOptions().name("expire_after_a_week")
                .expireAfter(MESSAGES_KEPT.toSeconds(), TimeUnit.SECONDS));
    }

    /** A stored notice as the service reads it back. */
    public record Stored(Notice notice, Instant createdAt, Instant readAt, List<Delivery> deliveries) {
    }

    /** A notice's deliveries as its lease took them, and that lease's id: what {@link #saveDeliveries} names. */
    public record Claimed(Stored stored, String leaseId) {
    }

    /** A notice's events waiting to be published, oldest first; none when only its flag was left behind. */
    public record Outbox(String noticeId, List<OutboxEvent> events) {
    }

    /**
     * @param key      what {@link #published} removes it by
     * @param sequence the notice's sequence number of the event, from 0, the same every time it is read
     */
    public record OutboxEvent(String key, long sequence, Instant at, DomainEvent payload) {

        /** Unique per event and the same when it is sent again: the CloudEvents id. */
        public String eventId(String noticeId) {
            return noticeId + ":" + sequence;
        }
    }

    /** What a provider's receipt did to the delivery it names. */
    public enum Receipted {
        /** The sent delivery is delivered, or dead as undelivered, with its event. */
        APPLIED,
        /**
         * The delivery is not sent (delivered or dead already, or pending — unless the receipt names the reference
         * of a send whose answer was lost): nothing changed.
         */
        UNCHANGED,
        /** No such notice (erased, or another district's), or no delivery of it by that id. */
        UNKNOWN,
        /** A worker holds the notice right now: nothing changed; try again in a moment. */
        BUSY
    }

    /** Where a sent WeChat message went, for its receipt. */
    public record SentMessage(String districtId, String noticeId, String accountId) {
    }

    /** @return false when the notice was raised before (nothing changed) */
    public boolean raise(Notice notice, List<Delivery> deliveries, Instant now) {
        Document document = new Document("_id", notice.id())
                .append("districtId", notice.districtId())
                .append("recipient", notice.recipient().key())
                .append("kind", notice.kind().id())
                .append("cause", notice.cause())
                .append("title", notice.title())
                .append("body", notice.body())
                .append("link", notice.link())
                .append("at", Date.from(notice.at()))
                .append("fields", new Document(new LinkedHashMap<>(notice.fields())))
                .append("createdAt", Date.from(now))
                .append("readAt", null)
                .append("deliveries", deliveries.stream().map(NoticeStore::toDocument).toList())
                .append(EVENT_COUNT, 1)
                .append(OUTBOX, List.of(entry(NoticeRaised.class, now)))
                .append(PENDING_EVENTS, true);
        dueOf(deliveries).ifPresent(due -> document.append("due", Date.from(due)));
        try {
            notices.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Stored> find(String districtId, String id) {
        return Optional.ofNullable(notices.find(and(eq("_id", id), eq("districtId", districtId))).first())
                .map(NoticeStore::fromDocument);
    }

    /** The newest first. */
    public List<Stored> inbox(String districtId, Collection<String> recipients, boolean unreadOnly, int page,
                              int size) {
        return notices.find(inboxFilter(districtId, recipients, unreadOnly)).sort(Sorts.descending("createdAt"))
                .skip(page * size).limit(size).map(NoticeStore::fromDocument).into(new ArrayList<>());
    }

    public long count(String districtId, Collection<String> recipients, boolean unreadOnly) {
        return notices.countDocuments(inboxFilter(districtId, recipients, unreadOnly));
    }

    /** @return whether the notice was unread and is read now */
    public boolean markRead(String districtId, String id, Collection<String> recipients, Instant at) {
        return notices.updateOne(and(eq("_id", id), eq("districtId", districtId), in("recipient", recipients),
                eq("readAt", null)), read(at)).getModifiedCount() == 1;
    }

    /** One update for them all: each notice gets the same outbox entry, its own sequence follows from its count. */
    public long markAllRead(String districtId, Collection<String> recipients, Instant at) {
        return notices.updateMany(inboxFilter(districtId, recipients, true), read(at)).getModifiedCount();
    }

    private static Bson read(Instant at) {
        return Updates.combine(Updates.set("readAt", Date.from(at)), appending(List.of(entry(NoticeRead.class, at))));
    }

    /** Notices created after {@code after} (the live streams' look at what other replicas wrote), oldest first. */
    public List<Stored> createdAfter(Instant after, Collection<String> districtIds, int limit) {
        return notices.find(and(gt("createdAt", Date.from(after)), in("districtId", districtIds)))
                .sort(Sorts.ascending("createdAt")).limit(limit).map(NoticeStore::fromDocument)
                .into(new ArrayList<>());
    }

    /** Ids of notices with a delivery due by {@code now} and no live lease. */
    public List<String> due(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        notices.find(and(lte("due", Date.from(now)), or(eq("lease", null), lt("lease", Date.from(now)))))
                .sort(Sorts.ascending("due")).limit(limit).projection(new Document("_id", 1))
                .forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** Takes the notice's deliveries for this worker until {@code until}, if they are still due and free. */
    public Optional<Claimed> claim(String id, Instant now, Instant until) {
        String leaseId = newLeaseId();
        return lease(and(eq("_id", id), lte("due", Date.from(now))), leaseId, now, until)
                .map(claimed -> new Claimed(fromDocument(claimed), leaseId));
    }

    /** Takes the notice the filter finds for holder {@code leaseId} until {@code until}, if no live lease has it. */
    private Optional<Document> lease(Bson filter, String leaseId, Instant now, Instant until) {
        return Optional.ofNullable(notices.findOneAndUpdate(
                and(filter, or(eq("lease", null), lt("lease", Date.from(now)))),
                Updates.combine(Updates.set("lease", Date.from(until)), Updates.set(LEASE_ID, leaseId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    private static String newLeaseId() {
        return UUID.randomUUID().toString();
    }

    /** Lets the lease go without a change, if it is still this holder's (a successor's lease stays). */
    private void release(String id, String leaseId) {
        if (notices.updateOne(and(eq("_id", id), eq(LEASE_ID, leaseId)), unleased()).getMatchedCount() == 0) {
            log.warn("notice {}: its lease lapsed and was taken over (or the notice was erased) before it was let go",
                    id);
        }
    }

    private static Bson unleased() {
        return Updates.combine(Updates.unset("lease"), Updates.unset(LEASE_ID));
    }

    /**
     * Writes the worked deliveries back and lets the lease go, if the lease {@code leaseId} still holds the notice; a
     * delivery that reached a state worth telling (sent, skipped, dead from pending; delivered or undelivered from
     * sent) appends its {@code NoticeDelivered} in the same update.
     *
     * @param before the deliveries as the lease took them, in the same order as {@code deliveries}
     * @return false when the lease lapsed and was taken over, or the notice erased: nothing was written (logged)
     */
    public boolean saveDeliveries(String id, String leaseId, List<Delivery> before, List<Delivery> deliveries) {
        return save(id, leaseId, deliveries, eventsOf(before, deliveries));
    }

    /** The {@code NoticeDelivered} entries of the deliveries' changes from {@code before} to {@code after}. */
    private static List<Document> eventsOf(List<Delivery> before, List<Delivery> after) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("deliveries are worked, never added or removed");
        }
        List<Document> events = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            Delivery changed = after.get(i);
            NoticeEvents.outcomeOf(before.get(i).state(), changed.state()).ifPresent(outcome -> events.add(
                    entry(NoticeDelivered.class, changed.nextAt())
                            .append("channel", changed.channel().id())
                            .append("outcome", outcome)
                            .append("attempts", changed.attempts())));
        }
        return events;
    }

    private boolean save(String id, String leaseId, List<Delivery> deliveries, List<Document> events) {
        Optional<Instant> due = dueOf(deliveries);
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("deliveries", deliveries.stream().map(NoticeStore::toDocument).toList()),
                due.map(at -> Updates.set("due", Date.from(at))).orElse(Updates.unset("due")),
                unleased()));
        if (!events.isEmpty()) {
            updates.add(appending(events));
        }
        if (notices.updateOne(and(eq("_id", id), eq(LEASE_ID, leaseId)), Updates.combine(updates))
                .getMatchedCount() == 0) {
            // The holder was too slow: whoever holds it now works from what is stored, and this write would undo it.
            log.warn("notice {}: its lease lapsed and was taken over (or the notice was erased) before its deliveries "
                    + "were saved; not saved, the next holder works them again", id);
            return false;
        }
        return true;
    }

    /** Notices with events waiting (up to {@code limit}), each with its events in order. */
    public List<Outbox> withUnpublishedEvents(int limit) {
        return notices.find(eq(PENDING_EVENTS, true)).limit(limit).map(NoticeStore::outboxOf)
                .into(new ArrayList<>());
    }

    /**
     * Removes exactly these events from the notice's outbox — Kafka acknowledged them; they must be its oldest, so
     * the sequences of those left stay what they were — and its flag once nothing waits.
     */
    public void published(String noticeId, List<String> keys) {
        // Most often the keys are the whole outbox: then one update empties it and drops the flag. The outbox is
        // exactly these events when it holds as many and the last of them is where it was (events are only appended,
        // and only removed from the front); otherwise another event came meanwhile and the two steps below keep it.
        if (!keys.isEmpty() && notices.updateOne(new Document("_id", noticeId)
                        .append(OUTBOX, new Document("$size", keys.size()))
                        .append(OUTBOX + "." + (keys.size() - 1) + ".key", keys.get(keys.size() - 1)),
                Updates.combine(Updates.set(OUTBOX, List.of()), Updates.unset(PENDING_EVENTS))).getModifiedCount() == 1) {
            return;
        }
        if (!keys.isEmpty()) {
            notices.updateOne(eq("_id", noticeId), Updates.pull(OUTBOX, in("key", keys)));
        }
        // Conditional: an event appended since stays flagged.
        notices.updateOne(and(eq("_id", noticeId), size(OUTBOX, 0)), Updates.unset(PENDING_EVENTS));
    }

    /** Notices of the district with a dead delivery, the newest first. */
    public List<Stored> deadLetters(String districtId, int page, int size) {
        return notices.find(and(eq("districtId", districtId), eq("deliveries.state", Delivery.State.DEAD.name())))
                .sort(Sorts.descending("createdAt")).skip(page * size).limit(size).map(NoticeStore::fromDocument)
                .into(new ArrayList<>());
    }

    public long countDeadLetters(String districtId) {
        return notices.countDocuments(and(eq("districtId", districtId),
                eq("deliveries.state", Delivery.State.DEAD.name())));
    }

    /**
     * Puts the notice's dead deliveries on the channel back in the queue, unless a worker holds it right now.
     *
     * @return how many deliveries were put back, or empty when the notice is leased (try again in a moment)
     */
    public Optional<Integer> redeliver(String districtId, String id, Channel channel, String by, Instant now) {
        Optional<Stored> stored = find(districtId, id);
        if (stored.isEmpty()) {
            return Optional.of(0);
        }
        String leaseId = newLeaseId();
        Optional<Document> leased = lease(eq("_id", id), leaseId, now, now.plus(REDELIVERY_LEASE));
        if (leased.isEmpty()) {
            return Optional.empty();
        }
        Stored current = fromDocument(leased.get());
        int count = 0;
        List<Delivery> deliveries = new ArrayList<>();
        for (Delivery delivery : current.deliveries()) {
            if (delivery.channel() == channel && delivery.state() == Delivery.State.DEAD) {
                deliveries.add(delivery.redelivered(now, by));
                count++;
            } else {
                deliveries.add(delivery);
            }
        }
        return saveDeliveries(id, leaseId, current.deliveries(), deliveries) ? Optional.of(count) : Optional.empty();
    }

    /**
     * A provider's receipt for the notice's delivery on the channel it knows by {@code providerId}: a sent delivery
     * becomes delivered ({@code delivered}) or dead as undelivered, with its event; any other state stays as it is, so
     * a receipt told twice (or late, after an operator's redelivery) changes nothing. The notice is held for the write
     * like a worker holds it, so a worker's save cannot undo the receipt nor the receipt the worker's.
     *
     * <p>An SMS send whose answer was lost (a timeout, a 5xx after the issuer sent it) leaves the delivery pending,
     * to be retried under the same reference, which the issuer answers without sending again, so no second receipt
     * comes. A receipt naming the reference the pending delivery's next send would have ({@link Delivery#reference})
     * is therefore that send's: the delivery is sent and then delivered or undelivered in the one write, with both
     * events.
     *
     * @param word what the provider said (its status, the reason it failed), or null
     * @param at   when the provider says it happened
     */
    public Receipted receipt(String districtId, String noticeId, Channel channel, String providerId,
                             boolean delivered, String word, Instant at, Instant now) {
        String leaseId = newLeaseId();
        Optional<Document> leased = lease(and(eq("_id", noticeId), eq("districtId", districtId)), leaseId, now,
                now.plus(RECEIPT_LEASE));
        if (leased.isEmpty()) {
            return find(districtId, noticeId).isPresent() ? Receipted.BUSY : Receipted.UNKNOWN;
        }
        List<Delivery> before = fromDocument(leased.get()).deliveries();
        List<Delivery> sent = new ArrayList<>(before);
        List<Delivery> after = new ArrayList<>(before);
        Receipted outcome = Receipted.UNKNOWN;
        for (int i = 0; i < before.size(); i++) {
            Delivery delivery = before.get(i);
            if (delivery.channel() != channel) {
                continue;
            }
            if (sentUnanswered(noticeId, delivery, providerId)) {
                Delivery nowSent = delivery.sentUnanswered(now, providerId);
                sent.set(i, nowSent);
                after.set(i, delivered ? nowSent.delivered(at, word) : nowSent.undelivered(at, word));
                outcome = Receipted.APPLIED;
                continue;
            }
            if (!providerId.equals(delivery.providerId())) {
                continue;
            }
            if (delivery.state() != Delivery.State.SENT) {
                outcome = Receipted.UNCHANGED;
                continue;
            }
            after.set(i, delivered ? delivery.delivered(at, word) : delivery.undelivered(at, word));
            outcome = Receipted.APPLIED;
        }
        if (outcome != Receipted.APPLIED) {
            release(noticeId, leaseId);
            return outcome;
        }
        List<Document> events = new ArrayList<>(eventsOf(before, sent));
        events.addAll(eventsOf(sent, after));
        // A lease lost meanwhile: its holder saw the delivery as it was, and the receipt is read again or comes again.
        return save(noticeId, leaseId, after, events) ? Receipted.APPLIED : Receipted.BUSY;
    }

    /**
     * Whether an SMS receipt for {@code reference} is for the pending delivery's send whose answer was lost: the
     * reference is the one its next send would have, to the notice's recipient (a volunteer's account is known only
     * from the reference).
     */
    private static boolean sentUnanswered(String noticeId, Delivery delivery, String reference) {
        if (delivery.channel() != Channel.SMS || delivery.state() != Delivery.State.PENDING) {
            return false;
        }
        String base = reference.replaceFirst(":r\\d{1,6}$", "");
        String prefix = noticeId + ":" + Channel.SMS.id() + ":";
        if (!base.startsWith(prefix) || base.length() == prefix.length()) {
            return false;
        }
        if (delivery.target().type() == Recipient.Type.ACC && !base.equals(prefix + delivery.target().id())) {
            return false;
        }
        return Delivery.reference(base, delivery.providerId()).equals(reference);
    }

    /** A WeChat message was sent for the notice's delivery to the account: its receipt will name only the msgid. */
    public void rememberWeChatMessage(String msgid, Notice notice, String accountId, Instant at) {
        messages.replaceOne(eq("_id", msgid), new Document("_id", msgid)
                .append("districtId", notice.districtId())
                .append("noticeId", notice.id())
                .append("recipient", notice.recipient().key())
                .append("account", Recipient.account(accountId).key())
                .append("at", Date.from(at)), new ReplaceOptions().upsert(true));
        // An erasure deletes the notices, then what matched their messages: if it came between the send and here,
        // the notice is gone, and so must this be (whichever way they interleave, one of the two deletes it).
        if (notices.countDocuments(eq("_id", notice.id())) == 0) {
            messages.deleteOne(eq("_id", msgid));
        }
    }

    /** The sent WeChat message {@code msgid}, if it was sent from here within the last week. */
    public Optional<SentMessage> weChatMessage(String msgid, Instant now) {
        Document message = messages.find(eq("_id", msgid)).first();
        if (message == null || message.getDate("at").toInstant().plus(MESSAGES_KEPT).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(new SentMessage(message.getString("districtId"), message.getString("noticeId"),
                Recipient.parse(message.getString("account")).id()));
    }

    /**
     * Erasure: every notice addressed to these recipients of the district, with its events not yet published, and
     * what was kept to match their WeChat messages' receipts (also of others' notices sent to their account).
     */
    public long deleteFor(String districtId, Collection<String> recipients) {
        // The notices first: a message remembered after this finds its notice gone (rememberWeChatMessage).
        long deleted = notices.deleteMany(and(eq("districtId", districtId), in("recipient", recipients)))
                .getDeletedCount();
        messages.deleteMany(and(eq("districtId", districtId), or(in("recipient", recipients),
                in("account", recipients))));
        return deleted;
    }

    private static Bson inboxFilter(String districtId, Collection<String> recipients, boolean unreadOnly) {
        Bson filter = and(eq("districtId", districtId), in("recipient", recipients));
        return unreadOnly ? and(filter, eq("readAt", null)) : filter;
    }

    private static Optional<Instant> dueOf(List<Delivery> deliveries) {
        return deliveries.stream().filter(d -> d.state() == Delivery.State.PENDING).map(Delivery::nextAt)
                .min(Instant::compareTo);
    }

    /** A new outbox entry; the key only tells entries apart, within one notice. */
    private static Document entry(Class<? extends DomainEvent> type, Instant at) {
        return new Document("key", UUID.randomUUID().toString()).append("type", type.getSimpleName())
                .append("at", Date.from(at));
    }

    private static Bson appending(List<Document> entries) {
        return Updates.combine(Updates.pushEach(OUTBOX, entries), Updates.inc(EVENT_COUNT, entries.size()),
                Updates.set(PENDING_EVENTS, true));
    }

    private static Outbox outboxOf(Document document) {
        Notice notice = fromDocument(document).notice();
        List<Document> entries = document.getList(OUTBOX, Document.class, List.of());
        Object count = document.get(EVENT_COUNT);
        long first = (count instanceof Number number ? number.longValue() : entries.size()) - entries.size();
        List<OutboxEvent> events = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Document entry = entries.get(i);
            Instant at = entry.getDate("at").toInstant();
            events.add(new OutboxEvent(entry.getString("key"), first + i, at, payloadOf(notice, entry, at)));
        }
        return new Outbox(notice.id(), events);
    }

    private static DomainEvent payloadOf(Notice notice, Document entry, Instant at) {
        String type = entry.getString("type");
        if (NoticeRaised.class.getSimpleName().equals(type)) {
            return NoticeEvents.raised(notice, at);
        }
        if (NoticeDelivered.class.getSimpleName().equals(type)) {
            return NoticeEvents.delivered(notice, entry.getString("channel"), entry.getString("outcome"),
                    entry.getInteger("attempts", 0), at);
        }
        if (NoticeRead.class.getSimpleName().equals(type)) {
            return NoticeEvents.read(notice, at);
        }
        throw new IllegalStateException("notice " + notice.id() + " has an outbox entry of unknown type " + type);
    }

    private static Document toDocument(Delivery delivery) {
        return new Document("channel", delivery.channel().id())
                .append("target", delivery.target().key())
                .append("state", delivery.state().name())
                .append("attempts", delivery.attempts())
                .append("nextAt", Date.from(delivery.nextAt()))
                .append("providerId", delivery.providerId())
                .append("log", delivery.log().stream().map(step -> new Document("at", Date.from(step.at()))
                        .append("what", step.what()).append("detail", step.detail())).toList());
    }

    private static Stored fromDocument(Document document) {
        Map<String, String> fields = new LinkedHashMap<>();
        Document storedFields = document.get("fields", Document.class);
        if (storedFields != null) {
            storedFields.forEach((key, value) -> fields.put(key, String.valueOf(value)));
        }
        Notice notice = new Notice(document.getString("_id"), document.getString("districtId"),
                Recipient.parse(document.getString("recipient")),
                NoticeKind.parse(document.getString("kind")).orElseThrow(), document.getString("cause"),
                document.getString("title"), document.getString("body"), document.getString("link"),
                document.getDate("at").toInstant(), fields);
        List<Delivery> deliveries = new ArrayList<>();
        for (Document d : document.getList("deliveries", Document.class, List.of())) {
            List<Delivery.Step> log = new ArrayList<>();
            for (Document step : d.getList("log", Document.class, List.of())) {
                log.add(new Delivery.Step(step.getDate("at").toInstant(), step.getString("what"),
                        step.getString("detail")));
            }
            deliveries.add(new Delivery(Channel.parse(d.getString("channel")).orElseThrow(),
                    Recipient.parse(d.getString("target")), Delivery.State.valueOf(d.getString("state")),
                    d.getInteger("attempts", 0), d.getDate("nextAt").toInstant(), d.getString("providerId"), log));
        }
        Date readAt = document.getDate("readAt");
        return new Stored(notice, document.getDate("createdAt").toInstant(),
                readAt == null ? null : readAt.toInstant(), deliveries);
    }
}
