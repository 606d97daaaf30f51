package cloud.practice.support.eventstore;

import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Controls appends between reserving global indexes and inserting: hold one, fail one (a crash after reserving),
 * delay each, or delay at random, to produce the interleavings that concurrent service instances produce.
 */
final class HeldAppends {

    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private volatile CountDownLatch holding;
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile boolean failNext;
    private volatile Duration delay = Duration.ZERO;
    private volatile int randomDelayPercent;

    MongoEventStorageEngine.Builder builder() {
        return new MongoEventStorageEngine.Builder() {
            @Override
            public MongoEventStorageEngine build() {
                return new MongoEventStorageEngine(this) {
                    @Override
                    protected void beforeInsert(List<Document> documents) {
                        intercept();
                    }
                };
            }
        };
    }

    void holdNext() {
        holding = new CountDownLatch(1);
        hold.set(holding);
    }

    void awaitHeld() throws InterruptedException {
        if (!held.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the append never reached the hold");
        }
    }

    void release() {
        holding.countDown();
    }

    void failNext() {
        failNext = true;
    }

    void delayEachBy(Duration delay) {
        this.delay = delay;
    }

    /** Delays that share of appends by up to 15 ms. */
    void delayAtRandom(int percent) {
        this.randomDelayPercent = percent;
    }

    private void intercept() {
        CountDownLatch latch = hold.getAndSet(null);
        try {
            if (latch != null) {
                held.countDown();
                latch.await(10, TimeUnit.SECONDS);
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("simulated crash after reserving the global index");
            }
            Thread.sleep(delay.toMillis());
            if (randomDelayPercent > 0 && ThreadLocalRandom.current().nextInt(100) < randomDelayPercent) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 16));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
