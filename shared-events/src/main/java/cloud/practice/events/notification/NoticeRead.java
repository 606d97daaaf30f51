package cloud.practice.events.notification;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.Instant;

/** A notice was marked read, once (a unit's notice by any of its staff, for all of them). */
@EventType(context = Context.NOTIFICATION, revision = 1)
public record NoticeRead(
        String noticeId,
        String districtId,
        String kind,
        Instant readAt) implements DomainEvent {
}
