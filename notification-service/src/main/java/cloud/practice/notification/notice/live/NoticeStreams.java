package cloud.practice.notification.notice.live;

import cloud.practice.notification.config.NotificationSettings;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.NoticeView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.live.BoundedStream;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The inboxes' live streams on this replica (ADR 0023): {@code ready}, then a {@code notice} event for each new notice
 * of the stream's recipients, and keep-alive comments. A notice this replica raises goes out at once; one another
 * replica raised is found by {@link #look}, which reads the notices created since its last look (with a margin for
 * clocks) for the districts some stream follows — each stream remembers what it sent, so nothing goes twice. Each
 * stream has its own bounded queue written by a small shared pool; a client that does not keep up is cut off and
 * reconnects.
 */
@Component
public class NoticeStreams implements DisposableBean {

    /** Notices written by another replica a little before our last look still count. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    private static final int REMEMBERED = 512;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final NoticeStore notices;
    private final NotificationSettings.Live settings;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService writers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "notice-stream-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant lastLook;
    private volatile Instant lastKeepAlive;

    public NoticeStreams(NoticeStore notices, NotificationSettings settings, Clock clock, ObjectMapper json,
                         MeterRegistry meters) {
        this.notices = notices;
        this.settings = settings.live();
        this.clock = clock;
        this.json = json;
        this.lastLook = clock.instant();
        this.lastKeepAlive = clock.instant();
        meters.gauge("practice.notification.live.streams", streams, Set::size);
    }

    /** Opens a stream of these recipients' new notices; 503 {@code too-many-streams} when the replica is full. */
    public SseEmitter open(String districtId, Collection<String> recipients) {
        if (streams.size() >= settings.maxStreams()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams",
                    "This replica has its " + settings.maxStreams() + " live streams open; try again shortly",
                    Map.of("retryAfter", 5));
        }
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        Stream stream = new Stream(districtId, Set.copyOf(recipients), emitter);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        streams.add(stream);
        stream.offer(SseEmitter.event().name("ready").data(Map.of("at", clock.instant().toString())), null);
        return emitter;
    }

    /** A notice raised on this replica, at once to its recipient's streams. */
    public void raised(Notice notice, Instant createdAt) {
        if (streams.isEmpty()) {
            return;
        }
        send(NoticeView.of(notice, createdAt, null), notice.districtId(), notice.recipient().key());
    }

    /** What other replicas raised since the last look, and keep-alives. Called on a beat. */
    public void look() {
        Instant now = clock.instant();
        if (!streams.isEmpty()) {
            Set<String> districts = new HashSet<>();
            streams.forEach(stream -> districts.add(stream.district));
            Instant from = lastLook.minus(MARGIN);
            for (NoticeStore.Stored stored : notices.createdAfter(from, districts, 1_000)) {
                send(NoticeView.of(stored), stored.notice().districtId(), stored.notice().recipient().key());
            }
        }
        lastLook = now;
        if (Duration.between(lastKeepAlive, now).compareTo(settings.keepAlive()) >= 0) {
            lastKeepAlive = now;
            streams.forEach(stream -> stream.offer(SseEmitter.event().comment("keep-alive"), null));
        }
    }

    private void send(NoticeView view, String districtId, String recipient) {
        String data;
        try {
            data = json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (Stream stream : streams) {
            if (stream.district.equals(districtId) && stream.recipients.contains(recipient)) {
                stream.offer(SseEmitter.event().name("notice").id(view.id()).data(data), view.id());
            }
        }
    }

    @Override
    public void destroy() {
        List.copyOf(streams).forEach(Stream::close);
        writers.shutdownNow();
    }

    /** One open inbox: what it follows, what it sent, and its bounded queue. */
    private final class Stream {

        private final String district;
        private final Set<String> recipients;
        private final BoundedStream<SseEmitter.SseEventBuilder> out;
        private final Set<String> sent = new LinkedHashSet<>();
        private final Deque<String> sentOrder = new ArrayDeque<>();

        Stream(String district, Set<String> recipients, SseEmitter emitter) {
            this.district = district;
            this.recipients = recipients;
            this.out = new BoundedStream<>("a live inbox of " + district, new BoundedStream.Sink<>() {
                @Override
                public void send(SseEmitter.SseEventBuilder event) throws IOException {
                    emitter.send(event);
                }

                @Override
                public void close() {
                    try {
                        emitter.complete();
                    } catch (RuntimeException alreadyDone) {
                        // the response was completed or failed already
                    }
                }
            }, settings.sendQueue(), writers, () -> streams.remove(this));
            out.start();
        }

        /** Queues without waiting; a notice already sent on this stream is not queued again. */
        void offer(SseEmitter.SseEventBuilder event, String noticeId) {
            if (noticeId != null) {
                synchronized (sent) {
                    if (!sent.add(noticeId)) {
                        return;
                    }
                    sentOrder.add(noticeId);
                    if (sentOrder.size() > REMEMBERED) {
                        sent.remove(sentOrder.poll());
                    }
                }
            }
            out.offer(event);
        }

        void close() {
            out.close();
        }
    }
}
