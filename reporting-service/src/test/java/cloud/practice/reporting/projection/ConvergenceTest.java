package cloud.practice.reporting.projection;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.reporting.report.DistrictFacts;
import cloud.practice.reporting.report.Granularity;
import cloud.practice.reporting.report.ReportEngine;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.Recorded;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts, and every figure computed from them, are the same whatever the order in which independent aggregates'
 * events arrive and however many earlier events are delivered again — without the consumer's ledger (which would
 * hide the duplicates): the projection's own sequence guards are what is tested.
 */
class ConvergenceTest {

    private static final List<Recorded> EVENTS = DistrictScenario.build().events();

    private static FactStore project(List<Recorded> events) {
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        List<FactProjection> handlers = FactProjection.forVersion(store);
        for (Recorded event : events) {
            boolean matching = event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound;
            handlers.get(matching ? 1 : 0).handle(event.inbound());
        }
        return store;
    }

    /** Facts without the field that only records which sequence came last (equal anyway when converged). */
    private static Map<Kind, List<Document>> dump(FactStore store) {
        return Arrays.stream(Kind.values()).collect(Collectors.toMap(kind -> kind, store::dump));
    }

    private static final FactStore IN_ORDER = project(EVENTS);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void shouldConvergeWhateverTheOrderOfIndependentAggregatesAndDespiteDuplicates(long seed) {
        List<Recorded> shuffled = EventLog.shuffled(EVENTS, seed, 400);
        assertThat(shuffled).hasSizeGreaterThan(EVENTS.size()).isNotEqualTo(EVENTS);

        FactStore store = project(shuffled);

        assertThat(dump(store)).isEqualTo(dump(IN_ORDER));
        ReportEngine engine = new ReportEngine(ReportingSettings.defaults());
        for (TreeView view : TreeView.values()) {
            ReportQuery query = new ReportQuery(DistrictScenario.DISTRICT, null, Scope.SUBTREE, view,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 31), Granularity.MONTH, null, null, null);
            assertThat(engine.figures(DistrictFacts.load(store, DistrictScenario.DISTRICT, DistrictScenario.ZONE),
                    query)).isEqualTo(engine.figures(DistrictFacts.load(IN_ORDER, DistrictScenario.DISTRICT,
                    DistrictScenario.ZONE), query));
        }
    }

    /** The consumers apply a poll's events as one batch of bulk writes; duplicates inside a batch are skipped. */
    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 7, 500})
    void shouldConvergeWhenAppliedInBatchesWithDuplicatesInside(int batchSize) {
        List<Recorded> shuffled = EventLog.shuffled(EVENTS, batchSize, 400);
        FactStore store = new FactStore(MongoFixture.freshDatabase(), 1);
        List<FactProjection> handlers = FactProjection.forVersion(store);
        for (int from = 0; from < shuffled.size(); from += batchSize) {
            List<Recorded> batch = shuffled.subList(from, Math.min(shuffled.size(), from + batchSize));
            handlers.get(0).handleBatch(batch.stream().filter(e -> !matching(e)).map(Recorded::inbound).toList());
            handlers.get(1).handleBatch(batch.stream().filter(ConvergenceTest::matching).map(Recorded::inbound)
                    .toList());
        }
        assertThat(dump(store)).isEqualTo(dump(IN_ORDER));
    }

    private static boolean matching(Recorded event) {
        return event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound;
    }

    @ParameterizedTest(name = "replayed {0} times")
    @ValueSource(ints = {2, 3})
    void shouldChangeNothingWhenTheWholeLogIsReplayed(int times) {
        List<Recorded> replayed = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            replayed.addAll(EVENTS);
        }
        assertThat(dump(project(replayed))).isEqualTo(dump(IN_ORDER));
    }
}
