package cloud.practice.request.live;

import java.time.Duration;

/** A stream that cannot be opened now: 503 problem+json with {@code Retry-After}, before any stream starts. */
public class LiveQueueUnavailable extends RuntimeException {

    private final String type;
    private final Duration retryAfter;

    LiveQueueUnavailable(String type, String detail, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public static LiveQueueUnavailable tooManyStreams(int max) {
        return new LiveQueueUnavailable("too-many-streams", "This replica has its " + max
                + " live streams open; try again shortly", Duration.ofSeconds(5));
    }

    public static LiveQueueUnavailable shuttingDown() {
        return new LiveQueueUnavailable("stream-unavailable", "This replica is shutting down; try again",
                Duration.ofSeconds(1));
    }

    public static LiveQueueUnavailable feedNotReady() {
        return new LiveQueueUnavailable("stream-unavailable", "The live queue has not reached the event log yet "
                + "(Kafka or the event store is not reachable); try again shortly", Duration.ofSeconds(5));
    }

    public String type() {
        return type;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
