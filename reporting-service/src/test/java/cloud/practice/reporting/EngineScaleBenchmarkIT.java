package cloud.practice.reporting;

import cloud.practice.events.Context;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactProjection;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.reporting.projection.MongoFixture;
import cloud.practice.reporting.report.AttributionTree;
import cloud.practice.reporting.report.DistrictFacts;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.report.FigureTally;
import cloud.practice.reporting.report.Granularity;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.ReportEngine;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.scale.EventSink;
import cloud.practice.scale.ScaleGenerator;
import cloud.practice.scale.ScaleOptions;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.management.JMException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 25's baseline: what today's engine costs as a district grows. Every report call loads <b>every fact of the
 * district</b> ({@link DistrictFacts#load}) and rolls up in memory ({@link ReportEngine}); this measures that against
 * the largest district scaled down (1, 5, 7.5 and 10 % of its 1,000,000 requests and 150,000 volunteers, five
 * years).
 *
 * <p>Today's engine is the one of 7b42252: {@code ReportService.facts(district)} reads the whole history on every
 * call; {@link Calls#facts} and {@link #cityFigures} do exactly that here, whatever the service's code becomes.
 * {@code -Dbench.read=range} reads as 45e915e does instead (a report's range of the dated facts), side by side in the
 * same harness; its results go to {@code target/engine-scale-benchmark-range.txt}.
 *
 * <p>Per size: scale-generator's district as the relays send it, each record decoded by {@link CloudEventCodec} and
 * applied in batches of a poll's size to the real projection ({@link FactProjection#handleBatch} on a
 * {@link FactStore} over the MongoDB stand-in, in this JVM, through the driver); then report calls as the controllers
 * make them (district known? load the facts, the tree now for the access check, the engine): {@code /figures} of the
 * center for the last 12 full months by month, repeated; the dashboard's calls for one view (dashboard.js: units,
 * figures, assessment, unmet-demand, open-requests, each page a call of its own) one after another and at once;
 * the city view (as {@code CityReports}: districts side by side and the city's figures; one district here). Heap: used
 * after a full collection with the projected store, with the facts held, with the largest kind's raw documents held,
 * and the most a collection left during the calls.
 *
 * <p>Asserts correctness only, never time: every generated event applied; the figures' submitted requests per month
 * equal both the generator's oracle and a count of the decoded {@code RequestSubmitted} events; the dashboard's tree
 * and the city agree with the figures. A size whose projection would take longer than
 * {@code bench.projectionBudgetMinutes} (linear estimate from the size before) is skipped and said so.
 *
 * <p>Run (the failsafe JVM's flags: the service's collector and young generation, an old generation large enough for
 * the stand-in that shares the JVM):
 * {@code ./mvnw -B -ntp -o -Pbenchmark -pl reporting-service verify -Dit.test=EngineScaleBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false "-Dsurefire.jvm.args=-Dfile.encoding=UTF-8 -Duser.timezone=UTC
 * -XX:+UseSerialGC -Xmn128m -Xmx8g"}; sizes {@code -Dbench.sizes=10000:1500,50000:7500,75000:11250,100000:15000}
 * (requests:volunteers), {@code -Dbench.repeats=20}. Results: {@code target/engine-scale-benchmark.txt}.
 */
@Tag("benchmark")
class EngineScaleBenchmarkIT {

    private static final String SIZES = System.getProperty("bench.sizes",
            "10000:1500,50000:7500,75000:11250,100000:15000");
    private static final int REPEATS = Integer.getInteger("bench.repeats", 20);
    private static final int WARM_UPS = Integer.getInteger("bench.warmUps", 3);
    private static final double BUDGET_MINUTES = Double.parseDouble(
            System.getProperty("bench.projectionBudgetMinutes", "6"));
    private static final String SEED = System.getProperty("bench.seed", "42");
    /** Spring Kafka's batch listener gets what one poll returns: at most max.poll.records, 500 by default. */
    private static final int POLL = 500;
    /** dashboard.js pages every list at 500 rows. */
    private static final int PAGE = 500;
    /** {@code -Dbench.read=range}: the range-bounded read (45e915e) instead of today's, side by side. */
    private static final boolean RANGE_READ = "range".equals(System.getProperty("bench.read", "history"));
    private static final Path OUT = Path.of("target", RANGE_READ ? "engine-scale-benchmark-range.txt"
            : "engine-scale-benchmark.txt");

    private final ReportEngine engine = new ReportEngine(ReportingSettings.defaults());
    private final StringBuilder projectionTable = new StringBuilder();
    private final StringBuilder callTable = new StringBuilder();
    private final StringBuilder heapTable = new StringBuilder();
    private final StringBuilder readTable = new StringBuilder();
    private final StringBuilder notes = new StringBuilder();

    @Test
    void shouldMeasureTodaysEngineAgainstTheSizeOfADistrict() throws Exception {
        projectionTable.append("| requests | volunteers | events | projection (generate + decode + apply) | events/s "
                + "| of it decoding / applying | documents: units, requests, volunteers, credits, matches, "
                + "activities | the stand-in's heap for them |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        callTable.append("| requests | load p50 | figures p50 | figures call (load + roll-up) p50 / p99 / max "
                + "| dashboard view: calls, one after another | … at once (as Promise.all) | city view: "
                + "districts + figures |\n|---|---|---|---|---|---|---|\n");
        heapTable.append("| requests | facts held | raw request documents held | most a collection left during one "
                + "figures call, over the heap before it | … during the dashboard's calls at once |\n"
                + "|---|---|---|---|---|\n");
        readTable.append("| requests | requests the 12 months show, of those read | each kind's documents read through "
                + "the driver (median of 3): count, time | the whole load (p50) |\n|---|---|---|---|\n");
        GcWatch gc = new GcWatch();
        double lastMinutesPerRequest = 0;
        for (String size : SIZES.split(",")) {
            int requests = Integer.parseInt(size.split(":")[0].trim());
            int volunteers = Integer.parseInt(size.split(":")[1].trim());
            double estimate = lastMinutesPerRequest * requests;
            if (estimate > BUDGET_MINUTES) {
                notes.append(String.format("- %,d requests / %,d volunteers: skipped, projection estimated at %.1f "
                        + "min (linear from the size before) > budget %.1f min%n", requests, volunteers, estimate,
                        BUDGET_MINUTES));
                continue;
            }
            double minutes = measure(requests, volunteers, gc);
            lastMinutesPerRequest = minutes / requests;
            write();
        }
        write();
        System.out.println("=== engine scale benchmark ===\n" + render());
    }

    /** One size, every measure; returns the projection's minutes. */
    private double measure(int requests, int volunteers, GcWatch gc) throws Exception {
        ScaleOptions options = ScaleOptions.parse("--seed", SEED, "--districts", "1", "--largest-requests",
                Integer.toString(requests), "--largest-volunteers", Integer.toString(volunteers), "--summary",
                "none", "--sink", "null");
        ZoneId zone = options.zone();

        // 1. The district into the real projection, as the consumers apply it.
        MongoDatabase database = MongoFixture.freshDatabase();
        FactStore store = new FactStore(database, 1);
        ProjectingSink sink = new ProjectingSink(FactProjection.forVersion(store), zone);
        long start = System.nanoTime();
        Map<String, Object> oracle = ScaleGenerator.generate(options, sink, events -> {
            if (events % (1 << 18) == 0) {
                System.out.printf("  %,d requests: %,d events in %.0f s%n", requests, events,
                        (System.nanoTime() - start) / 1e9);
            }
        });
        sink.close();
        double projectionSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> district = districtOf(oracle);
        String districtId = (String) district.get("districtId");
        long events = ((Number) oracle.get("events")).longValue();
        assertThat(sink.applied()).as("every generated event applied").isEqualTo(events);
        String projected = String.format("| %,d | %,d | %,d | %.1f s | %,.0f | %.1f s / %.1f s | %s |", requests,
                volunteers, events, projectionSeconds, events / projectionSeconds, sink.decodeNanos / 1e9,
                sink.applyNanos / 1e9, List.of(Kind.UNITS, Kind.REQUESTS, Kind.VOLUNTEERS, Kind.CREDITS, Kind.MATCHES,
                        Kind.ACTIVITIES).stream().map(kind -> String.format("%,d", store.collection(kind)
                        .countDocuments())).collect(Collectors.joining(", ")));
        Runnable quiet = () -> store.knowsDistrict(districtId); // the last reply on the connection a small one
        YearMonth lastFull = YearMonth.from(options.until()).minusMonths(1);
        LocalDate from = lastFull.minusMonths(11).atDay(1);
        LocalDate to = lastFull.atEndOfMonth();
        Map<String, Long> oracleMonths = submittedPerMonth(district);
        long shown = oracleMonths.entrySet().stream().filter(month -> !YearMonth.parse(month.getKey()).isBefore(
                YearMonth.from(from)) && !YearMonth.parse(month.getKey()).isAfter(lastFull))
                .mapToLong(Map.Entry::getValue).sum();
        String shownOfAll = String.format("%,d of %,d (%.0f %%)", shown, requests, 100.0 * shown / requests);
        ReportQuery year = new ReportQuery(districtId, null, Scope.SUBTREE, TreeView.THEN, from, to,
                Granularity.MONTH, null, null, null);

        // Today's read of the whole history, once: on the stand-in it can fail outright (a reply over the driver's
        // limit). That is this size's outcome then; nothing else can be measured.
        Calls calls = new Calls(store, districtId);
        try {
            calls.facts(districtId, from, to);
        } catch (MongoException e) {
            String failure = String.format("every call fails: %s: %s", e.getClass().getSimpleName(), e.getMessage());
            callTable.append(String.format("| %,d | %s | | | | | |%n", requests, failure));
            notes.append(String.format("- %,d requests: the load fails on the stand-in (%s); the 12 months would have "
                    + "shown %s requests%n", requests, e.getMessage(), shownOfAll));
            projectionTable.append(projected).append(String.format(" %s |%n", standIn(gc, quiet, database)));
            return projectionSeconds / 60;
        }
        // What the facts and the largest kind's raw documents hold (a load has both at once while it maps requests).
        DistrictFacts facts = calls.facts(districtId, from, to);
        String shownOfRead = String.format("%,d of %,d (%.0f %%)", shown, facts.requests().size(),
                100.0 * shown / facts.requests().size());
        int factCount = facts.units().size() + facts.requests().size() + facts.volunteers().size()
                + facts.teams().size() + facts.credits().size() + facts.honours().size() + facts.activities().size()
                + facts.pairings().size() + facts.matches().all().size() + facts.grids().size();
        java.util.function.Supplier<List<Document>> rawRequests = () -> RANGE_READ ? store.between(Kind.REQUESTS,
                districtId, "submittedAt", from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant()) : store.all(Kind.REQUESTS, districtId);
        assertThat(rawRequests.get()).hasSize(facts.requests().size());
        facts = null; // not held while the heap is measured
        long factsHeld = gc.heldBy(() -> calls.facts(districtId, from, to), quiet);
        long rawHeld = gc.heldBy(rawRequests, quiet);

        // 2. /figures of the center, the last 12 full months by month.
        for (int i = 0; i < WARM_UPS; i++) {
            calls.call(year, f -> engine.figures(f, year));
        }
        GcTime gcTime = new GcTime();
        List<Long> loads = new ArrayList<>();
        List<Long> rollUps = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        List<FigureRow> rows = null;
        for (int i = 0; i < REPEATS; i++) {
            Timed<List<FigureRow>> call = calls.call(year, f -> engine.figures(f, year));
            loads.add(call.loadNanos());
            rollUps.add(call.reportNanos());
            totals.add(call.loadNanos() + call.reportNanos());
            rows = call.result();
        }
        String repeatsGc = gcTime.since();
        readTable.append(String.format("| %,d | %s | %s | %s |%n", requests, shownOfRead,
                reads(store, districtId, zone, from, to), ms(percentile(loads, 50))));
        for (FigureRow row : rows) {
            assertThat(row.requests().submitted()).as("submitted in %s: the oracle", row.period())
                    .isEqualTo(oracleMonths.getOrDefault(row.period(), 0L));
            assertThat(row.requests().submitted()).as("submitted in %s: the decoded events", row.period())
                    .isEqualTo(sink.submitted.getOrDefault(YearMonth.parse(row.period()), 0L));
        }
        assertThat(rows).hasSize(12);
        assertThat(rows.stream().mapToLong(r -> r.requests().submitted()).sum()).isPositive();
        long beforeFigures = gc.liveHeap();
        gc.startWatching();
        calls.call(year, f -> engine.figures(f, year));
        Watched figuresPeak = gc.stopWatching();

        // 3. The dashboard's calls for one view of the center, with dashboard.js's defaults: view now, by month,
        //    from the first of the month five months before 'to' ('to': today, here the last generated day).
        LocalDate today = options.until().minusDays(1);
        ReportQuery view = new ReportQuery(districtId, null, Scope.SUBTREE, TreeView.NOW,
                today.withDayOfMonth(1).minusMonths(5), today, Granularity.MONTH, null, null, null);
        List<Callable<Dashboard>> dashboard = List.of(
                () -> calls.pages("units", view, f -> engine.units(f, view)),
                () -> calls.pages("figures", view, f -> engine.figures(f, view)),
                () -> calls.pages("assessment", view, f -> List.of(engine.assessment(f, view))),
                () -> calls.pages("unmet-demand", view, f -> engine.unmetDemand(f, view)),
                () -> calls.pages("open-requests", view, f -> engine.openRequests(f, view)));
        for (Callable<Dashboard> report : dashboard) {
            report.call(); // warm-up of the paths figures did not take
        }
        long sequentialStart = System.nanoTime();
        List<Dashboard> answers = new ArrayList<>();
        for (Callable<Dashboard> report : dashboard) {
            answers.add(report.call());
        }
        long sequential = System.nanoTime() - sequentialStart;
        int callCount = answers.stream().mapToInt(Dashboard::calls).sum();
        @SuppressWarnings("unchecked")
        List<ReportEngine.UnitOverview> units = (List<ReportEngine.UnitOverview>) answers.get(0).rows();
        @SuppressWarnings("unchecked")
        List<FigureRow> viewFigures = (List<FigureRow>) answers.get(1).rows();
        assertThat(units.get(0).submitted()).as("the tree's center row equals its figures summed")
                .isEqualTo(viewFigures.stream().mapToLong(r -> r.requests().submitted()).sum());
        String perReport = answers.stream().map(a -> String.format("%s %d×%.0f", a.name(), a.calls(),
                a.nanos() / 1e6 / a.calls())).collect(Collectors.joining(", "));
        long beforeDashboard = gc.liveHeap();
        gc.startWatching();
        ExecutorService browser = Executors.newFixedThreadPool(dashboard.size());
        long parallelStart = System.nanoTime();
        List<Future<Dashboard>> futures = browser.invokeAll(dashboard);
        for (Future<Dashboard> future : futures) {
            future.get();
        }
        long parallel = System.nanoTime() - parallelStart;
        browser.shutdown();
        Watched dashboardPeak = gc.stopWatching();

        // 4. The city view (dashboard.js's loadCity): districts side by side over the range, the city per month.
        ReportQuery cityFilters = new ReportQuery(null, null, Scope.SUBTREE, TreeView.NOW, view.from(), view.to(),
                Granularity.MONTH, null, null, null);
        List<Period> months = Period.cover(view.from(), view.to(), Granularity.MONTH);
        Period range = new Period(view.from() + "/" + view.to(), view.from(), view.to());
        List<String> cityDistricts = List.of(districtId);
        cityFigures(calls, cityDistricts, cityFilters, months);
        long cityStart = System.nanoTime();
        CityRows side = cityFigures(calls, cityDistricts, cityFilters, List.of(range));
        CityRows perMonth = cityFigures(calls, cityDistricts, cityFilters, months);
        long city = System.nanoTime() - cityStart;
        assertThat(side.districts().get(0).requests().submitted()).as("the city's district over the range")
                .isEqualTo(units.get(0).submitted());
        assertThat(perMonth.city().stream().map(r -> r.requests().submitted()).toList())
                .as("a city of one district: its figures")
                .isEqualTo(viewFigures.stream().map(r -> r.requests().submitted()).toList());

        callTable.append(String.format("| %,d | %s | %s | %s / %s / %s (collections: %s) | %s (%d calls: %s) | %s "
                        + "| %s |%n", requests, ms(percentile(loads, 50)), ms(percentile(rollUps, 50)),
                ms(percentile(totals, 50)), ms(percentile(totals, 99)), ms(percentile(totals, 100)), repeatsGc,
                ms(sequential), callCount, perReport, ms(parallel), ms(city)));
        heapTable.append(String.format("| %,d | %s (%,d facts, %,.0f bytes each) | %s | %s | %s |%n", requests,
                mb(factsHeld), factCount, (double) factsHeld / factCount, mb(rawHeld),
                figuresPeak.over(beforeFigures), dashboardPeak.over(beforeDashboard)));
        projectionTable.append(projected).append(String.format(" %s |%n", standIn(gc, quiet, database)));
        return projectionSeconds / 60;
    }

    /** What the stand-in holds of the district: the heap before and after its database is dropped. */
    private static String standIn(GcWatch gc, Runnable quiet, MongoDatabase database) {
        quiet.run();
        long with = gc.liveHeap();
        database.drop();
        return mb(with - gc.liveHeap());
    }

    // ---- the projection, as the consumers apply it ------------------------------------------------------------

    /**
     * Decodes each record as the consumers do and hands a poll's worth at a time to the handler of its topic
     * (facts: hierarchy, volunteer, request; matching: matching). Counts the submitted requests per month of the
     * zone from the decoded events, independently of the generator's oracle.
     */
    private static final class ProjectingSink implements EventSink {

        private final CloudEventCodec codec = new CloudEventCodec();
        private final FactProjection facts;
        private final FactProjection matching;
        private final ZoneId zone;
        private final List<InboundEvent> factBatch = new ArrayList<>(POLL);
        private final List<InboundEvent> matchingBatch = new ArrayList<>(POLL);
        final Map<YearMonth, Long> submitted = new TreeMap<>();
        long decodeNanos;
        long applyNanos;
        private long offset;

        ProjectingSink(List<FactProjection> handlers, ZoneId zone) {
            this.facts = handlers.get(0);
            this.matching = handlers.get(1);
            this.zone = zone;
        }

        @Override
        public void send(ProducerRecord<String, byte[]> record) {
            long start = System.nanoTime();
            InboundEvent event = codec.decode(new ConsumerRecord<>(record.topic(), 0, offset++, 0L,
                    TimestampType.CREATE_TIME, 0, record.value().length, record.key(), record.value(),
                    new RecordHeaders(record.headers().toArray()), Optional.empty()));
            decodeNanos += System.nanoTime() - start;
            if (event.payload() instanceof RequestSubmitted submission) {
                submitted.merge(YearMonth.from(submission.submittedAt().atZone(zone)), 1L, Long::sum);
            }
            boolean ofMatching = record.topic().equals(Context.MATCHING.topic());
            List<InboundEvent> batch = ofMatching ? matchingBatch : factBatch;
            batch.add(event);
            if (batch.size() == POLL) {
                apply(ofMatching ? matching : facts, batch);
            }
        }

        private void apply(FactProjection handler, List<InboundEvent> batch) {
            long start = System.nanoTime();
            handler.handleBatch(batch);
            applyNanos += System.nanoTime() - start;
            batch.clear();
        }

        long applied() {
            return facts.applied() + matching.applied();
        }

        @Override
        public void close() {
            apply(facts, factBatch);
            apply(matching, matchingBatch);
        }
    }

    // ---- report calls, as the controllers make them ----------------------------------------------------------

    private record Timed<T>(T result, long loadNanos, long reportNanos) {
    }

    /** One report of the dashboard: its rows, the calls its pages took, their time. */
    private record Dashboard(String name, List<?> rows, int calls, long nanos) {
    }

    /**
     * What ReportController's {@code prepare} and a report method do, minus HTTP, access and JSON: is the district
     * known, read its facts ({@link #facts}), the tree now for the access check, the engine.
     */
    private static final class Calls {
        private final FactStore store;
        private final String districtId;
        private final ReportingSettings settings = ReportingSettings.defaults();

        Calls(FactStore store, String districtId) {
            this.store = store;
            this.districtId = districtId;
        }

        boolean knowsDistrict(String district) {
            return store.knowsDistrict(district);
        }

        /**
         * What a report of the days {@code from}..{@code to} reads: today's engine the district's whole history,
         * whatever the range; with {@code -Dbench.read=range} only the range's dated facts (45e915e's
         * ReportService.facts(district, from, to)), to compare side by side.
         */
        DistrictFacts facts(String district, LocalDate from, LocalDate to) {
            return RANGE_READ ? DistrictFacts.load(store, district, settings.zoneOf(district), from, to)
                    : DistrictFacts.load(store, district, settings.zoneOf(district));
        }

        <T> Timed<T> call(ReportQuery query, Function<DistrictFacts, T> report) {
            long start = System.nanoTime();
            assertThat(knowsDistrict(districtId)).isTrue();
            DistrictFacts facts = facts(districtId, query.from(), query.to());
            new AttributionTree(facts.units(), TreeView.NOW); // the access check's tree
            long loaded = System.nanoTime();
            T result = report.apply(facts);
            return new Timed<>(result, loaded - start, System.nanoTime() - loaded);
        }

        /** Every page of a report as dashboard.js fetches it: each page is a call that computes the whole report. */
        Dashboard pages(String name, ReportQuery query, Function<DistrictFacts, List<?>> report) {
            Timed<List<?>> first = call(query, report);
            long nanos = first.loadNanos() + first.reportNanos();
            int pages = Math.max(1, (first.result().size() + PAGE - 1) / PAGE);
            for (int page = 1; page < pages; page++) {
                Timed<List<?>> next = call(query, report);
                nanos += next.loadNanos() + next.reportNanos();
            }
            return new Dashboard(name, first.result(), pages, nanos);
        }
    }

    /** What reading each kind's documents costs, as {@link Calls#facts} reads them, before they become facts. */
    private static String reads(FactStore store, String districtId, ZoneId zone, LocalDate from, LocalDate to) {
        List<String> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Long> times = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                count = (RANGE_READ && FactStore.DATED.containsKey(kind) ? store.between(kind, districtId,
                        FactStore.DATED.get(kind), from.atStartOfDay(zone).toInstant(),
                        to.plusDays(1).atStartOfDay(zone).toInstant()) : store.all(kind, districtId)).size();
                times.add(System.nanoTime() - start);
            }
            if (count > 0) {
                kinds.add(String.format("%s %,d %s", kind.name().toLowerCase(java.util.Locale.ROOT), count,
                        ms(percentile(times, 50))));
            }
        }
        return String.join(", ", kinds);
    }

    /** The city's rows (one per period) and its districts' (period by period), from their added-up tallies. */
    private record CityRows(List<FigureRow> city, List<FigureRow> districts) {
    }

    /**
     * CityReports.figures as of 7b42252: district by district (one district's facts in the heap at once), each read
     * as {@link Calls#facts} reads and tallied per period; the city's row computed from the tallies added up.
     */
    private CityRows cityFigures(Calls calls, List<String> districts, ReportQuery filters, List<Period> periods) {
        List<FigureTally> city = new ArrayList<>();
        periods.forEach(period -> city.add(FigureTally.empty()));
        List<FigureRow> districtRows = new ArrayList<>();
        for (String district : districts) {
            ReportEngine.Tallies tallies = calls.knowsDistrict(district)
                    ? engine.tallies(calls.facts(district, filters.from(), filters.to()),
                    filters.forDistrict(district), periods)
                    : new ReportEngine.Tallies(null, periods.stream().map(period -> FigureTally.empty()).toList());
            for (int i = 0; i < periods.size(); i++) {
                FigureTally tally = tallies.periods().get(i);
                city.set(i, city.get(i).plus(tally));
                districtRows.add(tally.row(periods.get(i), tallies.unitId(), Scope.SUBTREE, filters.view(),
                        engine.targets()));
            }
        }
        List<FigureRow> cityRows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            cityRows.add(city.get(i).row(periods.get(i), null, Scope.SUBTREE, filters.view(), engine.targets()));
        }
        return new CityRows(cityRows, districtRows);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> districtOf(Map<String, Object> oracle) {
        List<Map<String, Object>> districts = (List<Map<String, Object>>) oracle.get("districts");
        assertThat(districts).hasSize(1);
        return districts.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> submittedPerMonth(Map<String, Object> district) {
        Map<String, Map<String, Long>> months = (Map<String, Map<String, Long>>) district.get("months");
        Map<String, Long> submitted = new TreeMap<>();
        months.forEach((month, counts) -> submitted.put(month, counts.get("requestsSubmitted")));
        return submitted;
    }

    // ---- heap ------------------------------------------------------------------------------------------------

    /**
     * Heap after collections: {@link #liveHeap} after a full collection; between {@link #startWatching} and
     * {@link #stopWatching}, the most any collection left (what was reachable then, plus garbage already promoted
     * to the old generation: an upper estimate of what the calls held at once).
     */
    private static final class GcWatch {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong seen = new AtomicLong();
        private final AtomicLong most = new AtomicLong();
        private volatile boolean watching;
        private long collectionsBefore;

        GcWatch() {
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                if (watching) {
                    most.accumulateAndGet(after, Math::max);
                }
                seen.incrementAndGet();
            };
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
            }
        }

        /** Objects held here while the heap is measured: a field is a root whatever the JIT makes of locals. */
        private volatile Object held;

        /**
         * What an object holds: the heap with it minus the heap without it, both after {@code quiet} (so the
         * driver's and the stand-in's last reply are small ones either way); the median of three.
         */
        long heldBy(java.util.function.Supplier<?> make, Runnable quiet) {
            List<Long> deltas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held = make.get();
                quiet.run();
                long with = liveHeap();
                held = null;
                quiet.run();
                deltas.add(with - liveHeap());
            }
            return percentile(deltas, 50);
        }

        /**
         * The bytes of the reachable objects: jcmd's GC.class_histogram after its full collection, every class but
         * {@code int[]}. Not the heap used after {@code System.gc()}: the serial collector leaves up to 5 % of the old
         * generation as uncompacted dead space (MarkSweepDeadRatio), tens of megabytes with the stand-in's data
         * there, and fills it with {@code int[]} objects the histogram lists as well; neither facts nor documents
         * hold an {@code int[]}.
         */
        long liveHeap() {
            try {
                String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[] {new String[0]}, new String[] {String[].class.getName()});
                // "   1:       1153661       87206248  [B (java.base@17.0.15)": rank, instances, bytes, class
                return histogram.lines().map(String::trim).filter(line -> line.matches("\\d+:.*"))
                        .map(line -> line.split("\\s+")).filter(fields -> !fields[3].equals("[I"))
                        .mapToLong(fields -> Long.parseLong(fields[2])).sum();
            } catch (JMException e) {
                throw new IllegalStateException("no class histogram in this JVM", e);
            }
        }

        void startWatching() {
            collectionsBefore = collections();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.get() >= collectionsBefore);
            most.set(0);
            watching = true;
        }

        /** Waits until every collection so far has been reported (notifications come on another thread). */
        Watched stopWatching() {
            long collections = collections();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.get() >= collections);
            watching = false;
            return new Watched(most.get(), collections - collectionsBefore);
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }
    }

    /** Collections since it was made, per collector: how many and how long (young pauses vs full ones). */
    private static final class GcTime {
        private final Map<String, long[]> start = snapshot();

        private static Map<String, long[]> snapshot() {
            Map<String, long[]> counts = new TreeMap<>();
            ManagementFactory.getGarbageCollectorMXBeans().forEach(collector -> counts.put(collector.getName(),
                    new long[] {collector.getCollectionCount(), collector.getCollectionTime()}));
            return counts;
        }

        String since() {
            Map<String, long[]> now = snapshot();
            return now.entrySet().stream().map(e -> String.format("%s %d, %d ms", e.getKey(),
                    e.getValue()[0] - start.get(e.getKey())[0], e.getValue()[1] - start.get(e.getKey())[1]))
                    .collect(Collectors.joining("; "));
        }
    }

    /** @param most the most used heap a collection left */
    private record Watched(long most, long collections) {
        String over(long base) {
            return collections == 0 ? "no collection during it" : mb(most - base) + " (" + collections
                    + " collections)";
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private String render() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return String.format("Reports against the size of a district (EngineScaleBenchmarkIT)%n"
                        + "box: %d cores; JDK %s; test JVM max heap %s (%s; flags %s); the service runs with "
                        + "-Xmx384m -XX:+UseSerialGC%n"
                        + "store: the MongoDB stand-in in memory, in this JVM, through the driver (its data shares "
                        + "the heap: every heap figure below is a difference without it)%n"
                        + "engine: %s%n"
                        + "district: scale-generator --seed %s --districts 1 --largest-requests N "
                        + "--largest-volunteers V (five years to 2026-12-01); figures: center, subtree, view then, "
                        + "the last 12 full months by month, %d calls after %d warm-ups; dashboard: dashboard.js's "
                        + "view for the center (view now, by month, the last six months), pages of %d rows%n%n"
                        + "Projection%n%n%s%nReport calls (each call: district known? + read the facts as the engine "
                        + "above does + the tree now + the engine; no HTTP, access or JSON)%n%n%s%nWhat a load reads"
                        + "%n%n%s%n"
                        + "Heap (reachable bytes from a class histogram: with minus without, median of 3; the "
                        + "collections' figures are upper estimates: garbage promoted to the old generation counts)"
                        + "%n%n%s%n%s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                mb(Runtime.getRuntime().maxMemory()), collectors, String.join(" ", runtime.getInputArguments()),
                RANGE_READ ? "the range-bounded read (45e915e, -Dbench.read=range): a call reads its range's requests, "
                        + "credits, honour hours and activities, everything else whole"
                        : "today's (7b42252): every call reads every fact of the district, whatever its range",
                SEED, REPEATS, WARM_UPS, PAGE, projectionTable, callTable, readTable, heapTable, notes);
    }

    private void write() throws Exception {
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, render());
    }

    /** Nearest rank. */
    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String ms(long nanos) {
        return nanos >= 10_000_000_000L ? String.format("%.1f s", nanos / 1e9) : String.format("%.0f ms", nanos / 1e6);
    }

    private static String mb(double bytes) {
        return String.format("%.0f MB", bytes / (1024 * 1024));
    }
}
