package cloud.practice.request.live;

import cloud.practice.events.ServicePlatform;
import cloud.practice.support.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open stream: what it follows, and its own bounded queue of events written by a shared pool of writers, one
 * write at a time. Whoever offers never waits: a full queue means the client does not keep up, and the stream is
 * closed (the client reconnects and fetches the queue again) instead of holding events in memory.
 */
public final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final String district;
    private final String unitId;
    private final Set<ServicePlatform> platforms;
    private final Caller caller;
    private final StreamSink sink;
    private final BlockingQueue<LiveEvent> queue;
    private final Executor writers;
    private final Consumer<LiveStream> onClose;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;

    LiveStream(String district, String unitId, Set<ServicePlatform> platforms, Caller caller, StreamSink sink,
               int capacity, Executor writers, Consumer<LiveStream> onClose) {
        this.district = district;
        this.unitId = unitId;
        this.platforms = platforms;
        this.caller = caller;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writers = writers;
        this.onClose = onClose;
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
        return closed.get();
    }

    /** Queues an event without waiting; false when the stream is closed, or closes it now because it is full. */
    public boolean offer(LiveEvent event) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(event)) {
            log.info("Closing a live stream of {} for {}: its client does not keep up ({} events waiting)",
                    district, caller.userId(), queue.size());
            close();
            return false;
        }
        if (started) {
            schedule();
        }
        return true;
    }

    /** Starts writing what is queued (the stream's first event was queued before it was registered). */
    void start() {
        started = true;
        schedule();
    }

    private void schedule() {
        if (!closed.get() && !queue.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::write);
            } catch (RejectedExecutionException shuttingDown) {
                writing.set(false);
                close();
            }
        }
    }

    private void write() {
        try {
            LiveEvent next;
            while (!closed.get() && (next = queue.poll()) != null) {
                sink.send(next);
            }
        } catch (IOException | RuntimeException gone) {
            // The client went away (or the response was completed meanwhile): nothing more to write.
            close();
        } finally {
            writing.set(false);
        }
        schedule();
    }

    /** Ends the stream (idempotent). */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.accept(this);
            sink.close();
        }
    }
}
