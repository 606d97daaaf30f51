package cloud.practice.support.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the event store ({@code practice.eventstore.*}).
 *
 * @param batchSize     events per read from the store (tracking and aggregate loading)
 * @param gapTimeout    how long a reader waits for a reserved global index to be written before giving up on it
 * @param appendBudget  longest time between reserving indexes and inserting (with transactions: committing, once);
 *                      longer appends fail instead
 * @param maxGapOffset  how far behind the head a gap is still tracked
 * @param transactions  insert the events of one append in a multi-document transaction (MongoDB replica sets;
 *                      mongo-java-server has none)
 * @param fetchDelay    how often processors poll the store for events written by other instances
 * @param processorBatchSize events a tracking processor (projections, clocks, the feeds) handles per unit of work, and
 *                      so per write of its token: up to this many of those waiting, never a wait for more. The relay
 *                      has its own ({@code practice.messaging.relay-batch-size}).
 * @param tokenWriteInterval how often at most a processor's token is written to the store; the newest waits in memory
 *                      meanwhile, so a crash re-handles at most this much (ADR 0024). Zero: every time.
 * @param idleFetchDelay the longest a caught-up reader goes without asking whether another instance appended, once
 *                      its looks find nothing: the look stretches from {@code fetchDelay} to this while the store is
 *                      quiet and returns to {@code fetchDelay} as soon as one finds events (ADR 0033). This
 *                      instance's own events are read at once either way. Equal to {@code fetchDelay}: never stretch.
 */
@ConfigurationProperties("practice.eventstore")
public record EventStoreSettings(
        @DefaultValue("500") int batchSize,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("10s") Duration appendBudget,
        @DefaultValue("10000") int maxGapOffset,
        @DefaultValue("false") boolean transactions,
        @DefaultValue("100ms") Duration fetchDelay,
        @DefaultValue("100") int processorBatchSize,
        @DefaultValue("1s") Duration tokenWriteInterval,
        @DefaultValue("1s") Duration idleFetchDelay) {

    public static final EventStoreSettings DEFAULTS = new EventStoreSettings(500, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 10_000, false, Duration.ofMillis(100), 100, Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    public EventStoreSettings {
        tokenWriteInterval = tokenWriteInterval == null ? Duration.ofSeconds(1) : tokenWriteInterval;
        if (tokenWriteInterval.isNegative()) {
            throw new IllegalArgumentException("practice.eventstore.token-write-interval must not be negative");
        }
        idleFetchDelay = idleFetchDelay == null ? Duration.ofSeconds(1) : idleFetchDelay;
        if (fetchDelay != null && idleFetchDelay.compareTo(fetchDelay) < 0) {
            throw new IllegalArgumentException("practice.eventstore.idle-fetch-delay (" + idleFetchDelay
                    + ") must not be shorter than practice.eventstore.fetch-delay (" + fetchDelay + ")");
        }
    }
}
