package cloud.practice.auth.notices;

import cloud.practice.support.web.ApiException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * What became of the notices sent by SMS (issue 26: the delivery log's delivered / failed): the provider's delivery
 * report, recorded on the notice's {@code notice_sms} record, and the feed of those receipts for the client that sent
 * them.
 *
 * <p><b>Recorded once.</b> A report names the notice by its {@link #outIdOf outId} (stored on the record when the
 * send is claimed, so a report that overtakes the "sent" write still finds it). The first report sets
 * {@code outcome} ({@code delivered} | {@code undelivered}), {@code reason} (the provider's code and message for an
 * undelivered one), {@code reportTime} (the provider's) and {@code reportedAt} (this issuer's clock); a later one
 * for the same record changes nothing. The local outbox records its notices as delivered the moment it writes them,
 * through this same path.
 *
 * <p><b>The feed</b> lists one client's receipts of one district in ({@code reportedAt}, reference) order, after an
 * opaque cursor. A receipt is listed only once it is {@link #SETTLE} old: {@code reportedAt} is stamped by whichever
 * issuer replica records the report, before its write lands, so a receipt may become visible a moment after another
 * one with a later {@code reportedAt} — a replica's clock a little behind, or a slower write. Were it listed at once,
 * a caller whose cursor already passed the later receipt would never see the earlier one. Holding every receipt back
 * until it is older than any such lag (clock skew plus write time, well under a second) means that what is listed
 * after a cursor never changes later. The retention is the records' own (7 days, {@link NoticeSms#RETENTION}).
 */
public class NoticeReceipts {

    /** How old a receipt must be before it is listed (see the class comment): far above clock skew and write time. */
    public static final Duration SETTLE = Duration.ofSeconds(5);
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    static final String DELIVERED = "delivered";
    static final String UNDELIVERED = "undelivered";
    /** The longest reason kept: the provider's code and message, never anything of the person. */
    static final int MAX_REASON = 200;
    /** A cursor's reference part: the references' own alphabet (NoticeSmsController), empty for the beginning. */
    private static final Pattern CURSOR_REFERENCE = Pattern.compile("[A-Za-z0-9:._|-]{0,120}");
    private static final Cursor BEGINNING = new Cursor(Instant.EPOCH, "");

    /**
     * One delivery report.
     *
     * @param outId      the notice's outId as the provider handed it back
     * @param delivered  whether the message reached the handset
     * @param reason     why not (the provider's code and message), for an undelivered one; null otherwise
     * @param reportTime when the provider says it happened
     */
    public record Report(String outId, boolean delivered, String reason, Instant reportTime) {
    }

    /** What a report did. */
    public enum Recorded {
        /** It is the record's outcome now. */
        RECORDED,
        /** The record had its outcome already; nothing changed. */
        REPEATED,
        /** No notice has this outId (another system's message, or a record past its retention). */
        UNMATCHED
    }

    /**
     * @param reference the notice's reference, as the caller sent it
     * @param outcome   {@code delivered} or {@code undelivered}
     * @param reason    the provider's code and message for an undelivered one; null otherwise
     * @param at        when it was delivered or given up, by the provider's report (the outbox: when it wrote it)
     */
    public record Receipt(String reference, String outcome, String reason, Instant at) {
    }

    /**
     * @param receipts the receipts after the cursor, oldest first
     * @param next     the cursor to ask with next time: after the last one listed, or the one asked with when
     *                 nothing is new
     */
    public record ReceiptPage(List<Receipt> receipts, String next) {
    }

    private final MongoCollection<Document> references;
    private final Clock clock;
    private final MeterRegistry meters;

    public NoticeReceipts(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.references = mongo.getDb().getCollection(NoticeSms.COLLECTION);
        this.clock = clock;
        this.meters = meters;
        // Reports find their record by outId; the feed reads one client's district in its order. (The local
        // stand-in keeps these indexes without using them; a scan of 7 days of notices is fine there.)
        references.createIndex(Indexes.ascending("outId"));
        references.createIndex(Indexes.ascending("clientId", "districtId", "reportedAt", "_id"));
    }

    /**
     * The id a notice's provider carries to its delivery report: {@code n} and 14 characters of base32 of the
     * reference's SHA-256 (70 bits; a collision within the retention's notices is out of reach). Short and of
     * letters and digits only, because SendSms documents no length for {@code OutId} (Alibaba's voice API caps its
     * own at 15 bytes), and it tells the provider nothing of the reference (district, rule, account).
     */
    public static String outIdOf(String reference) {
        byte[] hash = NoticeSupport.sha256(reference);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder id = new StringBuilder("n");
        long bits = 0;
        int held = 0;
        for (int i = 0; id.length() < 15; ) {
            if (held < 5) {
                bits = bits << 8 | hash[i++] & 0xff;
                held += 8;
            }
            id.append(alphabet.charAt((int) (bits >>> (held - 5)) & 31));
            held -= 5;
        }
        return id.toString();
    }

    /** Records the report on its notice unless one was recorded before (first wins). */
    public Recorded record(Report report) {
        Instant now = NoticeSupport.now(clock);
        String outcome = report.delivered() ? DELIVERED : UNDELIVERED;
        String reason = report.delivered() ? null : bounded(report.reason());
        UpdateResult result = references.updateOne(and(eq("outId", report.outId()), exists("outcome", false)),
                Updates.combine(Updates.set("outcome", outcome), Updates.set("reason", reason),
                        Updates.set("reportTime", Date.from(report.reportTime())),
                        Updates.set("reportedAt", Date.from(now))));
        if (result.getMatchedCount() > 0) {
            meters.counter("practice.auth.notice.sms.reports", "outcome", outcome).increment();
            return Recorded.RECORDED;
        }
        boolean known = references.find(eq("outId", report.outId())).first() != null;
        meters.counter("practice.auth.notice.sms.reports", "outcome", known ? "repeated" : "unmatched").increment();
        return known ? Recorded.REPEATED : Recorded.UNMATCHED;
    }

    /**
     * The client's receipts of the district after the cursor, at most {@code limit}, each at least {@link #SETTLE}
     * old.
     *
     * @param after null = from the beginning of the retention
     * @throws ApiException 400 naming {@code after} (not a cursor of this feed) or {@code limit} (not 1–1000)
     */
    public ReceiptPage after(String clientId, String districtId, String after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        Cursor cursor = after == null ? BEGINNING : Cursor.parse(after);
        Date settled = Date.from(NoticeSupport.now(clock).minus(SETTLE));
        Date from = Date.from(cursor.reportedAt());
        List<Receipt> receipts = new ArrayList<>();
        Cursor last = null;
        for (Document record : references.find(and(eq("clientId", clientId), eq("districtId", districtId),
                        lte("reportedAt", settled),
                        or(gt("reportedAt", from), and(eq("reportedAt", from), gt("_id", cursor.reference())))))
                .sort(Sorts.ascending("reportedAt", "_id")).limit(limit)) {
            String reference = record.getString("_id");
            receipts.add(new Receipt(reference, record.getString("outcome"), record.getString("reason"),
                    record.getDate("reportTime").toInstant()));
            last = new Cursor(record.getDate("reportedAt").toInstant(), reference);
        }
        String next = last != null ? last.encoded() : after != null ? after : BEGINNING.encoded();
        return new ReceiptPage(receipts, next);
    }

    private static String bounded(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        return stripped.length() <= MAX_REASON ? stripped : stripped.substring(0, MAX_REASON);
    }

    /** A place in the feed: after the receipt recorded at {@code reportedAt} for {@code reference}. */
    record Cursor(Instant reportedAt, String reference) {

        /** Opaque to callers: base64url (no padding) of {@code <epoch millis>:<reference>}. */
        String encoded() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (reportedAt.toEpochMilli() + ":" + reference).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String millis = decoded.substring(0, Math.max(colon, 0));
                String reference = decoded.substring(colon + 1);
                if (colon < 1 || !millis.chars().allMatch(Character::isDigit) || millis.length() > 15
                        || !CURSOR_REFERENCE.matcher(reference).matches()) {
                    throw badCursor();
                }
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(millis)), reference);
            } catch (IllegalArgumentException e) {
                throw badCursor();
            }
        }

        private static ApiException badCursor() {
            return ApiException.badRequest("after", "after must be a cursor this feed gave (its 'next')");
        }
    }
}
