package cloud.practice.reporting.report;

import cloud.practice.reporting.scenario.DistrictScenario;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {

    @Test
    void shouldCutARangeIntoPeriodsClippedAtBothEnds() {
        assertThat(Period.cover(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 5), Granularity.MONTH))
                .containsExactly(new Period("2026-01", LocalDate.of(2026, 1, 20), LocalDate.of(2026, 1, 31)),
                        new Period("2026-02", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)),
                        new Period("2026-03", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5)));
    }

    @Test
    void shouldLabelIsoWeeksFromMonday() {
        // 2026-01-01 is a Thursday: it belongs to ISO week 1 of 2026, which starts on Monday 2025-12-29.
        assertThat(Granularity.WEEK.startOf(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(Granularity.WEEK.label(LocalDate.of(2025, 12, 29))).isEqualTo("2026-W01");
        assertThat(Period.cover(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 12), Granularity.WEEK))
                .extracting(Period::label).containsExactly("2026-W01", "2026-W02", "2026-W03");
        assertThat(Period.count(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Granularity.DAY)).isEqualTo(365);
        assertThat(Granularity.YEAR.label(LocalDate.of(2026, 1, 1))).isEqualTo("2026");
    }

    @Test
    void shouldBucketInTheDistrictsZoneNotInUtc() {
        // 31 March 17:30 UTC is already 1 April 01:30 in Chongqing.
        Instant lateMarchUtc = Instant.parse("2026-03-31T17:30:00Z");
        LocalDate local = lateMarchUtc.atZone(DistrictScenario.ZONE).toLocalDate();
        assertThat(local).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(Granularity.MONTH.label(Granularity.MONTH.startOf(local))).isEqualTo("2026-04");
    }
}
