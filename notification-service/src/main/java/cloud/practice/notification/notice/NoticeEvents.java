package cloud.practice.notification.notice;

import cloud.practice.events.notification.NoticeDelivered;
import cloud.practice.events.notification.NoticeRaised;
import cloud.practice.events.notification.NoticeRead;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The events a notice publishes (ADR 0023), made of its ids and kind only: never its title, its text or the facts it
 * was written from (a menu item, a unit's name, a rejection's reason) — only the id of what it is about.
 */
final class NoticeEvents {

    /** The fields that name what a notice is about (the rules write one of them), in the order they are looked for. */
    private static final List<String> CAUSES = List.of("requestId", "activityId", "pairingId");

    private NoticeEvents() {
    }

    static NoticeRaised raised(Notice notice, Instant at) {
        return new NoticeRaised(notice.id(), notice.districtId(), notice.kind().id(),
                recipientType(notice.recipient()), notice.recipient().id(), causeOf(notice), notice.kind().urgent(),
                at);
    }

    static NoticeDelivered delivered(Notice notice, String channel, String outcome, int attempts, Instant at) {
        return new NoticeDelivered(notice.id(), notice.districtId(), notice.kind().id(), channel, outcome, attempts,
                at);
    }

    static NoticeRead read(Notice notice, Instant at) {
        return new NoticeRead(notice.id(), notice.districtId(), notice.kind().id(), at);
    }

    /** The request, activity or pairing the notice is about, or null. */
    static String causeOf(Notice notice) {
        return CAUSES.stream().map(notice.fields()::get).filter(id -> id != null && !id.isBlank()).findFirst()
                .orElse(null);
    }

    static String recipientType(Recipient recipient) {
        return switch (recipient.type()) {
            case ACC -> "account";
            case VOL -> "volunteer";
            case UNIT -> "unit";
        };
    }

    /**
     * What a delivery's change from {@code before} to {@code after} tells as a {@code NoticeDelivered}, if anything:
     * {@code sent}, {@code skipped}, {@code dead} as the worker ends a pending delivery; then, on the provider's
     * receipt for a sent one, {@code delivered} or {@code undelivered} (dead-lettered, but the event says why).
     */
    static Optional<String> outcomeOf(Delivery.State before, Delivery.State after) {
        if (before == after || after == Delivery.State.PENDING) {
            return Optional.empty();
        }
        if (before == Delivery.State.SENT && after == Delivery.State.DEAD) {
            return Optional.of("undelivered");
        }
        return Optional.of(after.name().toLowerCase(Locale.ROOT));
    }
}
