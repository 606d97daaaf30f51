package cloud.practice.auth.notices;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.sms.SmsSender;
import cloud.practice.support.web.ApiException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

/**
 * Notices by SMS to an account's own number (ADR 0023): mobile numbers never leave the people directory, so the
 * notification service names the account and the issuer sends through the same {@link SmsSender} as one-time codes.
 *
 * <p><b>Idempotent by the caller's reference</b> (its delivery id): each send is claimed in {@code notice_sms}
 * ({@code _id} = the reference; who sent it, for which account and district, the kind, when — never the text or the
 * number; a TTL index forgets it after {@link #RETENTION}). A repeat of a sent reference answers as the first time and
 * sends nothing; a repeat naming another account, district or client is a 409 {@code conflict}; a repeat while the
 * first is still being sent is asked to come back (503). A send the provider refused is not recorded, so the caller's
 * retry sends it. A claim left unfinished by a crash is taken over after {@link #ABANDONED_AFTER} (at worst the
 * person gets the notice twice, never not at all).
 *
 * <p><b>What became of it</b> ({@link NoticeReceipts}): the claim keeps the notice's {@code outId}, which the provider
 * carries to its delivery report, and the send keeps the provider's id ({@code bizId}); the report then records
 * {@code delivered} or {@code undelivered} on the record. An adapter whose acceptance is the delivery (the local
 * outbox: the file is the handset) has it recorded as delivered at once, through the same path.
 *
 * <p><b>At most {@code perAccountPerHour}</b> notices to one account in any hour (claims counted, so two racing
 * requests cannot both slip past the cap): beyond, 429 {@code too-many-messages} until the oldest leaves the hour.
 * Every send is audited ({@code notice-sms-sent}, by the client, to the account) without number or text.
 */
public class NoticeSms {

    static final String COLLECTION = "notice_sms";
    /** How long a reference is remembered: far beyond any retry of the caller (minutes), short of hoarding. */
    static final Duration RETENTION = Duration.ofDays(7);
    /** A claim still unfinished after this long was left by a crashed send (the provider's timeout is seconds). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    static final Duration SMS_RETRY_AFTER = Duration.ofSeconds(30);
    static final Duration IN_PROGRESS_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(NoticeSms.class);

    /** A notice to send, its fields already checked ({@code text} trimmed). */
    public record Notice(String districtId, String reference, String kind, String text) {
    }

    /** The answer to the first send and to every repeat of its reference. */
    public record NoticeSent(String reference, String status, Instant sentAt) {

        static NoticeSent at(String reference, Instant sentAt) {
            return new NoticeSent(reference, "sent", sentAt);
        }
    }

    /** Nothing was sent and nothing recorded; the caller should try again after {@code retryAfter}. */
    public static final class RetryLater extends RuntimeException {

        private final HttpStatus status;
        private final String type;
        private final Duration retryAfter;

        RetryLater(HttpStatus status, String type, String detail, Duration retryAfter) {
            super(detail);
            this.status = status;
            this.type = type;
            this.retryAfter = retryAfter;
        }

        public HttpStatus status() {
            return status;
        }

        public String type() {
            return type;
        }

        /** Whole seconds, at least one. */
        public long retryAfterSeconds() {
            return Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
        }
    }

    private final MongoCollection<Document> references;
    private final AuthSettings.Notices settings;
    private final Accounts accounts;
    private final SmsSender sms;
    private final NoticeReceipts receipts;
    private final PeopleAudit audit;
    private final Clock clock;
    private final MeterRegistry meters;

