package cloud.practice.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per (route, client), local to this gateway instance (see ADR 0008): a bucket holds
 * up to {@code burst} tokens and gains {@code requestsPerSecond} per second; a request takes one token or is refused
 * with the time until the next token. Buckets that have been full for a while are dropped, so the map holds only
 * clients seen recently; {@code maxBuckets} bounds it against a flood of made-up client ids.
 */
public final class TokenBuckets {

    /** 0 when the request may pass, else the nanoseconds until a token is available. */
    public record Decision(boolean allowed, long waitNanos) {
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int maxBuckets;
    private final long sweepEveryNanos;
    private final AtomicLong nextSweep;

    public TokenBuckets(LongSupplier nanoClock, int maxBuckets, long sweepEveryNanos) {
        this.clock = nanoClock;
        this.maxBuckets = maxBuckets;
        this.sweepEveryNanos = sweepEveryNanos;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + sweepEveryNanos);
    }

    public TokenBuckets() {
        this(System::nanoTime, 100_000, 30_000_000_000L);
    }

    public Decision tryTake(String key, double requestsPerSecond, int burst) {
        long now = clock.getAsLong();
        sweepIfDue(now);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                sweep(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return bucket.take(now, requestsPerSecond, burst);
    }

    public int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + sweepEveryNanos)) {
            sweep(now);
        }
    }

    /** Drops buckets that refilled completely: forgetting them changes no decision. */
    private void sweep(long now) {
        buckets.values().removeIf(bucket -> bucket.isFullAt(now));
    }

    private static final class Bucket {

        private double tokens;
        private long updated;
        private double lastRate = 1;
        private int lastBurst;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updated = now;
            this.lastBurst = burst;
        }

        synchronized Decision take(long now, double rate, int burst) {
            refill(now, rate, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            long wait = (long) Math.ceil((1 - tokens) / rate * 1e9);
            return new Decision(false, Math.max(1, wait));
        }

        private void refill(long now, double rate, int burst) {
            long elapsed = now - updated;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * rate / 1e9);
                updated = now;
            }
            tokens = Math.min(tokens, burst);
            lastRate = rate;
            lastBurst = burst;
        }

        synchronized boolean isFullAt(long now) {
            return tokens + (now - updated) * lastRate / 1e9 >= lastBurst;
        }
    }
}
