package cloud.practice.notification.channel.sms;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.ReceiptFeed;
import cloud.practice.notification.delivery.Receipts;
import cloud.practice.notification.notice.NoticeStore.Receipted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The issuer's SMS receipts, read on a beat (ADR 0023, "Receipts"): for each district the directory knows,
 * {@code GET /api/v1/people/sms/receipts?district=&after=&limit=} with this service's token ({@code people:notify}),
 * from the district's stored cursor (none: from the beginning), page after page until the issuer's {@code next} stops
 * moving or a page is short. Each receipt names the delivery's reference, so its notice is found by id. The cursor is
 * stored only once a page's receipts are applied: a crash in between reads the page again, which changes nothing the
 * second time (at least once, applied idempotently; two replicas reading the same page are as harmless).
 *
 * <p>The issuer lists a receipt once it is five seconds old, so a receipt seldom finds its notice still held by the
 * worker that sent it; if one does, the page stops there and the next beat reads on from the last stored cursor. A
 * circuit breaker, like the sender's, stops asking while the issuer fails; a failed page leaves the cursor where it
 * was, and the next beat catches up. A cursor the issuer refuses (400 naming {@code after}: its feed was reset) is
 * forgotten, and the district's receipts are read from the beginning again.
 */
public final class IssuerSmsReceipts implements ReceiptFeed {

    private static final Logger log = LoggerFactory.getLogger(IssuerSmsReceipts.class);
    /** The issuer's largest page. */
    public static final int MAX_PAGE = 1000;
    /** Pages read per district and beat; the next beat reads on (a backlog does not hold the beat for long). */
    private static final int PAGES_PER_BEAT = 20;

    private final IssuerSmsSettings settings;
    private final IssuerClient issuer;
    private final ObjectMapper json;
    private final Receipts receipts;
    private final SmsReceiptCursors cursors;
    private final Supplier<? extends Collection<String>> districts;
    private final int pageSize;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private volatile String failing;

    /**
     * @param districts the districts to read receipts of (the directory's)
     * @param pageSize  receipts asked for per page, at most {@link #MAX_PAGE}
     */
    public IssuerSmsReceipts(IssuerSmsSettings settings, IssuerClient issuer, ObjectMapper json, Receipts receipts,
                             SmsReceiptCursors cursors, Supplier<? extends Collection<String>> districts, int pageSize,
                             Clock clock) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("a page of receipts is 1 to " + MAX_PAGE + ", not " + pageSize);
        }
        this.settings = settings;
        this.issuer = issuer;
        this.json = json;
        this.receipts = receipts;
        this.cursors = cursors;
        this.districts = districts;
        this.pageSize = pageSize;
        this.clock = clock;
        this.breaker = issuer.breaker("issuer-sms-receipts", e -> e instanceof FeedFailure);
    }

    /** The issuer did not answer a page usefully; the cursor stays, the next beat asks again. */
    static final class FeedFailure extends RuntimeException {

        FeedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The issuer refused the stored cursor (400 naming {@code after}): a cursor of a feed that was reset. */
    static final class CursorRefused extends RuntimeException {

        CursorRefused(String message) {
            super(message);
        }
    }

    private record Page(List<JsonNode> receipts, String next) {
    }

    @Override
    public String name() {
        return "SMS receipts";
    }

    @Override
    public Duration every() {
        return settings.receiptsEvery();
    }

    @Override
    public void poll() {
        for (String district : districts.get()) {
            try {
                breaker.executeRunnable(() -> readOn(district));
            } catch (CursorRefused refused) {
                // Applying is idempotent, so reading the district's receipts again from the beginning is safe.
                log.warn("the issuer no longer knows the SMS receipts cursor of district {} ({}); its receipts are "
                        + "read from the beginning again", district, refused.getMessage());
                cursors.forget(district);
            } catch (CallNotPermittedException open) {
                log.debug("the issuer's SMS receipts are failing (circuit open); read on later");
                return;
            } catch (FeedFailure e) {
                // The issuer fails: the other districts would too. Said once, until it answers again.
                if (failing == null) {
                    log.warn("the issuer's SMS receipts could not be read ({}); deliveries stay at sent until it "
                            + "answers, the cursors where they are", e.getMessage());
                }
                failing = e.getMessage();
                return;
            }
        }
        if (failing != null) {
            log.info("the issuer's SMS receipts are read again (after: {})", failing);
            failing = null;
        }
    }

    /** The district's new receipts, page by page from its stored cursor. */
    private void readOn(String district) {
        String cursor = cursors.of(district).orElse(null);
        for (int read = 0; read < PAGES_PER_BEAT; read++) {
            Page page = page(district, cursor);
            for (JsonNode receipt : page.receipts()) {
                if (apply(district, receipt) == Receipted.BUSY) {
                    return;
                }
            }
            boolean moved = !page.next().equals(cursor);
            if (moved) {
                cursors.advance(district, page.next(), clock.instant());
            }
            if (!moved || page.receipts().size() < pageSize) {
                return;
            }
            cursor = page.next();
        }
    }

    private Receipted apply(String district, JsonNode receipt) {
        String reference = receipt.path("reference").asText("");
        String outcome = receipt.path("outcome").asText("");
        if (!outcome.equals("delivered") && !outcome.equals("undelivered")) {
            // Not ours to guess; a later kind of receipt must not stop the feed.
            log.warn("an SMS receipt of district {} for {} has an outcome this service does not know ('{}'); skipped",
                    district, reference, outcome);
            return Receipted.UNKNOWN;
        }
        JsonNode reason = receipt.path("reason");
        String word = reason.isTextual() && !reason.asText().isBlank() ? reason.asText() : null;
        boolean delivered = outcome.equals("delivered");
        if (!delivered && word == null) {
            word = "the issuer's receipt says it did not reach the phone";
        }
        return receipts.byReference(district, Channel.SMS, reference,
                new Receipts.Receipt(delivered, word, instant(receipt.path("at").asText(""))));
    }

    private Page page(String district, String after) {
        String path = "/api/v1/people/sms/receipts?district=" + URLEncoder.encode(district, StandardCharsets.UTF_8)
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8))
                + "&limit=" + pageSize;
        HttpResponse<String> answer;
        try {
            answer = issuer.call(path, request -> request.header("Accept", "application/json").GET());
        } catch (IssuerClient.Unavailable e) {
            throw new FeedFailure(e.getMessage(), e);
        }
        if (answer.statusCode() == 400 && after != null && "after".equals(field(answer.body()))) {
            throw new CursorRefused("400 for after=" + after);
        }
        if (answer.statusCode() != 200) {
            throw new FeedFailure("the issuer answered " + answer.statusCode() + " for district " + district, null);
        }
        try {
            JsonNode body = json.readTree(answer.body());
            JsonNode next = body.path("next");
            JsonNode listed = body.path("receipts");
            if (!next.isTextual() || next.asText().isEmpty() || !listed.isArray()) {
                throw new FeedFailure("the issuer's page of receipts has no next cursor or no receipts list", null);
            }
            List<JsonNode> page = new ArrayList<>();
            listed.forEach(page::add);
            return new Page(page, next.asText());
        } catch (IOException e) {
            throw new FeedFailure("the issuer's page of receipts is not JSON", e);
        }
    }

    /** The field a problem answer names, if it is one. */
    private String field(String body) {
        try {
            return json.readTree(body).path("field").asText("");
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    /** The issuer's time of the receipt; ours when it gave none we can read. */
    private Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return clock.instant();
        }
    }
}
