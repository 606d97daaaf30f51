package cloud.practice.support.web.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BoundedStreamTest {

    final ExecutorService writers = Executors.newFixedThreadPool(2);
    final List<String> written = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger sinkCloses = new AtomicInteger();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    BoundedStream.Sink<String> recorder(CountDownLatch gate) {
        return new BoundedStream.Sink<>() {
            @Override
            public void send(String event) throws IOException {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (event.equals("boom")) {
                    throw new IOException("the client went away");
                }
                written.add(event);
            }

            @Override
            public void close() {
                sinkCloses.incrementAndGet();
            }
        };
    }

    @Test
    void shouldHoldEventsOfferedBeforeTheStartThenWriteAllInOrder() {
        BoundedStream<String> stream = new BoundedStream<>("test", recorder(new CountDownLatch(0)), 10, writers,
                closes::incrementAndGet);
        stream.offer("ready");
        assertThat(written).isEmpty();
        stream.start();
        for (int i = 0; i < 5; i++) {
            stream.offer("e" + i);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> written.size() == 6);
        assertThat(written).containsExactly("ready", "e0", "e1", "e2", "e3", "e4");
        assertThat(stream.closed()).isFalse();
    }

    @Test
    void shouldCloseOnceWhenTheClientDoesNotKeepUp() {
        CountDownLatch stuck = new CountDownLatch(1);
        BoundedStream<String> stream = new BoundedStream<>("test", recorder(stuck), 2, writers,
                closes::incrementAndGet);
        stream.start();
        stream.offer("first");
        // The writer holds "first" in the stuck sink; two more fill the queue, the next does not fit.
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            stream.offer("more");
            return stream.closed();
        });
        assertThat(stream.offer("after")).isFalse();
        stream.close();
        stuck.countDown();
        assertThat(closes).hasValue(1);
        assertThat(sinkCloses).hasValue(1);
    }

    @Test
    void shouldCloseWhenAWriteFails() {
        BoundedStream<String> stream = new BoundedStream<>("test", recorder(new CountDownLatch(0)), 10, writers,
                closes::incrementAndGet);
        stream.start();
        stream.offer("a");
        stream.offer("boom");
        stream.offer("b");
        await().atMost(10, TimeUnit.SECONDS).until(stream::closed);
        assertThat(written).doesNotContain("b");
        assertThat(closes).hasValue(1);
    }
}
