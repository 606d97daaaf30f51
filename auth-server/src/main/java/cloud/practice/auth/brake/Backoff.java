package cloud.practice.auth.brake;

import java.time.Duration;

/**
 * How long a count of failures locks: nothing below the threshold, {@code first} at it, doubling with every further
 * failure, never more than {@code max}.
 */
public record Backoff(int threshold, Duration first, Duration max) {

    public Duration lockoutAfter(int failures) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        Duration lockout = first;
        // Doubling stops at the cap, so a huge count neither loops long nor overflows.
        for (int i = threshold; i < failures && lockout.compareTo(max) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(max) > 0 ? max : lockout;
    }
}
