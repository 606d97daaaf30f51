package cloud.practice.support.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a reader that has caught up with everything this engine knows of may next ask the global counter whether
 * another instance appended (ADR 0033). Every look is due while looks find events; each look that finds nothing
 * doubles the pause before the next, from {@code fetchDelay} up to {@code idleFetchDelay}; one that finds events
 * makes the next due at once. An idle service so asks its store about once per {@code idleFetchDelay} instead of ten
 * times a second, and under load it sees other instances' events as soon as before. This engine's own appends raise
 * what it knows of directly and are read without any look.
 */
final class CounterLooks {

    private final Duration shortest;
    private final Duration longest;
    private final Clock clock;
    private Duration pause = Duration.ZERO;
    private Instant next = Instant.MIN;

    CounterLooks(Duration fetchDelay, Duration idleFetchDelay, Clock clock) {
        this.shortest = fetchDelay.isZero() ? Duration.ofMillis(1) : fetchDelay; // a pause of zero would never grow
        this.longest = idleFetchDelay.compareTo(fetchDelay) < 0 ? fetchDelay : idleFetchDelay;
        this.clock = clock;
    }

    /** Due once the pause has passed — or when the clock went back by more than a pause, which must not stall looks. */
    synchronized boolean due() {
        Instant now = clock.instant();
        return !now.isBefore(next) || now.plus(longest).isBefore(next);
    }

    /** After a look: {@code foundNew} when the counter was past what this engine knew of. */
    synchronized void looked(boolean foundNew) {
        if (foundNew) {
            pause = Duration.ZERO;
        } else {
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(shortest) < 0 ? shortest : doubled.compareTo(longest) > 0 ? longest : doubled;
        }
        next = clock.instant().plus(pause);
    }
}
