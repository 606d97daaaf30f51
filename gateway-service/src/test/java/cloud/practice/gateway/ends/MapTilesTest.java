package cloud.practice.gateway.ends;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A district's map tile server: what is accepted, what the pages are told and what the policy then allows. */
class MapTilesTest {

    private static final String ATTRIBUTION = "© 区规划和自然资源局";

    @Test
    void shouldAllowNothingFromElsewhereWhenNoTilesAreConfigured() {
        MapTiles none = new MapTiles(" ", null, null, 18);
        assertThat(none.configured()).isFalse();
        assertThat(none.forPages()).isEmpty();
        assertThat(PeopleEndsRoutes.securityHeaders(none)).containsEntry("Content-Security-Policy",
                PeopleEndsRoutes.POLICY);
        assertThat(PeopleEndsRoutes.POLICY).contains("img-src 'self' data: blob:;");
    }

    @Test
    void shouldAddEachSubdomainsOriginToTheImageSourcesOnly() {
        MapTiles tiles = new MapTiles("https://t{s}.tiles.example.cn:8443/vec/{z}/{x}/{y}.png", ATTRIBUTION,
                List.of("0", "1"), 17);
        assertThat(tiles.origins()).containsExactly("https://t0.tiles.example.cn:8443",
                "https://t1.tiles.example.cn:8443");
        String policy = PeopleEndsRoutes.securityHeaders(tiles).get("Content-Security-Policy");
        assertThat(policy).contains("img-src 'self' data: blob: https://t0.tiles.example.cn:8443 "
                + "https://t1.tiles.example.cn:8443; ").contains("connect-src 'self';").contains("script-src 'self' 'wasm-unsafe-eval';");
        assertThat(tiles.forPages()).isEqualTo(Map.of("tiles", "https://t{s}.tiles.example.cn:8443/vec/{z}/{x}/{y}.png",
                "attribution", ATTRIBUTION, "subdomains", List.of("0", "1"), "maxZoom", 17));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://tiles.example.cn/{z}/{x}/{y}.png|" + ATTRIBUTION + "|https URL",
            "https://tiles.example.cn/{z}/{x}.png|" + ATTRIBUTION + "|{z}, {x} and {y}",
            "https://tiles.example.cn/{z}/{x}/{y}.png||attribution",
            "https://t{s}.tiles.example.cn/{z}/{x}/{y}.png|" + ATTRIBUTION + "|name the subdomains",
            "https://user@tiles.example.cn/{z}/{x}/{y}.png|" + ATTRIBUTION + "|no user",
            "//tiles.example.cn/{z}/{x}/{y}.png|" + ATTRIBUTION + "|https URL"})
    void shouldRefuseATileServerThePagesCouldNotUseSafely(String template, String attribution, String reason) {
        assertThatThrownBy(() -> new MapTiles(template, attribution, null, 18))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void shouldRefuseSubdomainsThatAreNotHostLabelsAndZoomsNoServerHas() {
        assertThatThrownBy(() -> new MapTiles("https://t{s}.example.cn/{z}/{x}/{y}", ATTRIBUTION,
                List.of("a", "b.evil.com/x"), 18)).hasMessageContaining("not a host name label");
        assertThatThrownBy(() -> new MapTiles("https://example.cn/{z}/{x}/{y}", ATTRIBUTION, null, 30))
                .hasMessageContaining("max-zoom");
    }
}
