package cloud.practice.auth.brake;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    final Backoff backoff = new Backoff(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void shouldNotLockBelowTheThreshold() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(backoff.lockoutAfter(failures)).isZero();
        }
    }

    @Test
    void shouldDoubleTheLockoutWithEveryFailurePastTheThreshold() {
        assertThat(backoff.lockoutAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.lockoutAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.lockoutAfter(7)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.lockoutAfter(9)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void shouldCapTheLockoutWhenFailuresAreMany() {
        assertThat(backoff.lockoutAfter(10)).as("960 s capped").isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.lockoutAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.lockoutAfter(Integer.MAX_VALUE)).as("no overflow, no long loop")
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(new Backoff(1, Duration.ofDays(1), Duration.ofDays(1)).lockoutAfter(64))
                .isEqualTo(Duration.ofDays(1));
    }
}
