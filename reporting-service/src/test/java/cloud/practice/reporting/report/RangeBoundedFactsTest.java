package cloud.practice.reporting.report;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactProjection;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.reporting.projection.MongoFixture;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.Recorded;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report reads only its range's dated facts (requests submitted, credits served, honour hours granted, activities
 * starting in it) and the rest whole: every report of a range must then be exactly what the district's whole history
 * gives for it — ranges that cut months, weeks, the scenario's move and merge, in both views.
 */
class RangeBoundedFactsTest {

    static final DistrictScenario SCENARIO = DistrictScenario.build();
    static final FactStore STORE = project();
    static final DistrictFacts WHOLE = DistrictFacts.load(STORE, DistrictScenario.DISTRICT, DistrictScenario.ZONE);
    static final ReportEngine ENGINE = new ReportEngine(ReportingSettings.defaults());

    private static FactStore project() {
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        List<FactProjection> handlers = FactProjection.forVersion(store);
        for (Recorded event : SCENARIO.events()) {
            boolean matching = event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound;
            handlers.get(matching ? 1 : 0).handle(event.inbound());
        }
        return store;
    }

    static Stream<Arguments> ranges() {
        return Stream.of(TreeView.values()).flatMap(view -> Stream.of(
                Arguments.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 4, 20), Granularity.WEEK, view),
                Arguments.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), Granularity.DAY, view),
                Arguments.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 31), Granularity.MONTH, view),
                Arguments.of(LocalDate.of(2026, 4, 15), LocalDate.of(2026, 4, 15), Granularity.YEAR, view)));
    }

    @ParameterizedTest(name = "{0}..{1} by {2}, {3}")
    @MethodSource("ranges")
    void shouldGiveEveryReportOfTheRangeWhatTheWholeHistoryGives(LocalDate from, LocalDate to, Granularity granularity,
                                                                TreeView view) {
        DistrictFacts bounded = DistrictFacts.load(STORE, DistrictScenario.DISTRICT, DistrictScenario.ZONE, from, to);
        assertThat(bounded.requests().size()).as("the range reads fewer requests than the history holds")
                .isLessThanOrEqualTo(WHOLE.requests().size());
        for (String unit : List.of("center", "i1", "i2", "s3")) {
            ReportQuery q = new ReportQuery(DistrictScenario.DISTRICT, unit, Scope.SUBTREE, view, from, to, granularity,
                    null, null, null);
            assertThat(ENGINE.figures(bounded, q)).as("figures " + unit).isEqualTo(ENGINE.figures(WHOLE, q));
            assertThat(ENGINE.units(bounded, q)).as("units " + unit).isEqualTo(ENGINE.units(WHOLE, q));
            assertThat(ENGINE.openRequests(bounded, q)).as("open requests " + unit)
                    .isEqualTo(ENGINE.openRequests(WHOLE, q));
            assertThat(ENGINE.unmetDemand(bounded, q)).as("unmet demand " + unit).isEqualTo(ENGINE.unmetDemand(WHOLE, q));
            assertThat(ENGINE.topVolunteers(bounded, q, 100)).as("top volunteers " + unit)
                    .isEqualTo(ENGINE.topVolunteers(WHOLE, q, 100));
            assertThat(ENGINE.topUnits(bounded, q, "STATION", 100)).as("top units " + unit)
                    .isEqualTo(ENGINE.topUnits(WHOLE, q, "STATION", 100));
            assertThat(ENGINE.assessment(bounded, q)).as("assessment " + unit).isEqualTo(ENGINE.assessment(WHOLE, q));
        }
    }

    /** A platform, a menu item and a channel the scenario's requests have, alone and together, in both views. */
    static Stream<Arguments> filters() {
        DistrictFacts.RequestFact first = WHOLE.requests().get(0);
        return Stream.of(TreeView.values()).flatMap(view -> Stream.of(
                Arguments.of(first.platform(), null, null, view),
                Arguments.of(null, first.menuItemId(), null, view),
                Arguments.of(null, null, first.channel(), view),
                Arguments.of(first.platform(), first.menuItemId(), first.channel(), view)));
    }

    @ParameterizedTest(name = "platform {0}, menu item {1}, channel {2}, {3}")
    @MethodSource("filters")
    void shouldGiveEveryFilteredReportWhatTheWholeHistoryGivesWhenTheStoreAppliesTheFilters(
            String platform, String menuItem, String channel, TreeView view) {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 6, 30);
        ReportQuery query = new ReportQuery(DistrictScenario.DISTRICT, null, Scope.SUBTREE, view, from, to,
                Granularity.MONTH, platform, menuItem, channel);
        DistrictFacts narrowed = DistrictFacts.load(STORE, DistrictScenario.DISTRICT, DistrictScenario.ZONE, from, to,
                DistrictFacts.Narrowing.of(query));
        DistrictFacts bounded = DistrictFacts.load(STORE, DistrictScenario.DISTRICT, DistrictScenario.ZONE, from, to);
        assertThat(narrowed.requests()).as("the store sent only the filter's requests").isNotEmpty()
                .allMatch(r -> ReportEngine.matches(query, r))
                .hasSize((int) bounded.requests().stream().filter(r -> ReportEngine.matches(query, r)).count())
                .hasSizeLessThan(bounded.requests().size());
        if (platform != null) {
            assertThat(bounded.honours()).as("the range has honour hours").isNotEmpty();
            assertThat(narrowed.honours()).as("honour hours have no platform: not read under a platform filter")
                    .isEmpty();
            assertThat(narrowed.activities()).allMatch(a -> platform.equals(a.platform()));
        }
        for (String unit : List.of("center", "i1", "s3")) {
            ReportQuery q = query.withUnit(unit, Scope.SUBTREE);
            assertThat(ENGINE.figures(narrowed, q)).as("figures " + unit).isEqualTo(ENGINE.figures(WHOLE, q));
            assertThat(ENGINE.units(narrowed, q)).as("units " + unit).isEqualTo(ENGINE.units(WHOLE, q));
            assertThat(ENGINE.openRequests(narrowed, q)).as("open requests " + unit)
                    .isEqualTo(ENGINE.openRequests(WHOLE, q));
            assertThat(ENGINE.unmetDemand(narrowed, q)).as("unmet demand " + unit)
                    .isEqualTo(ENGINE.unmetDemand(WHOLE, q));
            assertThat(ENGINE.topVolunteers(narrowed, q, 100)).as("top volunteers " + unit)
                    .isEqualTo(ENGINE.topVolunteers(WHOLE, q, 100));
            assertThat(ENGINE.topUnits(narrowed, q, "STATION", 100)).as("top units " + unit)
                    .isEqualTo(ENGINE.topUnits(WHOLE, q, "STATION", 100));
            assertThat(ENGINE.assessment(narrowed, q)).as("assessment " + unit).isEqualTo(ENGINE.assessment(WHOLE, q));
        }
    }

    @Test
    void shouldReadTheMatchingAnswersOnlyWhenTheUnmetDemandReportAsksForThem() {
        FactStore store = project();
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 6, 30);
        ReportQuery q = new ReportQuery(DistrictScenario.DISTRICT, null, Scope.SUBTREE, TreeView.NOW, from, to,
                Granularity.MONTH, null, null, null);
        assertThat(ENGINE.unmetDemand(WHOLE, q)).as("the scenario has requests matching found nobody for")
                .anyMatch(row -> row.noMatchFound() > 0);
        DistrictFacts facts = DistrictFacts.load(store, DistrictScenario.DISTRICT, DistrictScenario.ZONE, from, to);
        store.collection(Kind.MATCHES).drop(); // from here on, a read of the answers finds none

        assertThat(ENGINE.figures(facts, q)).isEqualTo(ENGINE.figures(WHOLE, q));
        assertThat(ENGINE.units(facts, q)).isEqualTo(ENGINE.units(WHOLE, q));
        assertThat(ENGINE.assessment(facts, q)).isEqualTo(ENGINE.assessment(WHOLE, q));
        assertThat(ENGINE.unmetDemand(facts, q)).as("read when the report asked: after the drop")
                .allMatch(row -> row.noMatchFound() == 0);
    }

    @Test
    void shouldReadAMonthsRequestsOnlyAndCountTheirFirstAndLastDaysInTheDistrictsZone() {
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 3, 31);
        DistrictFacts march = DistrictFacts.load(STORE, DistrictScenario.DISTRICT, DistrictScenario.ZONE, from, to);
        long inMarch = WHOLE.requests().stream().filter(r -> !r.date().isBefore(from) && !r.date().isAfter(to)).count();
        assertThat(inMarch).isPositive().isLessThan(WHOLE.requests().size());
        assertThat(march.requests()).hasSize((int) inMarch);
        assertThat(march.volunteers()).as("volunteers count as they stand: all of them")
                .hasSameSizeAs(WHOLE.volunteers());
        assertThat(march.units()).hasSameSizeAs(WHOLE.units());
    }

    @Test
    void shouldBoundTheDatesByTheZonesMidnightsInclusiveOfTheFirstExclusiveOfTheEnd() {
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant firstMidnight = LocalDate.of(2026, 3, 1).atStartOfDay(shanghai).toInstant();
        Instant lastMidnight = LocalDate.of(2026, 4, 1).atStartOfDay(shanghai).toInstant();
        for (Instant at : List.of(firstMidnight.minusSeconds(1), firstMidnight, lastMidnight.minusSeconds(1),
                lastMidnight)) {
            store.collection(Kind.CREDITS).insertOne(new Document("_id", "d|c-" + at.getEpochSecond())
                    .append("districtId", "d").append("servedTo", Date.from(at)));
        }
        store.collection(Kind.CREDITS).insertOne(new Document("_id", "e|c-1").append("districtId", "e")
                .append("servedTo", Date.from(firstMidnight)));
        assertThat(store.between(Kind.CREDITS, "d", "servedTo", firstMidnight, lastMidnight))
                .extracting(d -> d.getDate("servedTo").toInstant())
                .containsExactlyInAnyOrder(firstMidnight, lastMidnight.minusSeconds(1));
    }
}
