package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.Instant;

/**
 * An order's SLA clock for a stage started: {@code unitId} must finish the stage by {@code dueAt}, or the order is
 * escalated to its parent unit. A new clock replaces the last; the order's end (completed, rejected, cancelled,
 * expired) stops it. Published so that others can warn before it runs out (notification-service, ADR 0023); until
 * then it was internal to request-service, and its earlier stored events are read as this (ADR 0022).
 */
@EventType(context = Context.REQUEST, revision = 1)
public record SlaClockStarted(
        String requestId,
        String districtId,
        Stage stage,
        String unitId,
        Instant dueAt) implements DomainEvent {
}
