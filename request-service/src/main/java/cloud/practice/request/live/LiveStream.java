package cloud.practice.request.live;

import cloud.practice.events.ServicePlatform;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.live.BoundedStream;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One open stream: what it follows, and its own bounded queue of events written by a shared pool of writers, one
 * write at a time. Whoever offers never waits: a full queue means the client does not keep up, and the stream is
 * closed (the client reconnects and fetches the queue again) instead of holding events in memory.
 */
public final class LiveStream {

    private final String district;
    private final String unitId;
    private final Set<ServicePlatform> platforms;
    private final Caller caller;
    private final BoundedStream<LiveEvent> stream;

    LiveStream(String district, String unitId, Set<ServicePlatform> platforms, Caller caller, StreamSink sink,
               int capacity, Executor writers, Consumer<LiveStream> onClose) {
        this.district = district;
        this.unitId = unitId;
        this.platforms = platforms;
        this.caller = caller;
        this.stream = new BoundedStream<>("a live stream of " + district + " for " + caller.userId(), sink,
                capacity, writers, () -> onClose.accept(this));
    }

    public String district() {
        return district;
    }

    /** The root of the followed subtree; null: the whole district. */
    public String unitId() {
        return unitId;
    }

    /** The platforms followed (a sub-center admin's); null: all. */
    public Set<ServicePlatform> platforms() {
        return platforms;
    }

    public Caller caller() {
        return caller;
    }

    public boolean closed() {
        return stream.closed();
    }

    /** Queues an event without waiting; false when the stream is closed, or closes it now because it is full. */
    public boolean offer(LiveEvent event) {
        return stream.offer(event);
    }

    /** Starts writing what is queued (the stream's first event was queued before it was registered). */
    void start() {
        stream.start();
    }

    /** Ends the stream (idempotent). */
    public void close() {
        stream.close();
    }
}
