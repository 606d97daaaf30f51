package cloud.practice.request.open311;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public view per jurisdiction: its own settings, over the common ones, over the built-in defaults. */
class Open311SettingsTest {

    @Test
    void shouldOpenThePublicViewByDefaultAtThreeDecimalsWithDescriptions() {
        Open311Settings settings = bind(Map.of());

        assertThat(settings.publicView("cq-jiulongpo")).isEqualTo(new Open311Settings.PublicView(true, 3, true));
        assertThat(settings.readYourWrite()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldTakeEachJurisdictionsOwnSettingsOverTheCommonOnes() {
        Open311Settings settings = bind(Map.of(
                "practice.open311.public-view.location-decimals", "2",
                "practice.open311.public-view-overrides.cq-yuzhong.enabled", "false",
                "practice.open311.public-view-overrides.cq-dadukou.descriptions", "false"));

        assertThat(settings.publicView("cq-jiulongpo")).isEqualTo(new Open311Settings.PublicView(true, 2, true));
        assertThat(settings.publicView("cq-yuzhong")).isEqualTo(new Open311Settings.PublicView(false, 2, true));
        assertThat(settings.publicView("cq-dadukou")).isEqualTo(new Open311Settings.PublicView(true, 2, false));
    }

    @Test
    void shouldRefuseAPrecisionThatIsNoNumberOfDecimalPlaces() {
        assertThatThrownBy(() -> bind(Map.of("practice.open311.public-view-overrides.cq-x.location-decimals", "7")))
                .hasStackTraceContaining("location-decimals must be 0 to 6");
    }

    private static Open311Settings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("practice.open311", Open311Settings.class);
    }
}