    public NoticeSms(MongoTemplate mongo, AuthSettings.Notices settings, Accounts accounts, SmsSender sms,
                     NoticeReceipts receipts, PeopleAudit audit, Clock clock, MeterRegistry meters) {
        this.references = mongo.getDb().getCollection(COLLECTION);
        this.settings = settings;
        this.accounts = accounts;
        this.sms = sms;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
        // MongoDB forgets references after the retention (the local stand-in keeps TTL indexes without enforcing
        // them, so an expired reference is also treated as absent when read).
        references.createIndex(Indexes.ascending("at"),
                new IndexOptions().name("expire_after_retention").expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS));
        references.createIndex(Indexes.ascending("accountId", "at"));
    }

    /**
     * Sends the notice to the account's own number, or answers as the first send of its reference did.
     *
     * @param clientId       the calling machine client (the audit's actor)
     * @param clientDistrict the client's district; null for a platform-wide client
     * @throws ApiException 404 {@code not-found} (no such account in the district, or a district the client is not
     *                      bound to — alike), 409 {@code conflict}, {@code account-closed}, {@code account-disabled},
     *                      {@code no-mobile}
     * @throws RetryLater   429 {@code too-many-messages}, 503 {@code sms-unavailable} or {@code send-in-progress}
     */
    public NoticeSent send(String clientId, String clientDistrict, String accountId, Notice notice) {
        if (clientDistrict != null && !clientDistrict.equals(notice.districtId())) {
            throw notFound(accountId);
        }
        Instant now = NoticeSupport.now(clock);
        Optional<NoticeSent> repeat = repeat(clientId, accountId, notice, now);
        if (repeat.isPresent()) {
            return repeat.get();
        }
        Account account = accounts.inDistrict(notice.districtId(), accountId).orElseThrow(() -> notFound(accountId));
        if (account.status() == AccountStatus.CLOSED) {
            throw refused("account-closed", "The account is closed; it receives no messages");
        }
        if (account.status() == AccountStatus.DISABLED) {
            throw refused("account-disabled", "The account is disabled; it receives no messages");
        }
        if (account.mobile() == null) {
            throw refused("no-mobile", "The account has no mobile number");
        }
        if (!claim(clientId, accountId, notice, now)) {
            // Another request with this reference came in between: answer as that one does.
            return repeat(clientId, accountId, notice, now).orElseThrow(NoticeSms::inProgress);
        }
        checkCap(notice.reference(), accountId, now);
        String outId = NoticeReceipts.outIdOf(notice.reference());
        SmsSender.Accepted accepted;
        try {
            accepted = sms.send(SmsSender.SmsMessage.notice(account.mobile(), notice.kind(), notice.text(), outId));
        } catch (SmsSender.SmsFailure e) {
            release(notice.reference(), now);
            meters.counter("practice.auth.notice.sms", "outcome", "failed").increment();
            log.warn("notice SMS {} ({}) to account {} not sent: {}", notice.reference(), notice.kind(), accountId,
                    e.getMessage());
            throw new RetryLater(HttpStatus.SERVICE_UNAVAILABLE, "sms-unavailable",
                    "The message could not be sent just now; nothing was sent, try again shortly", SMS_RETRY_AFTER);
        } catch (RuntimeException e) {
            release(notice.reference(), now);
            throw e;
        }
        Instant sentAt = NoticeSupport.now(clock);
        // If this write is lost after the message went out, the claim is taken over once abandoned: at worst twice.
        references.updateOne(and(eq("_id", notice.reference()), eq("at", Date.from(now))),
                Updates.combine(Updates.set("state", "SENT"), Updates.set("sentAt", Date.from(sentAt)),
                        Updates.set("bizId", accepted.providerId())));
        if (accepted.delivered()) {
            receipts.record(new NoticeReceipts.Report(outId, true, null, sentAt));
        }
        audit.record(clientId, "notice-sms-sent", notice.districtId(), accountId);
        meters.counter("practice.auth.notice.sms", "outcome", "sent").increment();
        log.info("notice SMS {} ({}) sent to account {} for {}", notice.reference(), notice.kind(), accountId,
                clientId);
        return NoticeSent.at(notice.reference(), sentAt);
    }

    /** The answer of an earlier request with this reference, if there is one still standing. */
    private Optional<NoticeSent> repeat(String clientId, String accountId, Notice notice, Instant now) {
        Document first = references.find(eq("_id", notice.reference())).first();
        if (first == null || forgotten(first, now)) {
            return Optional.empty();
        }
        if (!accountId.equals(first.getString("accountId"))
                || !notice.districtId().equals(first.getString("districtId"))
                || !clientId.equals(first.getString("clientId"))) {
            throw new ApiException(HttpStatus.CONFLICT, "conflict", "Reference '" + notice.reference()
                    + "' was used for another message", Map.of("field", "reference"));
        }
        if (!"SENT".equals(first.getString("state"))) {
            throw inProgress();
        }
        meters.counter("practice.auth.notice.sms", "outcome", "repeated").increment();
        return Optional.of(NoticeSent.at(notice.reference(), first.getDate("sentAt").toInstant()));
    }

    /**
     * Whether the record no longer counts: past the retention (MongoDB's TTL index removes it a little later; the
     * stand-in never) or a claim abandoned by a crashed send. Removed here, unless another request changed it.
     */
    private boolean forgotten(Document first, Instant now) {
        Instant at = first.getDate("at").toInstant();
        boolean expired = !now.isBefore(at.plus(RETENTION));
        boolean abandoned = !"SENT".equals(first.getString("state")) && !now.isBefore(at.plus(ABANDONED_AFTER));
        if (expired || abandoned) {
            references.deleteOne(and(eq("_id", first.getString("_id")), eq("at", first.getDate("at"))));
            return true;
        }
        return false;
    }

    /** Takes the reference for this send; false when another request holds it. */
    private boolean claim(String clientId, String accountId, Notice notice, Instant now) {
        try {
            references.insertOne(new Document("_id", notice.reference()).append("state", "PENDING")
                    .append("clientId", clientId).append("accountId", accountId)
                    .append("districtId", notice.districtId()).append("kind", notice.kind())
                    .append("outId", NoticeReceipts.outIdOf(notice.reference())).append("at", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Counts this claim with the account's others of the last hour; beyond the cap it is given back (429). */
    private void checkCap(String reference, String accountId, Instant now) {
        Date hourAgo = Date.from(now.minus(HOUR));
        long inHour = references.countDocuments(and(eq("accountId", accountId), gt("at", hourAgo)));
        if (inHour <= settings.perAccountPerHour()) {
            return;
        }
        release(reference, now);
        Document oldest = references.find(and(eq("accountId", accountId), gt("at", hourAgo)))
                .sort(Sorts.ascending("at")).first();
        Duration wait = oldest == null ? Duration.ofSeconds(1)
                : Duration.between(now, oldest.getDate("at").toInstant().plus(HOUR));
        meters.counter("practice.auth.notice.sms", "outcome", "capped").increment();
        log.warn("notice SMS {} to account {} refused: {} an hour at most", reference, accountId,
                settings.perAccountPerHour());
        throw new RetryLater(HttpStatus.TOO_MANY_REQUESTS, "too-many-messages", "This account got "
                + settings.perAccountPerHour() + " messages in the last hour, the most it may; try again later", wait);
    }

    private void release(String reference, Instant claimedAt) {
        references.deleteOne(and(eq("_id", reference), eq("at", Date.from(claimedAt)), eq("state", "PENDING")));
    }

    private static ApiException notFound(String accountId) {
        return ApiException.notFound("account", Objects.requireNonNull(accountId));
    }

    private static ApiException refused(String type, String detail) {
        return ApiException.conflict(type, detail);
    }

    private static RetryLater inProgress() {
        return new RetryLater(HttpStatus.SERVICE_UNAVAILABLE, "send-in-progress",
                "A message with this reference is being sent just now; ask again shortly", IN_PROGRESS_RETRY_AFTER);
    }
}
