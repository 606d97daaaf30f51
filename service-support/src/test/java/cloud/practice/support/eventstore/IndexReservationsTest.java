package cloud.practice.support.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One counter increment for the appends waiting at once; blocks contiguous, disjoint and complete. */
class IndexReservationsTest {

    private final AtomicLong value = new AtomicLong();
    private final AtomicInteger increments = new AtomicInteger();

    @Test
    void shouldGiveAnAppendAloneItsOwnIncrement() {
        IndexReservations reservations = new IndexReservations(count -> {
            increments.incrementAndGet();
            return value.addAndGet(count);
        });

        assertThat(reservations.reserve(2)).isEqualTo(2);
        assertThat(reservations.reserve(3)).isEqualTo(5);
        assertThat(increments).hasValue(2);
    }

    @Test
    void shouldServeTheAppendsThatWaitedDuringAnIncrementWithOneIncrement() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexReservations reservations = new IndexReservations(count -> {
            if (increments.incrementAndGet() == 1) {
                firstHeld.countDown();
                awaitRelease(release);
            }
            return value.addAndGet(count);
        });
        ExecutorService appends = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> reservations.reserve(1), appends);
            assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Long>> others = new ArrayList<>();
            for (int count : new int[] {2, 3, 4}) {
                others.add(CompletableFuture.supplyAsync(() -> reservations.reserve(count), appends));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> reservations.waiting() == 3);
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            List<Long> lasts = new ArrayList<>();
            for (CompletableFuture<Long> other : others) {
                lasts.add(other.get(10, TimeUnit.SECONDS));
            }
            assertThat(increments).as("the first alone, then the three waiting together").hasValue(2);
            assertThat(value).hasValue(10);
            assertThat(blocks(List.of(1L, lasts.get(0), lasts.get(1), lasts.get(2)), List.of(1, 2, 3, 4)))
                    .as("disjoint blocks covering 1 to 10").isEqualTo(10);
        } finally {
            appends.shutdownNow();
        }
    }

    @Test
    void shouldFailEveryAppendOfAFailedIncrementAndServeTheNextOnes() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexReservations reservations = new IndexReservations(count -> {
            int increment = increments.incrementAndGet();
            if (increment == 1) {
                firstHeld.countDown();
                awaitRelease(release);
                return value.addAndGet(count);
            }
            if (increment == 2) {
                throw new IllegalStateException("the store went away");
            }
            return value.addAndGet(count);
        });
        ExecutorService appends = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> reservations.reserve(1), appends);
            assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> reservations.reserve(1), appends);
            CompletableFuture<Long> third = CompletableFuture.supplyAsync(() -> reservations.reserve(1), appends);
            await().atMost(Duration.ofSeconds(10)).until(() -> reservations.waiting() == 2);
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            for (CompletableFuture<Long> failed : List.of(second, third)) {
                assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                        .hasRootCauseInstanceOf(IllegalStateException.class).hasMessageContaining("went away");
            }
            assertThat(reservations.reserve(2)).as("the next append after the failure").isEqualTo(3);
        } finally {
            appends.shutdownNow();
        }
    }

    @Test
    void shouldHandOutContiguousDisjointBlocksToManyConcurrentAppends() throws Exception {
        IndexReservations reservations = new IndexReservations(count -> {
            increments.incrementAndGet();
            return value.addAndGet(count);
        });
        int threads = 8;
        int perThread = 500;
        ExecutorService appends = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<List<long[]>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(CompletableFuture.supplyAsync(() -> {
                    List<long[]> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int count = 1 + (seed + i) % 3;
                        mine.add(new long[] {reservations.reserve(count), count});
                    }
                    return mine;
                }, appends));
            }
            List<Long> lasts = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (CompletableFuture<List<long[]>> result : results) {
                for (long[] block : result.get(60, TimeUnit.SECONDS)) {
                    lasts.add(block[0]);
                    counts.add((int) block[1]);
                }
            }
            long total = counts.stream().mapToLong(Integer::longValue).sum();
            assertThat(blocks(lasts, counts)).isEqualTo(total);
            assertThat(value).hasValue(total);
            assertThat(increments.get()).isLessThanOrEqualTo(threads * perThread);
        } finally {
            appends.shutdownNow();
        }
    }

    /** Checks that the blocks are disjoint and cover 1..n without holes; returns n. */
    private static long blocks(List<Long> lasts, List<Integer> counts) {
        TreeMap<Long, Long> byFirst = new TreeMap<>();
        for (int i = 0; i < lasts.size(); i++) {
            long first = lasts.get(i) - counts.get(i) + 1;
            assertThat(byFirst.put(first, lasts.get(i))).as("two blocks starting at " + first).isNull();
        }
        long expected = 1;
        for (var block : byFirst.entrySet()) {
            assertThat(block.getKey()).as("the block after " + (expected - 1)).isEqualTo(expected);
            expected = block.getValue() + 1;
        }
        return expected - 1;
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
