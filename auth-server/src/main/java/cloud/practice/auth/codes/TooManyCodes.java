package cloud.practice.auth.codes;

import java.time.Duration;

/** A code asked for too soon or too often: 429 with Retry-After. */
public final class TooManyCodes extends RuntimeException {

    private final Duration retryAfter;

    TooManyCodes(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    }
}
