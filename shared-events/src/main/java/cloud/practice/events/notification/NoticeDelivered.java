package cloud.practice.events.notification;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.Instant;

/**
 * One of a notice's deliveries on a channel reached a final state. A notice has a delivery per channel for each person
 * it reaches (a unit's notice: each of the unit's managers), so there may be several; an operator's redelivery of a
 * dead one ends in another.
 *
 * @param kind     the notice's kind, as in {@link NoticeRaised}
 * @param channel  {@code sms} or {@code wechat}
 * @param outcome  {@code sent} (the provider took it), {@code skipped} (not sent: the person's preferences, no address
 *                 on the channel, a channel not configured) or {@code dead} (refused or out of attempts: on the
 *                 dead-letter list)
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
