package cloud.practice.notification.rules;

import cloud.practice.events.request.Stage;
import cloud.practice.notification.config.NotificationSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The times in the notices' words, in the district's zone, and the pages they link to. */
class TextsTest {

    final Texts texts = new Texts(new Binder(new MapConfigurationPropertySource(Map.of(
            "practice.notification.zones.xj-tianshan", "Asia/Urumqi",
            "practice.notification.zones.gb-test", "Europe/London")))
            .bindOrCreate("practice.notification", NotificationSettings.class));

    @Test
    void shouldWriteATimeInChinaStandardTimeByDefault() {
        assertThat(texts.when("cq-jiulongpo", Instant.parse("2026-12-07T01:30:00Z"))).isEqualTo("12月7日 09:30");
        // Month and day without a leading zero, hours with one, on a 24-hour clock.
        assertThat(texts.when("cq-jiulongpo", Instant.parse("2026-03-04T22:05:59Z"))).isEqualTo("3月5日 06:05");
        assertThat(texts.when("cq-jiulongpo", Instant.parse("2026-06-30T05:00:00Z"))).isEqualTo("6月30日 13:00");
    }

    @Test
    void shouldWriteATimeInTheDistrictsOwnZone() {
        Instant at = Instant.parse("2026-12-07T17:30:00Z");

        assertThat(texts.when("cq-jiulongpo", at)).isEqualTo("12月8日 01:30");
        assertThat(texts.when("xj-tianshan", at)).isEqualTo("12月7日 23:30");
        // A zone with summer time: the same clock time of day is another instant in July.
        assertThat(texts.when("gb-test", Instant.parse("2026-12-07T09:00:00Z"))).isEqualTo("12月7日 09:00");
        assertThat(texts.when("gb-test", Instant.parse("2026-07-07T09:00:00Z"))).isEqualTo("7月7日 10:00");
    }

    @Test
    void shouldNameEveryStageAndFallBackToAServiceWithoutAName() {
        assertThat(Texts.stage(Stage.REVIEW)).isEqualTo("审核");
        assertThat(Texts.stage(Stage.DISPATCH)).isEqualTo("派单");
        assertThat(Texts.stage(Stage.ACCEPT)).isEqualTo("接单");
        assertThat(Texts.stage(Stage.COMPLETE)).isEqualTo("完成服务");
        assertThat(Texts.service(null)).isEqualTo("志愿服务");
        assertThat(Texts.service("家电维修")).isEqualTo("家电维修");
    }

    @Test
    void shouldLinkToThePeoplesAppAndTheStaffConsoleAsTheGatewayServesThem() {
        assertThat(Texts.appLink("/orders/req-1")).isEqualTo("/app/#/orders/req-1");
        assertThat(Texts.consoleLink("/orders/req-1")).isEqualTo("/app/console.html#/orders/req-1");
    }
}
