package cloud.practice.events.notification;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.Instant;

/**
 * One of a notice's deliveries on a channel reached an outcome. A notice has a delivery per channel for each person it
 * reaches (a unit's notice: each of the unit's managers), so there may be several; a sent delivery tells again when
 * the provider's receipt comes, and an operator's redelivery of a dead one ends in another.
 *
 * @param kind     the notice's kind, as in {@link NoticeRaised}
 * @param channel  {@code sms} or {@code wechat}
 * @param outcome  {@code sent} (the provider took it; a receipt may follow), {@code skipped} (not sent: the person's
 *                 preferences, no address on the channel, a channel not configured), {@code dead} (refused or out of
 *                 attempts: on the dead-letter list); then, on the provider's receipt for a sent one,
 *                 {@code delivered} (it reached the person) or {@code undelivered} (it did not: on the dead-letter
 *                 list too)
 * @param attempts attempts made
 * @param at       when it reached that state
 */
@EventType(context = Context.NOTIFICATION, revision = 1)
public record NoticeDelivered(
        String noticeId,
        String districtId,
        String kind,
        String channel,
        String outcome,
        int attempts,
        Instant at) implements DomainEvent {
}
