package cloud.practice.support.web.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's long response (a server-sent event stream): its own bounded queue of events, written by a shared pool
 * of writers one write at a time. Whoever offers never waits: a full queue means the client does not keep up, and the
 * stream is closed (the client reconnects and fetches again) instead of holding events in memory. Events offered
 * before {@link #start} wait until the stream is registered wherever it is looked up.
 *
 * @param <E> what the stream carries
 */
public final class BoundedStream<E> {

    /** Where the events go (the HTTP response; in tests a recorder). Called by one thread at a time. */
    public interface Sink<E> {

        /** Writes and flushes one event; may block while the client's connection is full. */
        void send(E event) throws IOException;

        /** Ends the response (idempotent). */
        void close();
    }

    private static final Logger log = LoggerFactory.getLogger(BoundedStream.class);

    private final String name;
    private final Sink<E> sink;
    private final BlockingQueue<E> queue;
    private final Executor writers;
    private final Runnable onClose;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;

    /**
     * @param name     for the log when a slow client is cut off (never personal)
     * @param capacity events that may wait
     * @param writers  the shared pool that writes
     * @param onClose  runs once when the stream ends, however it ends
     */
    public BoundedStream(String name, Sink<E> sink, int capacity, Executor writers, Runnable onClose) {
        this.name = name;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writers = writers;
        this.onClose = onClose;
    }

    public boolean closed() {
        return closed.get();
    }

    /** Queues an event without waiting; false when the stream is closed, or closes it now because it is full. */
    public boolean offer(E event) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(event)) {
            log.info("Closing {}: its client does not keep up ({} events waiting)", name, queue.size());
            close();
            return false;
        }
        if (started) {
            schedule();
        }
        return true;
    }

    /** Starts writing what is queued. */
    public void start() {
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
            E next;
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
            onClose.run();
            sink.close();
        }
    }
}
