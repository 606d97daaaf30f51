package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;
import cloud.practice.request.open311.Open311Fixture;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading parameters and jurisdictions, each refusal in the spec's terms. */
class GeoReportParametersTest {

    @Test
    void shouldReadDatesOnlyWithAnOffset() {
        assertThat(GeoReportParameters.datetime("start_date", "2026-03-07T09:30:00+08:00"))
                .isEqualTo(Instant.parse("2026-03-07T01:30:00Z"));
        assertThat(GeoReportParameters.datetime("start_date", "2026-03-07T01:30:00Z"))
                .isEqualTo(Instant.parse("2026-03-07T01:30:00Z"));
        assertThat(GeoReportParameters.datetime("start_date", "2026-03-07T09:30:00 08:00"))
                .as("a '+' that arrived as a space")
                .isEqualTo(Instant.parse("2026-03-07T01:30:00Z"));
        assertThat(GeoReportParameters.datetime("start_date", null)).isNull();
        assertThatThrownBy(() -> GeoReportParameters.datetime("end_date", "2026-03-07T09:30:00"))
                .isInstanceOf(Open311Exception.class).hasMessageStartingWith("end_date must be an ISO 8601");
        assertThatThrownBy(() -> GeoReportParameters.datetime("end_date", "2026-03-07"))
                .isInstanceOf(Open311Exception.class);
    }

    @Test
    void shouldReadCoordinatesOnlyInRangeAndInPairs() {
        assertThat(GeoReportController.location("29.5", "106.5").latitude()).isEqualTo(29.5);
        assertThat(GeoReportController.location(null, "")).isNull();
        for (String[] bad : new String[][]{{"91", "106"}, {"29", "-181"}, {"NaN", "106"}, {"29", null}, {"north", "1"}}) {
            assertThatThrownBy(() -> GeoReportController.location(bad[0], bad[1])).as(String.join(",", bad))
                    .isInstanceOf(Open311Exception.class)
                    .satisfies(e -> assertThat(((Open311Exception) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
    }

    @Test
    void shouldReadListsAndNumbersWithinTheirLimits() {
        assertThat(GeoReportParameters.list("status", "open, closed,open", Pattern.compile("open|closed"), 2))
                .containsExactly("open", "closed");
        assertThatThrownBy(() -> GeoReportParameters.list("status", "pending", Pattern.compile("open|closed"), 2))
                .hasMessage("status has an invalid value 'pending'");
        assertThat(GeoReportParameters.integer("page", null, 1, 1, 10)).isEqualTo(1);
        assertThatThrownBy(() -> GeoReportParameters.integer("page_size", "1001", 1000, 1, 1000))
                .isInstanceOf(Open311Exception.class);
        assertThat(GeoReportParameters.file("req-1.2.json")).containsExactly("req-1.2", "json");
        assertThatThrownBy(() -> GeoReportParameters.file("CARE-ESCORT")).isInstanceOf(Open311Exception.class);
    }

    @Test
    void shouldLetJurisdictionIdBeLeftOutOnlyWhenOneIsServed() {
        Jurisdictions one = new Jurisdictions(Open311Fixture.settings(List.of("cq-jiulongpo")));
        assertThat(one.district(null)).isEqualTo("cq-jiulongpo");
        assertThat(one.district("cq-jiulongpo")).isEqualTo("cq-jiulongpo");
        assertThatThrownBy(() -> one.district("cq-yuzhong")).isInstanceOf(Open311Exception.class)
                .satisfies(e -> assertThat(((Open311Exception) e).status()).isEqualTo(HttpStatus.NOT_FOUND));

        Jurisdictions two = new Jurisdictions(Open311Fixture.settings(List.of("cq-jiulongpo", "cq-yuzhong")));
        assertThatThrownBy(() -> two.district("")).isInstanceOf(Open311Exception.class)
                .satisfies(e -> assertThat(((Open311Exception) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(two.district("cq-yuzhong")).isEqualTo("cq-yuzhong");
    }

    @Test
    void shouldOpenAJurisdictionOnlyToItsMachineClientsWithTheScope() {
        Jurisdictions served = new Jurisdictions(Open311Fixture.settings(List.of("cq-jiulongpo", "cq-yuzhong")));
        Caller hotline = new Caller("hotline", Role.SYSTEM, "cq-jiulongpo", null, Set.of(Scopes.REQUESTS_READ));
        Caller platform = new Caller("ops", Role.SYSTEM, null, null, Set.of(Scopes.REQUESTS_READ));
        Caller admin = new Caller("admin", Role.DISTRICT_ADMIN, "cq-jiulongpo", "center", Set.copyOf(Scopes.ALL));

        assertThat(served.authorise(hotline, "cq-jiulongpo", Scopes.REQUESTS_READ)).isEqualTo("cq-jiulongpo");
        assertThat(served.authorise(platform, "cq-yuzhong", Scopes.REQUESTS_READ)).isEqualTo("cq-yuzhong");
        for (Runnable refused : List.<Runnable>of(
                () -> served.authorise(hotline, "cq-yuzhong", Scopes.REQUESTS_READ),
                () -> served.authorise(hotline, "cq-jiulongpo", Scopes.REQUESTS_WRITE),
                () -> served.authorise(admin, "cq-jiulongpo", Scopes.REQUESTS_READ))) {
            assertThatThrownBy(refused::run).isInstanceOf(Open311Exception.class)
                    .satisfies(e -> assertThat(((Open311Exception) e).status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
    }
}
