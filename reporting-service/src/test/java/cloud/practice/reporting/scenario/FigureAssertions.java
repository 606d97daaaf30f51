package cloud.practice.reporting.scenario;

import cloud.practice.reporting.report.FigureRow;
import org.assertj.core.api.SoftAssertions;

import java.util.Map;
import java.util.TreeMap;

/** Compares a report row with what the oracle expects, naming each figure that differs. */
public final class FigureAssertions {

    private FigureAssertions() {
    }

    public static void assertMatches(SoftAssertions softly, String what, FigureRow row, ScenarioOracle.Expected expected) {
        String as = what + " " + row.period();
        softly.assertThat(row.requests().submitted()).as(as + " submitted").isEqualTo(expected.submitted());
        Map<String, Long> statuses = new TreeMap<>();
        row.requests().byStatus().forEach((status, count) -> {
            if (count > 0) {
                statuses.put(status, count);
            }
        });
        softly.assertThat(statuses).as(as + " by status").isEqualTo(expected.byStatus());
        softly.assertThat(row.completionRate()).as(as + " completion rate").isEqualTo(expected.completionRate());
        softly.assertThat(row.escalations()).as(as + " escalations").isEqualTo(expected.escalations());
        softly.assertThat(row.locationFlags()).as(as + " location flags").isEqualTo(expected.locationFlags());
        softly.assertThat(row.satisfaction().averageRating()).as(as + " average rating")
                .isEqualTo(expected.averageRating());
        softly.assertThat(row.satisfaction().rated()).as(as + " rated").isEqualTo(expected.rated());
        softly.assertThat(row.total().p50Minutes()).as(as + " p50 submitted→completed")
                .isEqualTo(expected.totalP50Minutes());
        softly.assertThat(row.hours().credit()).as(as + " credit hours").isEqualTo(expected.creditHours());
        softly.assertThat(row.hours().honour()).as(as + " honour hours").isEqualTo(expected.honourHours());
        softly.assertThat(row.activities().held()).as(as + " activities held").isEqualTo(expected.activitiesHeld());
        softly.assertThat(row.activities().volunteersAttended()).as(as + " volunteers attended")
                .isEqualTo(expected.volunteersAttended());
        softly.assertThat(row.activities().residentsAttended()).as(as + " residents attended")
                .isEqualTo(expected.residentsAttended());
        softly.assertThat(row.volunteers().registered()).as(as + " volunteers registered")
                .isEqualTo(expected.volunteersRegistered());
        softly.assertThat(row.volunteers().active()).as(as + " volunteers active").isEqualTo(expected.volunteersActive());
        Map<String, Long> units = new TreeMap<>();
        row.unitsByTierAndStatus().forEach((tier, byStatus) -> byStatus.forEach((status, count) -> {
            if (count > 0) {
                units.put(tier + "/" + status, count);
            }
        }));
        softly.assertThat(units).as(as + " units by tier and status").isEqualTo(expected.unitsByTierStatus());
        softly.assertThat(row.pairings().active()).as(as + " pairings active").isEqualTo(expected.pairingsActive());
        softly.assertThat(row.pairings().healthy()).as(as + " pairings healthy").isEqualTo(expected.pairingsHealthy());
    }
}
