package cloud.practice.reporting.report;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.DistrictFacts.ActivityFact;
import cloud.practice.reporting.report.DistrictFacts.CreditFact;
import cloud.practice.reporting.report.DistrictFacts.HonourFact;
import cloud.practice.reporting.report.DistrictFacts.PairingFact;
import cloud.practice.reporting.report.DistrictFacts.RequestFact;
import cloud.practice.reporting.report.DistrictFacts.UnitFact;
import cloud.practice.reporting.report.DistrictFacts.Version;
import cloud.practice.reporting.report.DistrictFacts.VolunteerFact;
import cloud.practice.support.geo.Geo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Computes every report from the facts at query time, against the tree of the query's {@link TreeView}. Nothing here
 * is stored: the facts are the only state, so the figures cannot drift from them.
 */
public final class ReportEngine {

    public static final List<String> TIERS = List.of("CENTER", "SUB_CENTER", "INSTITUTE", "STATION", "POINT");
    public static final List<String> UNIT_STATUSES = List.of("ACTIVE", "SUSPENDED", "CLOSED");
    public static final List<String> REQUEST_STATUSES = List.of("SUBMITTED", "REVIEWED", "DISPATCHED", "ACCEPTED",
            "IN_SERVICE", "COMPLETED", "REOPENED", "REJECTED", "CANCELLED", "EXPIRED");
    public static final List<String> OPEN_STATUSES = List.of("SUBMITTED", "REVIEWED", "DISPATCHED", "ACCEPTED",
            "IN_SERVICE", "REOPENED");
    public static final List<String> STAGES = List.of("review", "dispatch", "accept", "complete");
    public static final int MAX_STARS = 5;

    private final ReportingSettings settings;

    public ReportEngine(ReportingSettings settings) {
        this.settings = settings;
    }

    /** The unit reported on: the query's, or the district's center. */
    public static String subject(ReportQuery query, AttributionTree tree) {
        return query.unitId() != null ? query.unitId() : tree.root(query.to()).orElse(null);
    }

    public List<FigureRow> figures(DistrictFacts facts, ReportQuery query) {
        return figures(facts, query, Period.cover(query.from(), query.to(), query.granularity()));
    }

