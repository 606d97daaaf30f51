package cloud.practice.reporting.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tallies add up to the figures of the whole: ratios of the sums, percentiles over every value. */
class FigureTallyTest {

    static final Period MARCH = new Period("2026-03", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    static final List<Duration> TARGETS = List.of(Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofMinutes(10));

    /** A district with the given review minutes, submitted/completed counts, ratings sum and credit half hours. */
    static FigureTally district(List<Double> reviewMinutes, long submitted, long completed, long rated, long ratingSum,
                                long creditHalfHours) {
        FigureTally empty = FigureTally.empty();
        Map<String, Long> byStatus = new LinkedHashMap<>(empty.byStatus());
        byStatus.put("COMPLETED", completed);
        byStatus.put("SUBMITTED", submitted - completed);
        return new FigureTally(empty.unitsByTierAndStatus(), 4, 3, 10, 6, 20, 15, empty.volunteersByStars(),
                empty.volunteersBySkill(), 2, submitted, byStatus, empty.byPlatform(), Map.of("HELP", submitted),
                empty.byChannel(), List.of(reviewMinutes, List.of(), List.of(), List.of()), List.of(), 0, 1, 1, 0,
                rated, ratingSum, rated, 0, creditHalfHours, 0, 1, 1, 3, 4, 2, 1);
    }

    @Test
    void shouldComputeTheCitysFiguresFromTheSumsNotFromTheDistrictsFigures() {
        FigureTally a = district(List.of(1.0, 2.0, 3.0), 4, 1, 1, 5, 3);
        FigureTally b = district(List.of(20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0), 6, 6, 3, 9, 4);
        FigureRow city = a.plus(b).row(MARCH, null, Scope.SUBTREE, TreeView.THEN, TARGETS);

        assertThat(city.requests().submitted()).isEqualTo(10);
        assertThat(city.requests().byMenuItem()).containsEntry("HELP", 10L);
        assertThat(city.completionRate()).as("7 of 10, not the mean of 0.25 and 1").isEqualTo(0.7);
        assertThat(city.satisfaction().averageRating()).as("14 / 4 ratings, not the mean of 5 and 3").isEqualTo(3.5);
        // Ten review times 1, 2, 3, 20 … 80: the nearest rank of p50 is the 5th (30), of p90 the 9th (70).
        assertThat(city.stages().get("review").count()).isEqualTo(10);
        assertThat(city.stages().get("review").p50Minutes()).isEqualTo(30.0);
        assertThat(city.stages().get("review").p90Minutes()).isEqualTo(70.0);
        assertThat(city.stages().get("review").slaRate()).as("3 of 10 within 10 minutes").isEqualTo(0.3);
        assertThat(city.hours().credit()).isEqualTo(3.5);
        assertThat(city.coverage().rate()).as("6 of 8 communities").isEqualTo(0.75);
        assertThat(city.pairings().health()).isEqualTo(0.5);
        assertThat(city.volunteers().teams()).isEqualTo(4);
    }

    @Test
    void shouldLeaveATallyAsItIsWhenNothingIsAdded() {
        FigureTally a = district(List.of(4.0, 12.0), 3, 2, 2, 9, 5);
        assertThat(a.plus(FigureTally.empty()).row(MARCH, "center", Scope.SUBTREE, TreeView.NOW, TARGETS))
                .isEqualTo(a.row(MARCH, "center", Scope.SUBTREE, TreeView.NOW, TARGETS));
        assertThat(FigureTally.empty().plus(a).row(MARCH, "center", Scope.SUBTREE, TreeView.NOW, TARGETS))
                .isEqualTo(a.row(MARCH, "center", Scope.SUBTREE, TreeView.NOW, TARGETS));
    }

    @Test
    void shouldShowNothingMeasurableForAnEmptyTally() {
        FigureRow none = FigureTally.empty().row(MARCH, null, Scope.SUBTREE, TreeView.THEN, TARGETS);
        assertThat(none.requests().submitted()).isZero();
        assertThat(none.stages().get("complete").p50Minutes()).isNull();
        assertThat(none.satisfaction().averageRating()).isNull();
        assertThat(none.coverage().rate()).isNull();
        assertThat(none.completionRate()).isZero();
        assertThat(none.unitsByTierAndStatus().get("STATION")).containsEntry("ACTIVE", 0L);
    }
}
