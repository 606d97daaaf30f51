package cloud.practice.request.open311.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule: doubling from the initial wait, capped. */
class WebhookDispatcherTest {

    @Test
    void shouldDoubleTheWaitAfterEachFailureUpToTheCap() {
        Duration initial = Duration.ofSeconds(2);
        Duration max = Duration.ofMinutes(10);

        assertThat(WebhookDispatcher.backoff(initial, max, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookDispatcher.backoff(initial, max, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(WebhookDispatcher.backoff(initial, max, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(WebhookDispatcher.backoff(initial, max, 9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(WebhookDispatcher.backoff(initial, max, 10)).as("capped").isEqualTo(max);
        assertThat(WebhookDispatcher.backoff(initial, max, 200)).as("no overflow").isEqualTo(max);
    }
}
