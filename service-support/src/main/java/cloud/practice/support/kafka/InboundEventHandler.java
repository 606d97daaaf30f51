package cloud.practice.support.kafka;

import cloud.practice.events.Context;

import java.util.Set;

/**
 * A consumer of other services' events. Declare one as a bean and service-support runs it: its own consumer group
 * ({@code <application>.<name>}), records validated against their schema, duplicates and replays of an aggregate's
 * events already applied skipped, bounded retries, then the dead-letter topic with the reason (ADR 0002).
 *
 * <p>Delivery is at least once: {@link #handle} may see an event again after a crash between handling and recording
 * it. Make writes idempotent (set state keyed by the event, or guard with {@link InboundEvent#sequence()}).
 */
public interface InboundEventHandler {

    /** Stable name: part of the consumer group and of the ledger key; renaming it replays everything. */
    String name();

    /** The contexts (topics) to consume. */
    Set<Context> contexts();

    /**
     * The payload types this handler acts on (its {@link EventRoutes#types()}). Records of any other type are passed
     * over by their CloudEvents type header, before they are decoded or looked up in the ledger: most of a topic is
     * of no interest to most consumers, and each look in the ledger is a round trip to the store (issue 24).
     * Empty (the default): every type of its topics.
     */
    default Set<Class<?>> types() {
        return Set.of();
    }

    /**
     * Consumer threads for this handler, each owning partitions of its own, so every aggregate's events stay in order
     * on one thread; 0 (the default): {@code practice.messaging.consumer-concurrency}. A handler on the hot path
     * declares more when what it does for one aggregate never depends on what it did for another just before (the
     * facts it reads are kept by other consumers, which run apart from it anyway): its records then wait for each
     * other's store round trips only within a partition (issue 24). More threads than partitions stay idle.
     */
    default int concurrency() {
        return 0;
    }

    /**
     * Whether handling one of its events again changes nothing, by the handler's own state — a command its aggregate
     * ignores once it has seen it (a stale attempt, a question answered). Such a handler needs no processed-event
     * ledger: its records are neither looked up nor noted there, two store round trips less per record (issue 24). A
     * projection that only sets fields is not idempotent in this sense (an event come again after a later one would
     * set an older value back for a while): it keeps the ledger.
     */
    default boolean idempotent() {
        return false;
    }

    void handle(InboundEvent event);
}