    /** The figures of the query's unit for each of the given periods (a city's side by side: the whole range). */
    public List<FigureRow> figures(DistrictFacts facts, ReportQuery query, List<Period> periods) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String unit = subject(query, tree);
        List<FigureRow> rows = new ArrayList<>();
        for (Period period : periods) {
            rows.add(tally(facts, tree, query, unit, period).row(period, unit, query.scope(), query.view(), targets()));
        }
        return rows;
    }

    /** The unit a query reported on (its district's center when it named none) and each period's tally. */
    public record Tallies(String unitId, List<FigureTally> periods) {
    }

    /**
     * What each period's figures of the query's unit are made of, to add up with other districts' (a city's figures:
     * {@link FigureTally#plus}, then {@link FigureTally#row} with {@link #targets}).
     */
    public Tallies tallies(DistrictFacts facts, ReportQuery query, List<Period> periods) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String unit = subject(query, tree);
        return new Tallies(unit, periods.stream().map(period -> tally(facts, tree, query, unit, period)).toList());
    }

    /** The stages' SLA targets, in {@link #STAGES} order. */
    public List<Duration> targets() {
        return List.of(settings.sla().review(), settings.sla().dispatch(), settings.sla().accept(),
                settings.sla().complete());
    }

    private FigureRow row(DistrictFacts facts, AttributionTree tree, ReportQuery query, String unit, Period period) {
        return tally(facts, tree, query, unit, period).row(period, unit, query.scope(), query.view(), targets());
    }

    /**
     * One period's tally: each group of figures is one step below, over the same scope (the unit alone or its
     * subtree, through the view's tree); requests are the period's cohort, everything else as the period ends.
     */
    private FigureTally tally(DistrictFacts facts, AttributionTree tree, ReportQuery query, String unit,
                              Period period) {
        if (unit == null) {
            return FigureTally.empty();
        }
        LocalDate end = period.last();
        Predicate<List<String>> inScope = chain -> query.scope() == Scope.UNIT
                ? !chain.isEmpty() && chain.get(0).equals(unit) : chain.contains(unit);
        List<UnitFact> unitsInScope = query.scope() == Scope.UNIT
                ? tree.unit(unit).filter(u -> tree.placement(u, end) != null).map(List::of).orElse(List.of())
                : tree.subtree(unit, end);
        List<RequestFact> cohort = cohort(facts, tree, query, period, inScope);
        List<RequestFact> everCompleted = cohort.stream().filter(r -> r.completedAt() != null).toList();
        FigureRow.Requests requests = requestCounts(cohort);
        FigureRow.Coverage coverage = coverage(facts, tree, query.view(), unitsInScope, end);
        FigureRow.Volunteers volunteers = volunteers(facts, tree, inScope, end);
        List<List<Double>> stageMinutes = new ArrayList<>();
        for (int stage = 0; stage < STAGES.size(); stage++) {
            int i = stage;
            stageMinutes.add(cohort.stream().map(r -> stageMinutes(r, i)).filter(m -> m != null).toList());
        }
        List<Integer> ratings = cohort.stream().map(RequestFact::rating).filter(r -> r != null).toList();
        HalfHours hours = hours(facts, tree, query, period, inScope);
        FigureRow.Activities activities = activities(facts, tree, query, period, inScope);
        FigureRow.Pairings pairings = pairings(facts, tree, period, inScope);
        return new FigureTally(unitsByTierAndStatus(tree, unitsInScope, end), coverage.communities(),
                coverage.covered(), coverage.grids(), coverage.gridsCovered(), volunteers.registered(),
                volunteers.active(), volunteers.byStars(), volunteers.bySkill(), volunteers.teams(),
                requests.submitted(), requests.byStatus(), requests.byPlatform(), requests.byMenuItem(),
                requests.byChannel(), stageMinutes,
                everCompleted.stream().map(r -> minutes(r.submittedAt(), r.completedAt())).toList(),
                withinEveryTarget(everCompleted, targets()),
                cohort.stream().mapToLong(RequestFact::escalations).sum(),
                cohort.stream().filter(r -> r.escalations() > 0).count(),
                cohort.stream().mapToLong(RequestFact::locationFlags).sum(), ratings.size(),
                ratings.stream().mapToLong(Integer::longValue).sum(), ratings.stream().filter(r -> r >= 4).count(),
                everCompleted.stream().filter(r -> r.reopens() > 0).count(), hours.credit(), hours.honour(),
                activities.published(), activities.held(), activities.volunteersAttended(),
                activities.residentsAttended(), pairings.active(), pairings.healthy());
    }

    /** Units in scope by tier and status on the period's last day (every tier and status listed, zeros included). */
    private static Map<String, Map<String, Long>> unitsByTierAndStatus(AttributionTree tree,
                                                                       List<UnitFact> unitsInScope, LocalDate end) {
        Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
        TIERS.forEach(tier -> byTier.put(tier, zeros(UNIT_STATUSES)));
        for (UnitFact u : unitsInScope) {
            Version version = tree.placement(u, end);
            byTier.get(u.tier()).merge(version.status(), 1L, Long::sum);
        }
        return byTier;
    }

    /** Communities declared by the open units in scope on the last day, covered by an open station; their grids. */
    private static FigureRow.Coverage coverage(DistrictFacts facts, AttributionTree tree, TreeView view,
                                               List<UnitFact> unitsInScope, LocalDate end) {
        Set<String> declared = new LinkedHashSet<>();
        Set<String> covered = new LinkedHashSet<>();
        for (UnitFact u : unitsInScope) {
            Version version = tree.placement(u, end);
            if (!"CLOSED".equals(version.status())) {
                declared.addAll(version.communities());
                if ("STATION".equals(u.tier())) {
                    covered.addAll(version.communities());
                }
            }
        }
        long communities = declared.size();
        long coveredCount = declared.stream().filter(covered::contains).count();
        long grids = 0;
        long gridsCovered = 0;
        for (String community : declared) {
            int count = facts.gridsOn(community, view == TreeView.NOW ? LocalDate.MAX : end).size();
            grids += count;
            gridsCovered += covered.contains(community) ? count : 0;
        }
        return new FigureRow.Coverage(communities, coveredCount, communities - coveredCount,
                ratio(coveredCount, communities), grids, gridsCovered, grids - gridsCovered, ratio(gridsCovered, grids));
    }

    /** Volunteers registered by the period's end, under their home unit; teams not dissolved, under their unit. */
    private static FigureRow.Volunteers volunteers(DistrictFacts facts, AttributionTree tree,
                                                   Predicate<List<String>> inScope, LocalDate end) {
        long registered = 0;
        long active = 0;
        Map<String, Long> byStars = new LinkedHashMap<>();
        for (int star = 0; star <= MAX_STARS; star++) {
            byStars.put(Integer.toString(star), 0L);
        }
        Map<String, Long> bySkill = zeros(platforms());
        for (VolunteerFact v : facts.volunteers()) {
            if (v.registeredOn().isAfter(end) || !inScope.test(tree.attribution(v, end))) {
                continue;
            }
            registered++;
            if ("ACTIVE".equals(v.status()) && !v.erased()) {
                active++;
                byStars.merge(Integer.toString(Math.min(MAX_STARS, v.stars())), 1L, Long::sum);
                v.skills().keySet().forEach(platform -> bySkill.merge(platform, 1L, Long::sum));
            }
        }
        long teams = facts.teams().stream().filter(t -> !t.dissolved())
                .filter(t -> inScope.test(tree.attribution(t.unitId(), end))).count();
        return new FigureRow.Volunteers(registered, active, byStars, bySkill, teams);
    }

    /** The requests of the query's filters submitted in the period under a unit in scope (the period's cohort). */
    private static List<RequestFact> cohort(DistrictFacts facts, AttributionTree tree, ReportQuery query, Period period,
                                            Predicate<List<String>> inScope) {
        return facts.requests().stream().filter(r -> period.contains(r.date()))
                .filter(r -> matches(query, r)).filter(r -> inScope.test(tree.attribution(r.unitId(), r.date())))
                .toList();
    }

    private static FigureRow.Requests requestCounts(List<RequestFact> cohort) {
        Map<String, Long> byStatus = zeros(REQUEST_STATUSES);
        Map<String, Long> byPlatform = zeros(platforms());
        Map<String, Long> byChannel = zeros(channels());
        Map<String, Long> byMenuItem = new TreeMap<>();
        for (RequestFact r : cohort) {
            byStatus.merge(r.status(), 1L, Long::sum);
            byPlatform.merge(r.platform(), 1L, Long::sum);
            byChannel.merge(r.channel(), 1L, Long::sum);
            byMenuItem.merge(r.menuItemId(), 1L, Long::sum);
        }
        return new FigureRow.Requests(cohort.size(), byStatus, byPlatform, byMenuItem, byChannel);
    }

    /** Completed requests that passed every stage within its target. */
    private static long withinEveryTarget(List<RequestFact> everCompleted, List<Duration> targets) {
        return everCompleted.stream().filter(r -> {
            for (int stage = 0; stage < STAGES.size(); stage++) {
                Double m = stageMinutes(r, stage);
                if (m == null || m > targets.get(stage).toMinutes()) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    /**
     * Credits by the day served (under the unit served, else the volunteer's home unit), honour hours by the day
     * granted (under the home unit). Honour hours have no platform: a platform filter leaves them out.
     */
    private static HalfHours hours(DistrictFacts facts, AttributionTree tree, ReportQuery query, Period period,
                                   Predicate<List<String>> inScope) {
        Map<String, VolunteerFact> volunteers = new HashMap<>();
        facts.volunteers().forEach(v -> volunteers.put(v.volunteerId(), v));
        long creditHalfHours = 0;
        for (CreditFact c : facts.credits()) {
            if (period.contains(c.date()) && (query.platform() == null || query.platform().equals(c.platform()))
                    && inScope.test(c.unitId() != null ? tree.attribution(c.unitId(), c.date())
                    : tree.attribution(volunteers.get(c.volunteerId()), c.date()))) {
                creditHalfHours += c.halfHours();
            }
        }
        long honourHalfHours = 0;
        if (query.platform() == null) {
            for (HonourFact h : facts.honours()) {
                if (!h.revoked() && period.contains(h.date())
                        && inScope.test(tree.attribution(volunteers.get(h.volunteerId()), h.date()))) {
                    honourHalfHours += h.halfHours();
                }
            }
        }
        return new HalfHours(creditHalfHours, honourHalfHours);
    }

    /** Hours are kept in half hours (what credits are granted in) until a figure shows them. */
    private record HalfHours(long credit, long honour) {
    }

    /** Activities by the day they start: published, and held (closed) with their attendance. */
    private static FigureRow.Activities activities(DistrictFacts facts, AttributionTree tree, ReportQuery query,
                                                   Period period, Predicate<List<String>> inScope) {
        long published = 0;
        long held = 0;
        long volunteersAttended = 0;
        long residentsAttended = 0;
        for (ActivityFact a : facts.activities()) {
            if (!period.contains(a.date()) || (query.platform() != null && !query.platform().equals(a.platform()))
                    || !inScope.test(tree.attribution(a.unitId(), a.date()))) {
                continue;
            }
            published++;
            if (a.closed()) {
                held++;
                volunteersAttended += a.volunteersAttended();
                residentsAttended += a.residentsAttended();
            }
        }
        return new FigureRow.Activities(published, held, volunteersAttended, residentsAttended);
    }

    /** Pairings running in the period with a station in scope; healthy when an activity was recorded in it. */
    private static FigureRow.Pairings pairings(DistrictFacts facts, AttributionTree tree, Period period,
                                               Predicate<List<String>> inScope) {
        long active = 0;
        long healthy = 0;
        for (PairingFact p : facts.pairings()) {
            if (!p.runsDuring(period) || p.stationIds().stream()
                    .noneMatch(station -> inScope.test(tree.attribution(station, period.last())))) {
                continue;
            }
            active++;
            if (p.activityDates().stream().anyMatch(period::contains)) {
                healthy++;
            }
        }
        return new FigureRow.Pairings(active, healthy, ratio(healthy, active));
    }

    static boolean matches(ReportQuery query, RequestFact r) {
        return (query.platform() == null || query.platform().equals(r.platform()))
                && (query.menuItem() == null || query.menuItem().equals(r.menuItemId()))
                && (query.channel() == null || query.channel().equals(r.channel()));
    }

    /** Minutes from the previous stage to {@code stage} (0 review … 3 complete), null if not (both) reached. */
    static Double stageMinutes(RequestFact r, int stage) {
        Instant[] points = {r.submittedAt(), r.reviewedAt(), r.dispatchedAt(), r.acceptedAt(), r.completedAt()};
        Instant from = points[stage];
        Instant to = points[stage + 1];
        return from == null || to == null ? null : minutes(from, to);
    }

    private static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 60.0;
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    public static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)));
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double ratioOrZero(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, 0L));
        return map;
    }

    public static List<String> platforms() {
        return java.util.Arrays.stream(ServicePlatform.values()).map(Enum::name).toList();
    }

    public static List<String> channels() {
        return java.util.Arrays.stream(Channel.values()).map(Enum::name).toList();
    }

    // ---- unmet demand -------------------------------------------------------------------------------------------

    /**
     * Open, rejected and expired requests by grid × platform × period (submission), next to the supply: active
     * volunteers with that platform's skill living within the supply radius of the grid's requests (or, for a grid
     * without located requests, whose home unit is one of the grid's responsible units).
     */
    public List<DemandRow> unmetDemand(DistrictFacts facts, ReportQuery query) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String unit = subject(query, tree);
        List<DemandRow> rows = new ArrayList<>();
        for (Period period : Period.cover(query.from(), query.to(), query.granularity())) {
            Map<List<String>, List<RequestFact>> cells = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                    .thenComparing(k -> k.get(1)));
            for (RequestFact r : facts.requests()) {
                if (!period.contains(r.date()) || !matches(query, r)) {
                    continue;
                }
                List<String> chain = tree.attribution(r.unitId(), r.date());
                boolean in = query.scope() == Scope.UNIT ? !chain.isEmpty() && chain.get(0).equals(unit)
                        : chain.contains(unit);
                if (in) {
                    cells.computeIfAbsent(List.of(r.grid() == null ? "" : r.grid(), r.platform()),
                            k -> new ArrayList<>()).add(r);
                }
            }
            cells.forEach((cell, requests) -> {
                long open = requests.stream().filter(r -> OPEN_STATUSES.contains(r.status())).count();
                long rejected = requests.stream().filter(r -> "REJECTED".equals(r.status())).count();
                long expired = requests.stream().filter(r -> "EXPIRED".equals(r.status())).count();
                if (open + rejected + expired == 0) {
                    return;
                }
                long noMatch = requests.stream().filter(r -> facts.matches().foundNobodyFor(r.requestId())).count();
                rows.add(new DemandRow(period.label(), period.first().toString(), period.last().toString(),
                        cell.get(0), cell.get(1), requests.size(), open, rejected, expired, noMatch,
                        supply(facts, requests, cell.get(1))));
            });
        }
        return rows;
    }

    private long supply(DistrictFacts facts, List<RequestFact> requests, String platform) {
        List<cloud.practice.events.GeoPoint> points = requests.stream().map(RequestFact::location)
                .filter(p -> p != null).toList();
        Set<String> units = new LinkedHashSet<>();
        requests.forEach(r -> units.add(r.unitId()));
        return facts.volunteers().stream()
                .filter(v -> "ACTIVE".equals(v.status()) && !v.erased() && v.skills().containsKey(platform))
                .filter(v -> points.isEmpty() || v.location() == null ? units.contains(v.homeUnitId())
                        : points.stream().anyMatch(p -> Geo.distanceKm(p, v.location()) <= settings.supplyRadiusKm()))
                .count();
    }

    public record DemandRow(String period, String from, String to, String grid, String platform, long requests,
                            long open, long rejected, long expired, long noMatchFound, long supply) {
    }

    // ---- top lists ---------------------------------------------------------------------------------------------

    public record VolunteerHours(String volunteerId, String name, String homeUnitId, double hours) {
    }

    /** Volunteers in scope by credit + honour hours in the range; ties by id. */
    public List<VolunteerHours> topVolunteers(DistrictFacts facts, ReportQuery query, int limit) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String unit = subject(query, tree);
        Period range = new Period("range", query.from(), query.to());
        Map<String, Long> halfHours = new HashMap<>();
        facts.credits().stream().filter(c -> range.contains(c.date()))
                .filter(c -> query.platform() == null || query.platform().equals(c.platform()))
                .forEach(c -> halfHours.merge(c.volunteerId(), (long) c.halfHours(), Long::sum));
        if (query.platform() == null) {
            facts.honours().stream().filter(h -> !h.revoked() && range.contains(h.date()))
                    .forEach(h -> halfHours.merge(h.volunteerId(), (long) h.halfHours(), Long::sum));
        }
        return facts.volunteers().stream()
                .filter(v -> halfHours.containsKey(v.volunteerId()))
                .filter(v -> {
                    List<String> chain = tree.attribution(v, query.to());
                    return query.scope() == Scope.UNIT ? !chain.isEmpty() && chain.get(0).equals(unit)
                            : chain.contains(unit);
                })
                .map(v -> new VolunteerHours(v.volunteerId(), v.maskedName(), v.homeUnitId(),
                        halfHours.get(v.volunteerId()) / 2.0))
                .sorted(Comparator.comparingDouble(VolunteerHours::hours).reversed()
                        .thenComparing(VolunteerHours::volunteerId))
                .limit(limit).toList();
    }

    public record UnitCompletion(String unitId, String name, String tier, long submitted, long completed,
                                 double completionRate) {
    }

    /** Units of a tier in the subtree, by completion rate of the requests submitted in the range (their subtree). */
    public List<UnitCompletion> topUnits(DistrictFacts facts, ReportQuery query, String tier, int limit) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String root = subject(query, tree);
        List<UnitCompletion> result = new ArrayList<>();
        for (UnitFact candidate : tree.subtree(root, query.to())) {
            Version version = tree.placement(candidate, query.to());
            if (!tier.equals(candidate.tier()) || version == null || "CLOSED".equals(version.status())) {
                continue;
            }
            long submitted = 0;
            long completed = 0;
            for (RequestFact r : facts.requests()) {
                if (!r.date().isBefore(query.from()) && !r.date().isAfter(query.to()) && matches(query, r)
                        && tree.attribution(r.unitId(), r.date()).contains(candidate.unitId())) {
                    submitted++;
                    if ("COMPLETED".equals(r.status())) {
                        completed++;
                    }
                }
            }
            if (submitted > 0) {
                result.add(new UnitCompletion(candidate.unitId(), version.name(), candidate.tier(), submitted,
                        completed, round((double) completed / submitted)));
            }
        }
        result.sort(Comparator.comparingDouble(UnitCompletion::completionRate).reversed()
                .thenComparing(Comparator.comparingLong(UnitCompletion::submitted).reversed())
                .thenComparing(UnitCompletion::unitId));
        return result.stream().limit(limit).toList();
    }

    // ---- the tree with its key figures, and the map -------------------------------------------------------------

    /**
     * One unit of the tree as it stood on the query's last day, with the key figures of its subtree over the range
     * (the same attribution as {@link #figures} with scope subtree, so a unit's row equals its figures summed).
     *
     * @param completionRate completed / submitted, 0 when nothing was submitted (as in the figures)
     * @param activeVolunteers active volunteers whose home unit lies in the subtree on the last day
     */
    public record UnitOverview(String unitId, String code, String name, String tier, String parentId, String status,
                               Double latitude, Double longitude, long submitted, long open, long completed,
                               double completionRate, long escalated, long rated, Double averageRating,
                               long activeVolunteers) {
    }

    /** The subject's subtree on the last day, parents before children, each with its subtree's key figures. */
    public List<UnitOverview> units(DistrictFacts facts, ReportQuery query) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String root = subject(query, tree);
        LocalDate last = query.to();
        Map<String, long[]> counts = new HashMap<>();   // submitted, open, completed, escalated, rated, rating sum, volunteers
        for (RequestFact r : facts.requests()) {
            if (r.date().isBefore(query.from()) || r.date().isAfter(last) || !matches(query, r)) {
                continue;
            }
            for (String unit : tree.attribution(r.unitId(), r.date())) {
                long[] c = counts.computeIfAbsent(unit, k -> new long[7]);
                c[0]++;
                c[1] += OPEN_STATUSES.contains(r.status()) ? 1 : 0;
                c[2] += "COMPLETED".equals(r.status()) ? 1 : 0;
                c[3] += r.escalations() > 0 ? 1 : 0;
                if (r.rating() != null) {
                    c[4]++;
                    c[5] += r.rating();
                }
            }
        }
        for (VolunteerFact v : facts.volunteers()) {
            if (!v.registeredOn().isAfter(last) && "ACTIVE".equals(v.status()) && !v.erased()) {
                tree.attribution(v, last).forEach(unit -> counts.computeIfAbsent(unit, k -> new long[7])[6]++);
            }
        }
        List<UnitOverview> rows = new ArrayList<>();
        for (UnitFact unit : tree.subtree(root, last)) {
            Version version = tree.placement(unit, last);
            long[] c = counts.getOrDefault(unit.unitId(), new long[7]);
            rows.add(new UnitOverview(unit.unitId(), unit.code(), version.name(), unit.tier(),
                    unit.unitId().equals(root) ? null : version.parentId(), version.status(),
                    unit.location() == null ? null : unit.location().latitude(),
                    unit.location() == null ? null : unit.location().longitude(), c[0], c[1], c[2],
                    ratioOrZero(c[2], c[0]), c[3], c[4], c[4] == 0 ? null : round((double) c[5] / c[4]), c[6]));
        }
        return rows;
    }

    /**
     * Where the open requests are: requests of the subtree submitted in the range and open now, at their place
     * rounded to three decimals (about 100 m) — enough for a map, not an address.
     */
    public record OpenRequestPoint(String requestId, String unitId, String platform, String status,
                                   String submittedOn, double latitude, double longitude) {
    }

    public List<OpenRequestPoint> openRequests(DistrictFacts facts, ReportQuery query) {
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String root = subject(query, tree);
        return facts.requests().stream()
                .filter(r -> r.location() != null && OPEN_STATUSES.contains(r.status()))
                .filter(r -> !r.date().isBefore(query.from()) && !r.date().isAfter(query.to()) && matches(query, r))
                .filter(r -> {
                    List<String> chain = tree.attribution(r.unitId(), r.date());
                    return query.scope() == Scope.UNIT ? !chain.isEmpty() && chain.get(0).equals(root)
                            : chain.contains(root);
                })
                .sorted(Comparator.comparing(RequestFact::submittedAt).thenComparing(RequestFact::requestId))
                .map(r -> new OpenRequestPoint(r.requestId(), r.unitId(), r.platform(), r.status(), r.date().toString(),
                        Math.round(r.location().latitude() * 1000) / 1000.0, Math.round(r.location().longitude() * 1000) / 1000.0))
                .toList();
    }

    // ---- assessment -------------------------------------------------------------------------------------------

    /**
     * The ratios a district's evaluation scores, over the whole range, each with the figures it came from.
     *
     * @param activityFrequencyPerStation activities held / open stations on the last day
     * @param hoursPerVolunteer           (credit + honour hours) / volunteers registered by the last day
     * @param activeVolunteerShare        volunteers credited with hours in the range / registered volunteers
     */
    public record Assessment(String districtId, String unitId, String from, String to, TreeView view, long stations,
                             long activitiesHeld, Double activityFrequencyPerStation, long rated,
                             Double averageRating, Double share4to5, long registeredVolunteers,
                             double volunteerHours, Double hoursPerVolunteer, long volunteersWithHours,
                             Double activeVolunteerShare, double completionRate, Map<String, String> links) {
    }

    public Assessment assessment(DistrictFacts facts, ReportQuery query) {
        ReportQuery whole = new ReportQuery(query.districtId(), query.unitId(), Scope.SUBTREE, query.view(),
                query.from(), query.to(), Granularity.YEAR, query.platform(), query.menuItem(), query.channel());
        AttributionTree tree = new AttributionTree(facts.units(), query.view());
        String unit = subject(whole, tree);
        Period range = new Period("range", query.from(), query.to());
        FigureRow row = row(facts, tree, whole, unit, range);
        long stations = row.unitsByTierAndStatus().get("STATION").get("ACTIVE");
        double hours = row.hours().credit() + row.hours().honour();
        Set<String> inScope = new LinkedHashSet<>();
        facts.volunteers().stream().filter(v -> !v.registeredOn().isAfter(query.to()))
                .filter(v -> tree.attribution(v, query.to()).contains(unit))
                .forEach(v -> inScope.add(v.volunteerId()));
        long withHours = facts.credits().stream().filter(c -> range.contains(c.date()))
                .map(CreditFact::volunteerId).filter(inScope::contains).distinct().count();
        long registered = row.volunteers().registered();
        String base = "/api/v1/reports/figures?district=" + query.districtId() + "&unit=" + unit + "&scope=subtree"
                + "&from=" + query.from() + "&to=" + query.to() + "&view=" + query.view().name().toLowerCase();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("figures", base + "&granularity=month");
        links.put("topVolunteers", "/api/v1/reports/top/volunteers?district=" + query.districtId() + "&unit=" + unit
                + "&from=" + query.from() + "&to=" + query.to());
        links.put("topUnits", "/api/v1/reports/top/units?district=" + query.districtId() + "&unit=" + unit
                + "&from=" + query.from() + "&to=" + query.to());
        links.put("unmetDemand", "/api/v1/reports/unmet-demand?district=" + query.districtId() + "&unit=" + unit
                + "&from=" + query.from() + "&to=" + query.to() + "&granularity=month");
        return new Assessment(query.districtId(), unit, query.from().toString(), query.to().toString(), query.view(),
                stations, row.activities().held(), ratio(row.activities().held(), stations), row.satisfaction().rated(),
                row.satisfaction().averageRating(), row.satisfaction().share4to5(), registered, hours,
                ratio(Math.round(hours * 100), registered * 100), withHours, ratio(withHours, registered),
                row.completionRate(), links);
    }
}
