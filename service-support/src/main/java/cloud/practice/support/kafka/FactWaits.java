package cloud.practice.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Lets a handler that runs on several consumer threads ({@link InboundEventHandler#concurrency()}) wait, briefly, for
 * a fact of another aggregate: one thread may read an order's dispatch before another has read the unit or menu item
 * it names, which one thread reading every partition in turn would almost always have seen first. Around the handling
 * of a record ({@link #during}), a lookup that finds nothing ({@link #await}) makes the record wait and come again
 * ({@link FactNotYetKnown}) — after a few looks on its own thread, which usually find it — until the fact is there or
 * the record has waited its patience since it first missed one;
 * then it goes on without the fact (a fact that never comes costs one patience, so wait only for facts that always
 * come). Outside a record's handling (a timer, a test calling the rule) a missing fact is simply missing.
 *
 * <p>The fact must come through another consumer (another handler, so other threads): a waiting record holds up its
 * thread, and a fact on another partition of the same thread would only be read once the patience ran out.
 */
public class FactWaits {

    private static final Logger log = LoggerFactory.getLogger(FactWaits.class);
    /** Records that missed a fact and are waiting; the oldest are forgotten first (they wait afresh). */
    private static final int WAITING_LIMIT = 10_000;
    /** Looks on the record's own thread before it waits by coming again: up to 200 ms in all. */
    private static final int BRIEF_LOOKS = 10;
    private static final Duration BRIEF_PAUSE = Duration.ofMillis(20);

    /** Counts records that missed a fact, by outcome: {@code waited} (to come again) or {@code went-on} (without). */
    public static final String METRIC = "practice.inbound.fact.waits";

    private final long patienceNanos;
    private final Counter waited;
    private final Counter wentOn;
    private final ThreadLocal<InboundEvent> handling = new ThreadLocal<>();
    private final Map<String, Long> firstMissed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > WAITING_LIMIT;
        }
    };

    public FactWaits(Duration patience, MeterRegistry meters) {
        this.patienceNanos = java.util.Objects.requireNonNull(patience,
                "practice.messaging.fact-patience must be a duration (default 10s)").toNanos();
        this.waited = Counter.builder(METRIC).tag("outcome", "waited")
                .description("Records that missed another aggregate's fact and came again").register(meters);
        this.wentOn = Counter.builder(METRIC).tag("outcome", "went-on")
                .description("Records that went on without a fact after their patience").register(meters);
    }

    /** Handles {@code event} with {@code handler}; lookups through {@link #await} meanwhile may make it wait. */
    public void during(InboundEvent event, Runnable handler) {
        handling.set(event);
        try {
            handler.run();
            synchronized (firstMissed) {
                firstMissed.remove(event.id());
            }
        } finally {
            handling.remove();
        }
    }

    /**
     * {@code lookup}'s answer; when it is empty during a record's handling that has not yet waited its patience, the
     * record waits ({@link FactNotYetKnown}) and is handled again shortly.
     *
     * @param fact what is looked up, for the log ("unit s-jly", "menu item VISIT")
     */
    public <T> Optional<T> await(String fact, Supplier<Optional<T>> lookup) {
        Optional<T> found = lookup.get();
        InboundEvent event = handling.get();
        if (found.isPresent() || event == null) {
            return found;
        }
        // The fact is on its way on another thread, usually milliseconds behind: look again here a few times before
        // sending the record round — its coming again waits for the consumer's fetch in flight, which on a quiet
        // topic returns only after fetch.max.wait (ADR 0033).
        for (int look = 0; look < BRIEF_LOOKS && found.isEmpty() && !Thread.currentThread().isInterrupted(); look++) {
            LockSupport.parkNanos(BRIEF_PAUSE.toNanos());
            found = lookup.get();
        }
        if (found.isPresent()) {
            return found;
        }
        long now = System.nanoTime();
        long first;
        synchronized (firstMissed) {
            first = firstMissed.computeIfAbsent(event.id(), id -> now);
        }
        if (now - first < patienceNanos) {
            waited.increment();
            throw new FactNotYetKnown(event.type() + " of " + event.subject() + " waits for " + fact);
        }
        wentOn.increment();
        log.info("{} of {} goes on without {}: not known after {} ms", event.type(), event.subject(), fact,
                Duration.ofNanos(now - first).toMillis());
        return found;
    }
}
