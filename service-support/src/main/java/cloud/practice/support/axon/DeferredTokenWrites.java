package cloud.practice.support.axon;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token store that writes each processor segment's token at most once per {@code interval} (issue 24, ADR 0024).
 *
 * <p>A tracking processor stores its token after every batch, and also after every batch of events it has no handler
 * for: with seven processors in a service, each event the service appends cost seven token writes, the largest single
 * share of the store's work per command. Here the newest token waits in memory and is written by the first store
 * after the interval, by the first claim renewal after the interval (the processor renews before each batch and
 * whenever it runs out of events), by
 * a fetch (the processor reopening its stream) and when the claim is released (shutdown), so it is at most one
 * interval behind the processing.
 *
 * <p>What that costs: after a crash a processor handles again the events of up to one interval — harmless, because
 * every handler is idempotent (ADR 0001) and the relay is at least once anyway (ADR 0002). A processor that lost its
 * claim learns it at its next write instead of at once, within the interval and far inside the claim's timeout.
 * Replay tokens (a reset) are written at once.
 */
public class DeferredTokenWrites implements TokenStore {

    private final TokenStore store;
    private final Clock clock;
    private final Duration interval;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Key, Instant> lastWritten = new ConcurrentHashMap<>();

    public DeferredTokenWrites(TokenStore store, Clock clock, Duration interval) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    private record Key(String processor, int segment) {
    }

    /** The newest token not written yet; {@code null} tokens are legal in Axon (the stream's beginning). */
    private record Pending(TrackingToken token) {
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Key key = new Key(processorName, segment);
        Instant now = clock.instant();
        Instant last = lastWritten.get(key);
        if (interval.isZero() || last == null || !now.isBefore(last.plus(interval))) {
            write(key, token, now);
        } else {
            pending.put(key, new Pending(token));
        }
    }

    /**
     * A processor renews its claim before every batch (and, with nothing to do, each time it finds no event): within
     * the interval of the last write the claim is fresh and nothing is written, not even the waiting token — else the
     * renewal before each batch would write the token the previous batch left waiting, once per batch again. After
     * the interval the waiting token is written (renewing the claim too), or else the claim is renewed.
     */
    @Override
    public void extendClaim(String processorName, int segment) {
        Key key = new Key(processorName, segment);
        Instant now = clock.instant();
        Instant last = lastWritten.get(key);
        if (!interval.isZero() && last != null && now.isBefore(last.plus(interval))) {
            return;
        }
        if (!flush(key)) {
            store.extendClaim(processorName, segment);
            lastWritten.put(key, now);
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        flush(new Key(processorName, segment));
        return store.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        flush(new Key(processorName, segment.getSegmentId()));
        return store.fetchToken(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        Key key = new Key(processorName, segment);
        try {
            flush(key);
        } catch (UnableToClaimTokenException e) {
            // Another node holds it already: nothing of ours to keep.
        } finally {
            lastWritten.remove(key);
            store.releaseClaim(processorName, segment);
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        Key key = new Key(processorName, segment);
        pending.remove(key);
        lastWritten.remove(key);
        store.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }

    /** @return whether a waiting token was written (which renews the claim too) */
    private boolean flush(Key key) {
        Pending waiting = pending.remove(key);
        if (waiting == null) {
            return false;
        }
        write(key, waiting.token(), clock.instant());
        return true;
    }

    private void write(Key key, TrackingToken token, Instant now) {
        pending.remove(key);
        store.storeToken(token, key.processor(), key.segment());
        lastWritten.put(key, now);
    }
}
