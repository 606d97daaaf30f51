package cloud.practice.request.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The live queue's limits ({@code practice.live-queue.*}, ADR 0018).
 *
 * @param maxStreams       open streams per replica; beyond it 503 {@code too-many-streams} with {@code Retry-After}
 * @param sendQueue        events waiting to be written to one stream; a stream whose client does not read them in
 *                         time is closed (the client reconnects and fetches the queue again) instead of holding memory
 * @param keepAlive        the interval of {@code : keep-alive} comments (8 s: the contract promises one at least every
 *                         10 s, against the idle timeouts of proxies on the way)
 * @param catchUp          how long a change waits for this service's read model to show it before it is sent with
 *                         what the read model has
 * @param catchUpPoll      how often a waiting change looks at the read model again
 * @param pendingChanges   changes waiting for the read model at most; beyond it every stream is closed (the clients
 *                         fetch again) rather than letting the backlog grow
 * @param maxDuration      a stream ends after this long; the client reconnects with a fresh token, so a stream never
 *                         outlives the caller's right to it by more than this
 * @param partitionRefresh how often the feed looks for partitions added to the request topic
 */
@ConfigurationProperties("practice.live-queue")
public record LiveQueueSettings(
        @DefaultValue("1000") int maxStreams,
        @DefaultValue("256") int sendQueue,
        @DefaultValue("8s") Duration keepAlive,
        @DefaultValue("3s") Duration catchUp,
        @DefaultValue("25ms") Duration catchUpPoll,
        @DefaultValue("10000") int pendingChanges,
        @DefaultValue("30m") Duration maxDuration,
        @DefaultValue("30s") Duration partitionRefresh) {

    public LiveQueueSettings {
        if (maxStreams < 1 || sendQueue < 2 || pendingChanges < 1) {
            throw new IllegalArgumentException("practice.live-queue: max-streams, send-queue (at least 2) and "
                    + "pending-changes must be positive");
        }
        if (keepAlive.isNegative() || keepAlive.isZero() || catchUpPoll.isNegative() || catchUpPoll.isZero()) {
            throw new IllegalArgumentException("practice.live-queue: keep-alive and catch-up-poll must be positive");
        }
    }
}
