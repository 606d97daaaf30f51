package cloud.practice.notification.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings as Spring binds them, and the channels' back-off: doubling from the first wait, capped. */
class NotificationSettingsTest {

    @Test
    void shouldDoubleTheWaitAfterEachFailureUpToTheLongestWait() {
        NotificationSettings.Delivery delivery = bind(Map.of()).delivery();

        assertThat(delivery.firstBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.maxBackoff()).isEqualTo(Duration.ofMinutes(30));
        assertThat(delivery.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delivery.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(delivery.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(delivery.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(delivery.backoff(6)).isEqualTo(Duration.ofMinutes(16));
        assertThat(delivery.backoff(7)).as("32 min, capped").isEqualTo(Duration.ofMinutes(30));
        assertThat(delivery.backoff(8)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldNeitherOverflowNorGoBelowTheFirstWait() {
        NotificationSettings.Delivery delivery = bind(Map.of()).delivery();

        assertThat(delivery.backoff(64)).isEqualTo(Duration.ofMinutes(30));
        assertThat(delivery.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(delivery.backoff(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.backoff(-3)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldCapAtALongestWaitThatIsNoPowerOfTwoOfTheFirst() {
        NotificationSettings.Delivery delivery = bind(Map.of(
                "practice.notification.delivery.first-backoff", "200ms",
                "practice.notification.delivery.max-backoff", "500ms")).delivery();

        assertThat(delivery.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(delivery.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(delivery.backoff(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(delivery.backoff(30)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldBindTheDefaultsOfTheAdr() {
        NotificationSettings settings = bind(Map.of());

        assertThat(settings.defaultZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(settings.slaLead()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.checkInLead()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.activityLead()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.pairingDormantAfter()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.delivery().maxAttempts()).isEqualTo(6);
        assertThat(settings.delivery().unlinkedWait()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldTakeADistrictsOwnZoneAndLeadOverTheDefaults() {
        NotificationSettings settings = bind(Map.of(
                "practice.notification.zones.xj-tianshan", "Asia/Urumqi",
                "practice.notification.sla-leads.xj-tianshan", "PT1H"));

        assertThat(settings.zone("xj-tianshan")).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(settings.slaLead("xj-tianshan")).isEqualTo(Duration.ofHours(1));
        assertThat(settings.zone("cq-jiulongpo")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(settings.slaLead("cq-jiulongpo")).isEqualTo(Duration.ofMinutes(30));
    }

    private static NotificationSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("practice.notification", NotificationSettings.class);
    }
}
