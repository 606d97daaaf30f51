package cloud.practice.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final TokenBuckets buckets = new TokenBuckets(now::get, 3, 60 * SECOND);

    @Test
    void shouldAllowTheBurstThenRefuseWithTheTimeUntilTheNextToken() {
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.tryTake("a", 2, 5).allowed()).isTrue();
        }
        TokenBuckets.Decision refused = buckets.tryTake("a", 2, 5);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.waitNanos()).isEqualTo(SECOND / 2);

        now.addAndGet(SECOND / 2);
        assertThat(buckets.tryTake("a", 2, 5).allowed()).isTrue();
        assertThat(buckets.tryTake("a", 2, 5).allowed()).isFalse();
    }

    @Test
    void shouldKeepOneBucketPerKey() {
        assertThat(buckets.tryTake("a", 1, 1).allowed()).isTrue();
        assertThat(buckets.tryTake("a", 1, 1).allowed()).isFalse();
        assertThat(buckets.tryTake("b", 1, 1).allowed()).isTrue();
    }

    @Test
    void shouldNeverHoldMoreThanTheBurstAfterALongPause() {
        assertThat(buckets.tryTake("a", 10, 3).allowed()).isTrue();
        now.addAndGet(3_600 * SECOND);
        int allowed = 0;
        while (buckets.tryTake("a", 10, 3).allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void shouldForgetRefilledBucketsWhenFullSoMadeUpClientIdsCannotGrowTheMap() {
        buckets.tryTake("a", 1, 1);
        buckets.tryTake("b", 1, 1);
        buckets.tryTake("c", 1, 1);
        assertThat(buckets.size()).isEqualTo(3);

        now.addAndGet(2 * SECOND);
        buckets.tryTake("d", 1, 1);
        assertThat(buckets.size()).as("a, b, c refilled and were dropped to make room").isEqualTo(1);

        // a bucket that is still draining is kept: forgetting it would hand out a fresh burst
        buckets.tryTake("e", 1, 5);
        now.addAndGet(61 * SECOND);
        buckets.tryTake("f", 1, 100);
        assertThat(buckets.tryTake("f", 1, 100).allowed()).isTrue();
        assertThat(buckets.size()).isLessThanOrEqualTo(3);
    }
}
