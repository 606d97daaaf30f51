package cloud.practice.reporting.report;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactProjection;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.MongoFixture;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.FigureAssertions;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.reporting.scenario.ScenarioOracle;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The scenario's figures, as now and as then, per unit and subtree, against what its plan implies; plus the
 * as-of roll-ups across the move (s2: i1 → i2 on 1 March) and the merge (s4 into s3 on 1 April) spelled out.
 */
class ScenarioFiguresTest {

    private static final DistrictScenario SCENARIO = DistrictScenario.build();
    private static final DistrictFacts FACTS = project();
    private static final ReportEngine ENGINE = new ReportEngine(ReportingSettings.defaults());
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 5, 31);

    private static DistrictFacts project() {
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        List<FactProjection> handlers = FactProjection.forVersion(store);
        for (Recorded event : SCENARIO.events()) {
            boolean matching = event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound;
            handlers.get(matching ? 1 : 0).handle(event.inbound());
        }
        return DistrictFacts.load(store, DistrictScenario.DISTRICT, DistrictScenario.ZONE);
    }

    private static List<FigureRow> figures(String unit, Scope scope, TreeView view, Granularity granularity) {
        return ENGINE.figures(FACTS, new ReportQuery(DistrictScenario.DISTRICT, unit, scope, view, FROM, TO,
                granularity, null, null, null));
    }

    static Stream<Arguments> cases() {
        return Stream.of(TreeView.values()).flatMap(view -> Stream.of(
                Arguments.of("center", Scope.SUBTREE, view), Arguments.of("i1", Scope.SUBTREE, view),
                Arguments.of("i2", Scope.SUBTREE, view), Arguments.of("s2", Scope.UNIT, view),
                Arguments.of("s3", Scope.UNIT, view), Arguments.of("s3", Scope.SUBTREE, view),
                Arguments.of("s4", Scope.UNIT, view), Arguments.of("i1", Scope.UNIT, view)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldReportWhatTheScenarioImpliesPerMonth(String unit, Scope scope, TreeView view) {
        List<FigureRow> rows = figures(unit, scope, view, Granularity.MONTH);
        assertThat(rows).extracting(FigureRow::period)
                .containsExactly("2026-01", "2026-02", "2026-03", "2026-04", "2026-05");
        ScenarioOracle oracle = new ScenarioOracle(SCENARIO);
        SoftAssertions softly = new SoftAssertions();
        for (FigureRow row : rows) {
            FigureAssertions.assertMatches(softly, unit + " " + scope + " " + view, row, oracle.expect(unit, scope,
                    view, new Period(row.period(), LocalDate.parse(row.from()), LocalDate.parse(row.to()))));
        }
        softly.assertAll();
    }

    @Test
    void shouldCountAMovedStationsEarlierRequestsUnderItsOldInstituteOnlyAsThen() {
        long s2January = SCENARIO.requests.stream().filter(r -> r.unit().equals("s2"))
                .filter(r -> r.date().getMonthValue() == 1).count();
        assertThat(s2January).isPositive();
        long i1Then = figures("i1", Scope.SUBTREE, TreeView.THEN, Granularity.MONTH).get(0).requests().submitted();
        long i1Now = figures("i1", Scope.SUBTREE, TreeView.NOW, Granularity.MONTH).get(0).requests().submitted();
        assertThat(i1Then - i1Now).isEqualTo(s2January);
        long i2Then = figures("i2", Scope.SUBTREE, TreeView.THEN, Granularity.MONTH).get(0).requests().submitted();
        long i2Now = figures("i2", Scope.SUBTREE, TreeView.NOW, Granularity.MONTH).get(0).requests().submitted();
        assertThat(i2Now - i2Then).isEqualTo(s2January);
    }

    @Test
    void shouldCountAMergedStationUnderItselfAsThenAndUnderItsSurvivorAsNow() {
        long s4February = SCENARIO.requests.stream().filter(r -> r.unit().equals("s4"))
                .filter(r -> r.date().getMonthValue() == 2).count();
        assertThat(s4February).isPositive();
        assertThat(figures("s4", Scope.UNIT, TreeView.THEN, Granularity.MONTH).get(1).requests().submitted())
                .isEqualTo(s4February);
        assertThat(figures("s4", Scope.UNIT, TreeView.NOW, Granularity.MONTH).get(1).requests().submitted()).isZero();
        long s3Then = figures("s3", Scope.UNIT, TreeView.THEN, Granularity.MONTH).get(1).requests().submitted();
        long s3Now = figures("s3", Scope.UNIT, TreeView.NOW, Granularity.MONTH).get(1).requests().submitted();
        assertThat(s3Now - s3Then).isEqualTo(s4February);
        // The whole district is the same either way: history moves between units, never in or out.
        assertThat(figures("center", Scope.SUBTREE, TreeView.NOW, Granularity.YEAR))
                .extracting(row -> row.requests().submitted())
                .isEqualTo(figures("center", Scope.SUBTREE, TreeView.THEN, Granularity.YEAR).stream()
                        .map(row -> row.requests().submitted()).toList());
    }

    @Test
    void shouldCountAVolunteerUnderTheHomeUnitOfTheTimeAsThenAndOfTodayAsNow() {
        // v04 moves home from s1 (i1) to s3 (i2) on 15 April: in March it counts under i1 as then, under i2 as now.
        int march = 2;
        int april = 3;
        assertThat(registered("i1", TreeView.THEN, march) - registered("i1", TreeView.NOW, march)).isEqualTo(1);
        assertThat(registered("i2", TreeView.NOW, march) - registered("i2", TreeView.THEN, march)).isEqualTo(1);
        // By the end of April it lives at s3 in either view.
        assertThat(registered("i1", TreeView.THEN, april)).isEqualTo(registered("i1", TreeView.NOW, april));
        // v01's honour hours of 10 March (6 half hours) stay with its home then (s2) and go with it to s3 as now.
        assertThat(figures("s2", Scope.UNIT, TreeView.THEN, Granularity.MONTH).get(march).hours().honour())
                .isEqualTo(3.0);
        assertThat(figures("s2", Scope.UNIT, TreeView.NOW, Granularity.MONTH).get(march).hours().honour()).isZero();
        assertThat(figures("s3", Scope.UNIT, TreeView.NOW, Granularity.MONTH).get(march).hours().honour())
                .isEqualTo(3.0);
        assertThat(figures("s3", Scope.UNIT, TreeView.THEN, Granularity.MONTH).get(march).hours().honour()).isZero();
    }

    private static long registered(String institute, TreeView view, int month) {
        return figures(institute, Scope.SUBTREE, view, Granularity.MONTH).get(month).volunteers().registered();
    }

    @Test
    void shouldCountTheGridsOfCoveredCommunitiesAsCoveredWithTheListsInForce() {
        // c1 (s1) has 3 grids, from 15 March 4; c3 and c6 (no station) 2 and 1.
        assertThat(figures("center", Scope.SUBTREE, TreeView.THEN, Granularity.MONTH)).extracting(
                row -> row.coverage().grids(), row -> row.coverage().gridsCovered()).containsExactly(
                tuple(6L, 3L), tuple(6L, 3L), tuple(7L, 4L), tuple(7L, 4L), tuple(7L, 4L));
        assertThat(figures("center", Scope.SUBTREE, TreeView.NOW, Granularity.MONTH)).extracting(
                row -> row.coverage().grids(), row -> row.coverage().gridsUncovered()).containsOnly(tuple(7L, 3L));
        FigureRow i1January = figures("i1", Scope.SUBTREE, TreeView.THEN, Granularity.MONTH).get(0);
        assertThat(i1January.coverage().grids()).isEqualTo(5);
        assertThat(i1January.coverage().gridRate()).isEqualTo(0.6);
    }

    @Test
    void shouldShowTheMergedStationClosedOnlyFromTheMergeOnAsThen() {
        List<FigureRow> then = figures("i2", Scope.SUBTREE, TreeView.THEN, Granularity.MONTH);
        assertThat(then.get(2).unitsByTierAndStatus().get("STATION"))
                .containsEntry("ACTIVE", 3L).containsEntry("CLOSED", 0L);
        assertThat(then.get(3).unitsByTierAndStatus().get("STATION"))
                .containsEntry("ACTIVE", 2L).containsEntry("CLOSED", 1L);
        assertThat(then.get(1).unitsByTierAndStatus().get("STATION")).as("before s2 moved in")
                .containsEntry("ACTIVE", 2L);
        assertThat(then.get(3).coverage().uncovered()).as("c6 only").isEqualTo(1);
    }

    @Test
    void shouldMeasureEveryFigureFamilyForTheDistrict() {
        FigureRow year = figures("center", Scope.SUBTREE, TreeView.THEN, Granularity.YEAR).get(0);
        assertThat(year.requests().submitted()).isEqualTo(300);
        assertThat(year.requests().byStatus()).containsEntry("REJECTED", 30L).containsEntry("EXPIRED", 30L)
                .containsEntry("CANCELLED", 30L).containsEntry("DISPATCHED", 30L).containsEntry("IN_SERVICE", 30L)
                .containsEntry("SUBMITTED", 30L).containsEntry("REOPENED", 15L).containsEntry("COMPLETED", 105L);
        assertThat(year.requests().byPlatform().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
        assertThat(year.requests().byMenuItem()).containsEntry("m-0", 60L).hasSize(5);
        assertThat(year.escalatedRequests()).isEqualTo(60);
        // check-ins flagged for i % 3 == 0 among the 150 checked in, check-outs for i % 4 == 1 among the 120 served
        assertThat(year.locationFlags()).isEqualTo(50 + 30);
        assertThat(year.satisfaction().rated()).isEqualTo(90);
        // ratings: 30 × 5, 30 × 4, 30 × 2
        assertThat(year.satisfaction().averageRating()).isEqualTo(3.6667);
        assertThat(year.satisfaction().share4to5()).isEqualTo(0.6667);
        assertThat(year.satisfaction().reopenRate()).isEqualTo(ReportEngine.round(15 / 120.0));
        assertThat(year.stages().get("review").count()).isEqualTo(270 - 30);
        assertThat(year.stages().get("complete").count()).isEqualTo(120);
        assertThat(year.volunteers().teams()).isEqualTo(2);
        assertThat(year.volunteers().byStars().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(year.volunteers().active());
        assertThat(year.pairings().active()).isEqualTo(2);
        assertThat(year.pairings().health()).isEqualTo(1.0);
        assertThat(year.coverage().communities()).isEqualTo(6);
    }
}
