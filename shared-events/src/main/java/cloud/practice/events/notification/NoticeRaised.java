package cloud.practice.events.notification;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

import java.time.Instant;

/**
 * A notice was raised for one recipient about one cause, at most once per recipient and cause (ADR 0023). Ids and
 * kinds only: the notice's title and text, and whatever names or reasons it shows, stay in notification-service.
 *
 * @param noticeId      the notice, {@code ntc-} and 32 hex digits; the aggregate id (record key and subject)
 * @param kind          what it is about, in kebab case as the notices API names it ({@code order-offered},
 *                      {@code sla-warning}, ...); new kinds may appear without a new revision
 * @param recipientType {@code account} (the issuer's opaque account id, ADR 0016), {@code volunteer} (the registry's
 *                      volunteer id) or {@code unit} (an organisational unit, whose staff share the notice)
 * @param causeId       the request, activity or pairing the notice is about, or null when it names none
 * @param urgent        sent during the recipient's quiet hours too
 * @param raisedAt      when the notice was written to the inbox
 */
@EventType(context = Context.NOTIFICATION, revision = 1)
public record NoticeRaised(
        String noticeId,
        String districtId,
        String kind,
        String recipientType,
        String recipientId,
        @Nullable String causeId,
        boolean urgent,
        Instant raisedAt) implements DomainEvent {
}
