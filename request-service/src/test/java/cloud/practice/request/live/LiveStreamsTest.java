package cloud.practice.request.live;

import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fan-out's limits: a bounded send queue per stream, a bounded number of streams, and ready before all else. */
class LiveStreamsTest {

    static final Caller ADMIN = new Caller("admin-pl", Role.STATION_ADMIN, "d-1", "s-pl", Set.of("requests:read"));

    final LiveStreams streams = new LiveStreams(settings(2, 4));

    static LiveQueueSettings settings(int maxStreams, int sendQueue) {
        return new LiveQueueSettings(maxStreams, sendQueue, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofMillis(25), 100, Duration.ofMinutes(30), Duration.ofSeconds(30));
    }

    /** Records what is written; {@code hold} keeps the first write waiting, as a client that does not read. */
    static final class Recorder implements StreamSink {
        final List<LiveEvent> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch hold;
        final CountDownLatch writing = new CountDownLatch(1);
        volatile boolean closed;

        Recorder(boolean stuck) {
            hold = new CountDownLatch(stuck ? 1 : 0);
        }

        @Override
        public void send(LiveEvent event) throws IOException {
            writing.countDown();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            sent.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @AfterEach
    void stop() {
        streams.stop();
    }

    @Test
    void shouldCloseAStreamWhoseClientDoesNotKeepUp() throws Exception {
        Recorder slow = new Recorder(true);
        LiveStream stream = streams.open("d-1", "s-pl", null, ADMIN, slow, LiveEvent.ready(Instant.EPOCH));
        assertThat(slow.writing.await(30, TimeUnit.SECONDS)).as("ready is being written").isTrue();
        // ready is taken off the queue and stuck in the write; four more fill the queue of four...
        for (int i = 0; i < 4; i++) {
            assertThat(stream.offer(LiveEvent.request("req-" + i, i, "{}"))).isTrue();
        }
        assertThat(stream.closed()).isFalse();
        // ...and the fifth finds it full: the stream is closed, not grown.
        assertThat(stream.offer(LiveEvent.request("req-4", 4, "{}"))).isFalse();
        assertThat(stream.closed()).isTrue();
        assertThat(slow.closed).as("the response is ended; the client reconnects").isTrue();
        assertThat(streams.openStreams()).isZero();
        assertThat(streams.following("d-1")).isFalse();
        assertThat(stream.offer(LiveEvent.keepAlive())).as("nothing more is queued").isFalse();
        slow.hold.countDown();
    }

    @Test
    void shouldWriteReadyFirstThenChangesInOrder() {
        Recorder client = new Recorder(false);
        LiveStream stream = streams.open("d-1", null, null, ADMIN, client, LiveEvent.ready(Instant.EPOCH));
        stream.offer(LiveEvent.request("req-1", 0, "{}"));
        stream.offer(LiveEvent.request("req-1", 3, "{}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.sent.size() == 3);
        assertThat(client.sent).extracting(LiveEvent::name).containsExactly("ready", "request", "request");
        assertThat(client.sent).extracting(LiveEvent::id).containsExactly(null, "req-1:0", "req-1:3");
    }

    @Test
    void shouldRefuseStreamsBeyondTheLimitUntilOneCloses() {
        LiveStream first = streams.open("d-1", null, null, ADMIN, new Recorder(false), LiveEvent.ready(Instant.EPOCH));
        streams.open("d-2", null, null, ADMIN, new Recorder(false), LiveEvent.ready(Instant.EPOCH));
        assertThatThrownBy(() -> streams.open("d-1", null, null, ADMIN, new Recorder(false),
                LiveEvent.ready(Instant.EPOCH)))
                .isInstanceOfSatisfying(LiveQueueUnavailable.class, refused -> {
                    assertThat(refused.type()).isEqualTo("too-many-streams");
                    assertThat(refused.retryAfter()).isPositive();
                });
        assertThat(streams.openStreams()).isEqualTo(2);
        first.close();
        first.close();
        assertThat(streams.openStreams()).as("closing twice frees one place").isEqualTo(1);
        streams.open("d-1", null, null, ADMIN, new Recorder(false), LiveEvent.ready(Instant.EPOCH));
        assertThat(streams.openStreams()).isEqualTo(2);
    }

    @Test
    void shouldCloseEveryStreamAndRefuseNewOnesOnShutdown() {
        Recorder client = new Recorder(false);
        streams.open("d-1", null, null, ADMIN, client, LiveEvent.ready(Instant.EPOCH));
        streams.stop();
        assertThat(client.closed).isTrue();
        assertThat(streams.openStreams()).isZero();
        assertThatThrownBy(() -> streams.open("d-1", null, null, ADMIN, new Recorder(false),
                LiveEvent.ready(Instant.EPOCH)))
                .isInstanceOfSatisfying(LiveQueueUnavailable.class,
                        refused -> assertThat(refused.type()).isEqualTo("stream-unavailable"));
    }
}
