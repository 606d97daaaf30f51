package cloud.practice.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves on instead of waiting, so what happens "after N seconds" is decided by the test and not by
 * how busy the machine is. {@link #stopped()} stands still until told to move; {@link #running()} follows the system
 * clock plus a shift (for code that also sees real time, such as the issue and not-before times of fresh tokens).
 */
public final class AdjustableClock extends Clock {

    private final Instant stoppedAt;
    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    private AdjustableClock(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    public static AdjustableClock stopped() {
        return new AdjustableClock(Instant.now());
    }

    public static AdjustableClock running() {
        return new AdjustableClock(null);
    }

    public void advance(Duration by) {
        shift.accumulateAndGet(by, Duration::plus);
    }

    /** Moves a running clock so that it shows {@code instant} now (and keeps running from there). */
    public void showing(Instant instant) {
        shift.set(Duration.between(stoppedAt == null ? Instant.now() : stoppedAt, instant));
    }

    public void reset() {
        shift.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return (stoppedAt == null ? Instant.now() : stoppedAt).plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.normalized().equals(zone.normalized())) {
            throw new UnsupportedOperationException("UTC only");
        }
        return this;
    }
}
