package cloud.practice.support.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A record waits for a missing fact within its patience, then goes on without it; outside a record, nobody waits. */
class FactWaitsTest {

    private static final Optional<String> MISSING = Optional.empty();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldMakeARecordWaitForAMissingFactWithinItsPatience() {
        FactWaits waits = new FactWaits(Duration.ofMinutes(1), meters);
        assertThatThrownBy(() -> waits.during(event("e-1"), () -> waits.await("unit s-1", () -> MISSING)))
                .isInstanceOf(FactNotYetKnown.class).hasMessageContaining("unit s-1").hasMessageContaining("req-1");
        AtomicReference<Optional<String>> found = new AtomicReference<>();
        waits.during(event("e-1"), () -> found.set(waits.await("unit s-1", () -> Optional.of("东山社区服务站"))));
        assertThat(found.get()).contains("东山社区服务站");
        assertThat(count("waited")).isEqualTo(1);
        assertThat(count("went-on")).isZero();
    }

    @Test
    void shouldFindAFactThatComesAMomentLaterWithoutSendingTheRecordRound() {
        FactWaits waits = new FactWaits(Duration.ofMinutes(1), meters);
        AtomicInteger lookups = new AtomicInteger();
        AtomicReference<Optional<String>> found = new AtomicReference<>();
        waits.during(event("e-5"), () -> found.set(waits.await("unit s-6",
                () -> lookups.incrementAndGet() < 3 ? MISSING : Optional.of("西山社区服务站"))));
        assertThat(found.get()).contains("西山社区服务站");
        assertThat(lookups).hasValue(3);
        assertThat(count("waited")).isZero();
        assertThat(count("went-on")).isZero();
    }

    @Test
    void shouldLetARecordGoOnWithoutTheFactOnceItsPatienceRanOut() {
        FactWaits waits = new FactWaits(Duration.ZERO, meters);
        AtomicReference<Optional<String>> found = new AtomicReference<>(Optional.of("not looked up"));
        waits.during(event("e-2"), () -> found.set(waits.await("menu item VISIT", () -> MISSING)));
        assertThat(found.get()).isEmpty();
        assertThat(count("went-on")).isEqualTo(1);
    }

    @Test
    void shouldCountThePatienceFromTheFirstMissPerRecord() {
        FactWaits waits = new FactWaits(Duration.ofMinutes(1), meters);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> waits.during(event("e-3"), () -> waits.await("unit s-3", () -> MISSING)))
                    .isInstanceOf(FactNotYetKnown.class);
        }
        // Another record misses its own fact with its own patience.
        assertThatThrownBy(() -> waits.during(event("e-4"), () -> waits.await("unit s-4", () -> MISSING)))
                .isInstanceOf(FactNotYetKnown.class);
    }

    @Test
    void shouldNotWaitOutsideTheHandlingOfARecord() {
        FactWaits waits = new FactWaits(Duration.ofMinutes(1), meters);
        assertThat(waits.await("unit s-5", () -> MISSING)).isEmpty();
    }

    private double count(String outcome) {
        return meters.counter(FactWaits.METRIC, "outcome", outcome).count();
    }

    private static InboundEvent event(String id) {
        return new InboundEvent(id, "cloud.practice.request.RequestDispatched.v1", "req-1", "d-1", 3,
                OffsetDateTime.parse("2026-12-07T10:30:00+08:00"), null, null, null, null);
    }
}
