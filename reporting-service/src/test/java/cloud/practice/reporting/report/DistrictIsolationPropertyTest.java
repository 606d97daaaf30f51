package cloud.practice.reporting.report;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactProjection;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.MongoFixture;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.NeighbourDistrict;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.support.kafka.InboundEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, "make it impossible to regress": whatever happens in district B, every report of district A stays
 * exactly what it was. A is the scenario district (five months, moves and merges, every figure family); B is a
 * random stream of {@link NeighbourDistrict} events that reuse A's unit, request, volunteer, team, activity,
 * pairing, grant and credit ids on A's days, with sequences below, level with and above A's.
 *
 * <p>Each case (one seed, printed, reproducible with {@code -Disolation.firstSeed=<seed> -Disolation.cases=1}) goes
 * through the real projection path — {@link FactProjection#handleBatch} into a {@link FactStore} on the MongoDB
 * stand-in, in random batches as the consumers poll them: first A's events with a random part of B's interleaved
 * (each district's own order kept), then every report of A is taken and must equal A's reports without B; then the
 * rest of B, and every report of A must be equal again. "Every report": figures, unmet demand, top volunteers, top
 * units of each tier, the units tree, open requests and the assessment, for every unit of A (and the default, and a
 * unit only B has), both scopes, both views, every granularity, and with each filter.
 */
class DistrictIsolationPropertyTest {

    private static final String A = DistrictScenario.DISTRICT;
    private static final String B = "cq-neighbour";
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 5, 31);
    private static final ReportEngine ENGINE = new ReportEngine(ReportingSettings.defaults());
    private static final List<Recorded> A_EVENTS = DistrictScenario.build().events();
    private static final int B_EVENTS = Integer.getInteger("isolation.events", 400);
    /** A's reports with no other district in the store: what every case must keep answering. */
    private static final Map<String, Object> ALONE = reportsOf(project(A_EVENTS, List.of(), new Random(0)).store);

    static LongStream seeds() {
        long first = Long.getLong("isolation.firstSeed", 1);
        return LongStream.range(first, first + Integer.getInteger("isolation.cases", 16));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldLeaveEveryReportOfADistrictUnchangedWhateverAnotherDistrictDoesWithTheSameIds(long seed) {
        Random random = new Random(seed);
        List<Recorded> neighbour = NeighbourDistrict.generate(B, A_EVENTS, seed, B_EVENTS);
        int early = random.nextInt(neighbour.size() + 1);
        System.out.printf("DistrictIsolationPropertyTest seed %d: %d events of %s, %d of them interleaved with the "
                + "%d of %s; %d reports of %s compared%n", seed, neighbour.size(), B, early, A_EVENTS.size(), A,
                ALONE.size(), A);

        Projected projected = project(A_EVENTS, neighbour.subList(0, early), random);
        Map<String, Object> before = reportsOf(projected.store);
        assertSame(seed, "A's reports with " + early + " of B's events interleaved, against A alone", ALONE, before);

        projected.deliver(neighbour.subList(early, neighbour.size()), random);
        assertSame(seed, "A's reports before and after the other " + (neighbour.size() - early) + " of B's events",
                before, reportsOf(projected.store));

        // Not vacuous: B's events landed, as B's own facts, under A's ids.
        DistrictFacts b = DistrictFacts.load(projected.store, B, DistrictScenario.ZONE);
        DistrictFacts a = DistrictFacts.load(projected.store, A, DistrictScenario.ZONE);
        Set<String> aUnits = a.units().stream().map(DistrictFacts.UnitFact::unitId).collect(Collectors.toSet());
        Set<String> aVolunteers = a.volunteers().stream().map(DistrictFacts.VolunteerFact::volunteerId)
                .collect(Collectors.toSet());
        assertThat(b.units()).extracting(DistrictFacts.UnitFact::unitId)
                .as("seed %d: B's tree reuses A's unit ids", seed).containsAll(aUnits);
        assertThat(b.volunteers()).extracting(DistrictFacts.VolunteerFact::volunteerId)
                .as("seed %d: B has volunteers with A's ids", seed).anyMatch(aVolunteers::contains);
        assertThat(b.requests()).as("seed %d: B has requests", seed).isNotEmpty();
    }

    private static void assertSame(long seed, String what, Map<String, Object> expected, Map<String, Object> actual) {
        List<String> differing = expected.keySet().stream()
                .filter(key -> !Objects.equals(expected.get(key), actual.get(key))).toList();
        String detail = differing.stream().limit(3).map(key -> key + "\n    expected " + clip(expected.get(key))
                + "\n    but was  " + clip(actual.get(key))).collect(Collectors.joining("\n  "));
        assertThat(differing.size()).as("seed %d: %s; %d of %d reports differ (first: %s), e.g.\n  %s", seed, what,
                differing.size(), expected.size(), differing.stream().limit(10).toList(), detail).isZero();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
    }

    private static String clip(Object value) {
        String text = String.valueOf(value);
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    // ---- the projection path ------------------------------------------------------------------------------------

    /** A fresh store and its two consumers (facts, matching), fed in batches as a poll would hand them over. */
    private record Projected(FactStore store, List<FactProjection> handlers) {

        /** Random batches of 1..64 events, each consumer getting its part of a batch in order. */
        void deliver(List<Recorded> events, Random random) {
            int from = 0;
            while (from < events.size()) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(64));
                List<InboundEvent> facts = new ArrayList<>();
                List<InboundEvent> matching = new ArrayList<>();
                for (Recorded event : events.subList(from, to)) {
                    boolean match = event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound;
                    (match ? matching : facts).add(event.inbound());
                }
                handlers.get(0).handleBatch(facts);
                handlers.get(1).handleBatch(matching);
                from = to;
            }
        }
    }

    /** {@code mine} with {@code theirs} interleaved at random, each list's own order kept, through the consumers. */
    private static Projected project(List<Recorded> mine, List<Recorded> theirs, Random random) {
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        Projected projected = new Projected(store, FactProjection.forVersion(store));
        List<Recorded> merged = new ArrayList<>(mine.size() + theirs.size());
        int i = 0;
        int j = 0;
        while (i < mine.size() || j < theirs.size()) {
            boolean takeTheirs = j < theirs.size()
                    && (i == mine.size() || random.nextInt(mine.size() + theirs.size()) < theirs.size());
            merged.add(takeTheirs ? theirs.get(j++) : mine.get(i++));
        }
        projected.deliver(merged, random);
        return projected;
    }

    // ---- every report of A --------------------------------------------------------------------------------------

    private static ReportQuery query(String unit, Scope scope, TreeView view, Granularity granularity, String platform,
                                     String menuItem, String channel) {
        return new ReportQuery(A, unit, scope, view, FROM, TO, granularity, platform, menuItem, channel);
    }

    /** Every report of district A, by a label naming the report and its parameters. */
    static Map<String, Object> reportsOf(FactStore store) {
        DistrictFacts facts = DistrictFacts.load(store, A, DistrictScenario.ZONE);
        Map<String, Object> reports = new LinkedHashMap<>();
        reports.put("knowsDistrict", store.knowsDistrict(A));
        List<String> units = new ArrayList<>();
        units.add(null); // the default: the district's center
        units.addAll(DistrictScenario.allUnits());
        units.add("nb-unit-0"); // a unit of B only: unknown to A
        List<String[]> filters = List.of(new String[] {null, null, null}, new String[] {"CARE", null, null},
                new String[] {null, "m-1", null}, new String[] {null, null, "APP"});
        for (TreeView view : TreeView.values()) {
            for (Scope scope : Scope.values()) {
                for (String unit : units) {
                    String at = unit + " " + scope + " " + view;
                    for (Granularity granularity : Granularity.values()) {
                        ReportQuery q = query(unit, scope, view, granularity, null, null, null);
                        reports.put("figures " + at + " " + granularity, ENGINE.figures(facts, q));
                        reports.put("unmetDemand " + at + " " + granularity, ENGINE.unmetDemand(facts, q));
                    }
                    for (String[] filter : unit == null ? filters : filters.subList(0, 1)) {
                        ReportQuery q = query(unit, scope, view, Granularity.MONTH, filter[0], filter[1], filter[2]);
                        String label = at + " " + String.join("/", Stream.of(filter).map(String::valueOf).toList());
                        reports.put("figures " + label, ENGINE.figures(facts, q));
                        reports.put("topVolunteers " + label, ENGINE.topVolunteers(facts, q, 100));
                        for (String tier : ReportEngine.TIERS) {
                            reports.put("topUnits " + tier + " " + label, ENGINE.topUnits(facts, q, tier, 100));
                        }
                        reports.put("units " + label, ENGINE.units(facts, q));
                        reports.put("openRequests " + label, ENGINE.openRequests(facts, q));
                        reports.put("assessment " + label, ENGINE.assessment(facts, q));
                    }
                }
            }
        }
        return reports;
    }
}
