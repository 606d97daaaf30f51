package cloud.practice.request.live;

import cloud.practice.events.ServicePlatform;
import cloud.practice.support.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams of this replica, by district: at most {@code maxStreams}, each with its own bounded send
 * queue ({@link LiveStream}), all kept alive by a comment every {@code keepAlive}, all closed on shutdown (before the
 * web server's graceful shutdown waits for open requests).
 */
public class LiveStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final LiveQueueSettings settings;
    private final Map<String, Set<LiveStream>> byDistrict = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ThreadPoolExecutor writers;
    private final ScheduledExecutorService keepAlives;
    private volatile boolean running;
    private volatile boolean stopped;

    public LiveStreams(LiveQueueSettings settings) {
        this.settings = settings;
        // Writes block only while a client's connection is full; such a client soon has a full queue and is closed.
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        this.writers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), named("live-queue-writer"));
        this.writers.allowCoreThreadTimeOut(true);
        this.keepAlives = Executors.newSingleThreadScheduledExecutor(named("live-queue-keep-alive"));
    }

    /**
     * Registers a stream and starts it with {@code first}, which is written before any change offered to it.
     *
     * @throws LiveQueueUnavailable {@code too-many-streams} at the limit, {@code stream-unavailable} when shutting down
     */
    public LiveStream open(String district, String unitId, Set<ServicePlatform> platforms, Caller caller,
                           StreamSink sink, LiveEvent first) {
        if (stopped) {
            throw LiveQueueUnavailable.shuttingDown();
        }
        int now;
        do {
            now = open.get();
            if (now >= settings.maxStreams()) {
                throw LiveQueueUnavailable.tooManyStreams(settings.maxStreams());
            }
        } while (!open.compareAndSet(now, now + 1));
        LiveStream stream = new LiveStream(district, unitId, platforms, caller, sink, settings.sendQueue(), writers,
                this::closed);
        stream.offer(first);
        byDistrict.computeIfAbsent(district, key -> ConcurrentHashMap.newKeySet()).add(stream);
        // Registered first, written after: every change from now on is queued behind the first event.
        stream.start();
        return stream;
    }

    private void closed(LiveStream stream) {
        Set<LiveStream> streams = byDistrict.get(stream.district());
        if (streams != null && streams.remove(stream)) {
            open.decrementAndGet();
        }
    }

    /** Whether any stream follows the district (changes of other districts are not even looked up). */
    public boolean following(String district) {
        Set<LiveStream> streams = byDistrict.get(district);
        return streams != null && !streams.isEmpty();
    }

    public Collection<LiveStream> of(String district) {
        Set<LiveStream> streams = byDistrict.get(district);
        return streams == null ? List.of() : streams;
    }

    /** Open streams of this replica (the gauge {@code practice.request.live.streams}). */
    public int openStreams() {
        return open.get();
    }

    /** Closes every stream: their clients reconnect and fetch again (a backlog this replica cannot serve). */
    public void closeAll() {
        List<LiveStream> all = new ArrayList<>();
        byDistrict.values().forEach(all::addAll);
        all.forEach(LiveStream::close);
    }

    void keepAlive() {
        byDistrict.values().forEach(streams -> streams.forEach(stream -> stream.offer(LiveEvent.keepAlive())));
    }

    @Override
    public void start() {
        long every = settings.keepAlive().toMillis();
        keepAlives.scheduleWithFixedDelay(() -> {
            try {
                keepAlive();
            } catch (RuntimeException e) {
                log.warn("Keep-alive round failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Runs before the web server's graceful shutdown (a higher phase stops first): open streams end cleanly. */
    @Override
    public void stop() {
        stopped = true;
        running = false;
        keepAlives.shutdownNow();
        closeAll();
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
