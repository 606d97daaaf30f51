package cloud.practice.reporting.report;

import cloud.practice.events.GeoPoint;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.DistrictFacts.RequestFact;
import cloud.practice.reporting.report.DistrictFacts.UnitFact;
import cloud.practice.reporting.report.DistrictFacts.Version;
import cloud.practice.reporting.report.DistrictFacts.VolunteerFact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small hand-made districts whose figures can be worked out on paper. */
class ReportEngineTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Instant T = DAY.atTime(9, 0).atZone(ZONE).toInstant();
    private static final ReportEngine ENGINE = new ReportEngine(ReportingSettings.defaults());

    private static UnitFact unit(String id, String tier, String parent) {
        return new UnitFact(id, id.toUpperCase(), tier, null, null, List.of(new Version(LocalDate.of(2026, 1, 1), null,
                id, parent, "ACTIVE", List.of())));
    }

    private static final List<UnitFact> TREE = List.of(unit("c", "CENTER", null), unit("i", "INSTITUTE", "c"),
            unit("s1", "STATION", "i"), unit("s2", "STATION", "i"));

    private static RequestFact request(String id, String unit, String status, Integer reviewMinutes,
                                       Integer completeAfterMinutes, Integer rating) {
        Instant reviewed = reviewMinutes == null ? null : T.plusSeconds(reviewMinutes * 60L);
        Instant completed = completeAfterMinutes == null ? null : T.plusSeconds(completeAfterMinutes * 60L);
        Instant dispatched = completed == null ? null : reviewed.plusSeconds(60);
        Instant accepted = completed == null ? null : reviewed.plusSeconds(120);
        return new RequestFact(id, unit, "m1", "CARE", "APP", "g1", new GeoPoint(29.5, 106.5), status, T, DAY,
                reviewed, dispatched, accepted, completed, rating, 0, 0, null, 0);
    }

    private static DistrictFacts facts(List<RequestFact> requests, List<VolunteerFact> volunteers) {
        return new DistrictFacts("d", ZONE, TREE, requests, volunteers, List.of(), List.of(), List.of(), List.of(),
                List.of(), DistrictFacts.MatchAnswers.of(Map.of()), Map.of());
    }

    private static ReportQuery query(String unit, Scope scope) {
        return new ReportQuery("d", unit, scope, TreeView.NOW, DAY, DAY, Granularity.DAY, null, null, null);
    }

    @Test
    void shouldTakeNearestRankPercentiles() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(ReportEngine.percentile(values, 0.5)).isEqualTo(5.0);
        assertThat(ReportEngine.percentile(values, 0.9)).isEqualTo(9.0);
        assertThat(ReportEngine.percentile(List.of(7.0), 0.9)).isEqualTo(7.0);
        assertThat(ReportEngine.percentile(List.of(), 0.5)).isNull();
    }

    @Test
    void shouldMeasureStagesAgainstTheirSlaAndCompletionPerUnitAndSubtree() {
        // Review SLA is 4 h: r1 (60 min) and r2 (200 min) within, r3 (300 min) late; r4 never reviewed.
        DistrictFacts facts = facts(List.of(request("r1", "s1", "COMPLETED", 60, 600, 5),
                request("r2", "s1", "COMPLETED", 200, 700, 3), request("r3", "s2", "REVIEWED", 300, null, null),
                request("r4", "s2", "SUBMITTED", null, null, null)), List.of());

        FigureRow district = ENGINE.figures(facts, query(null, Scope.SUBTREE)).get(0);
        assertThat(district.unitId()).isEqualTo("c");
        assertThat(district.requests().submitted()).isEqualTo(4);
        assertThat(district.stages().get("review")).isEqualTo(new FigureRow.StageTimes(3, 200.0, 300.0, 0.6667));
        assertThat(district.completionRate()).isEqualTo(0.5);
        assertThat(district.total()).isEqualTo(new FigureRow.TotalTime(2, 600.0, 700.0));
        assertThat(district.satisfaction().averageRating()).isEqualTo(4.0);
        assertThat(district.satisfaction().share4to5()).isEqualTo(0.5);
        assertThat(district.unitsByTierAndStatus().get("STATION").get("ACTIVE")).isEqualTo(2);

        FigureRow s1 = ENGINE.figures(facts, query("s1", Scope.UNIT)).get(0);
        assertThat(s1.requests().submitted()).isEqualTo(2);
        assertThat(s1.completionRate()).isEqualTo(1.0);
        assertThat(ENGINE.figures(facts, query("i", Scope.UNIT)).get(0).requests().submitted())
                .as("nothing is submitted to the institute itself").isZero();
    }

    @Test
    void shouldApplyPlatformMenuItemAndChannelFilters() {
        DistrictFacts facts = facts(List.of(request("r1", "s1", "SUBMITTED", null, null, null)), List.of());
        ReportQuery legal = new ReportQuery("d", null, Scope.SUBTREE, TreeView.NOW, DAY, DAY, Granularity.DAY, "LEGAL",
                null, null);
        ReportQuery app = new ReportQuery("d", null, Scope.SUBTREE, TreeView.NOW, DAY, DAY, Granularity.DAY, "CARE",
                "m1", "APP");
        ReportQuery tv = new ReportQuery("d", null, Scope.SUBTREE, TreeView.NOW, DAY, DAY, Granularity.DAY, null, null,
                "TV");
        assertThat(ENGINE.figures(facts, legal).get(0).requests().submitted()).isZero();
        assertThat(ENGINE.figures(facts, app).get(0).requests().submitted()).isEqualTo(1);
        assertThat(ENGINE.figures(facts, tv).get(0).requests().submitted()).isZero();
    }

    @Test
    void shouldPutUnmetDemandNextToNearbySupplyWithTheSkill() {
        VolunteerFact near = new VolunteerFact("v1", "张*", "s1", new GeoPoint(29.51, 106.5), Map.of("CARE", 2),
                "ACTIVE", 0, DAY.minusDays(10), false, List.of());
        VolunteerFact far = new VolunteerFact("v2", "李*", "s2", new GeoPoint(30.5, 106.5), Map.of("CARE", 2),
                "ACTIVE", 0, DAY.minusDays(10), false, List.of());
        VolunteerFact wrongSkill = new VolunteerFact("v3", "王*", "s1", new GeoPoint(29.5, 106.5), Map.of("LEGAL", 2),
                "ACTIVE", 0, DAY.minusDays(10), false, List.of());
        DistrictFacts facts = facts(List.of(request("r1", "s1", "SUBMITTED", null, null, null),
                request("r2", "s1", "REJECTED", null, null, null), request("r3", "s1", "COMPLETED", 10, 100, 5)),
                List.of(near, far, wrongSkill));
        assertThat(ENGINE.unmetDemand(facts, query(null, Scope.SUBTREE))).containsExactly(
                new ReportEngine.DemandRow("2026-03-02", "2026-03-02", "2026-03-02", "g1", "CARE", 3, 1, 1, 0, 0, 1));
    }

    @Test
    void shouldRankUnitsByCompletionRateAndBreakTiesByVolumeThenId() {
        DistrictFacts facts = facts(List.of(request("r1", "s1", "COMPLETED", 10, 100, 5),
                request("r2", "s1", "SUBMITTED", null, null, null), request("r3", "s2", "COMPLETED", 10, 100, 5)),
                List.of());
        assertThat(ENGINE.topUnits(facts, query(null, Scope.SUBTREE), "STATION", 10))
                .extracting(ReportEngine.UnitCompletion::unitId, ReportEngine.UnitCompletion::completionRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s2", 1.0),
                        org.assertj.core.groups.Tuple.tuple("s1", 0.5));
    }

    @Test
    void shouldGiveEveryUnitOfTheTreeTheFiguresOfItsSubtreeEqualToItsSubtreeFigures() {
        VolunteerFact active = new VolunteerFact("v1", "张*", "s2", null, Map.of("CARE", 2), "ACTIVE", 3,
                DAY.minusDays(10), false, List.of());
        VolunteerFact later = new VolunteerFact("v2", "李*", "s2", null, Map.of("CARE", 2), "ACTIVE", 0,
                DAY.plusDays(1), false, List.of());
        DistrictFacts facts = facts(List.of(request("r1", "s1", "COMPLETED", 10, 100, 5),
                request("r2", "s1", "SUBMITTED", null, null, null), request("r3", "s2", "COMPLETED", 10, 100, 2)),
                List.of(active, later));
        List<ReportEngine.UnitOverview> units = ENGINE.units(facts, query(null, Scope.SUBTREE));
        assertThat(units).extracting(ReportEngine.UnitOverview::unitId).containsExactly("c", "i", "s1", "s2");
        assertThat(units.get(0).parentId()).as("the unit asked for is the root of the answer").isNull();
        assertThat(units.get(2)).isEqualTo(new ReportEngine.UnitOverview("s1", "S1", "s1", "STATION", "i", "ACTIVE",
                null, null, 2, 1, 1, 0.5, 0, 1, 5.0, 0));
        assertThat(units.get(3)).isEqualTo(new ReportEngine.UnitOverview("s2", "S2", "s2", "STATION", "i", "ACTIVE",
                null, null, 1, 0, 1, 1.0, 0, 1, 2.0, 1));
        for (ReportEngine.UnitOverview unit : units) {
            FigureRow subtree = ENGINE.figures(facts, query(unit.unitId(), Scope.SUBTREE)).get(0);
            assertThat(unit.submitted()).as(unit.unitId()).isEqualTo(subtree.requests().submitted());
            assertThat(unit.completed()).as(unit.unitId()).isEqualTo(subtree.requests().byStatus().get("COMPLETED"));
            assertThat(unit.completionRate()).as(unit.unitId()).isEqualTo(subtree.completionRate());
            assertThat(unit.averageRating()).as(unit.unitId()).isEqualTo(subtree.satisfaction().averageRating());
            assertThat(unit.activeVolunteers()).as(unit.unitId()).isEqualTo(subtree.volunteers().active());
        }
        assertThat(ENGINE.units(facts, query("i", Scope.SUBTREE))).extracting(ReportEngine.UnitOverview::unitId)
                .containsExactly("i", "s1", "s2");
    }

    @Test
    void shouldPutOnlyOpenRequestsOnTheMapAtAboutAHundredMetres() {
        RequestFact open = new RequestFact("r1", "s1", "m1", "CARE", "APP", "g1", new GeoPoint(29.51234, 106.56789),
                "DISPATCHED", T, DAY, T, T, null, null, null, 0, 0, null, 0);
        RequestFact unplaced = new RequestFact("r2", "s2", "m1", "CARE", "APP", "g1", null, "SUBMITTED", T, DAY,
                null, null, null, null, null, 0, 0, null, 0);
        DistrictFacts facts = facts(List.of(open, unplaced, request("r3", "s2", "COMPLETED", 10, 100, 5)), List.of());
        assertThat(ENGINE.openRequests(facts, query(null, Scope.SUBTREE))).containsExactly(
                new ReportEngine.OpenRequestPoint("r1", "s1", "CARE", "DISPATCHED", "2026-03-02", 29.512, 106.568));
        assertThat(ENGINE.openRequests(facts, query("s2", Scope.SUBTREE))).isEmpty();
    }
}
