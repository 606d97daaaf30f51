package cloud.practice.reporting.report;

import cloud.practice.events.GeoPoint;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.FactStore.Kind;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The facts of one district, read once per query, with instants turned into dates of the district's zone.
 *
 * @param grids community → its grid register (lists with the dates they took effect, in order)
 */
public record DistrictFacts(String districtId, ZoneId zone, List<UnitFact> units, List<RequestFact> requests,
                            List<VolunteerFact> volunteers, List<TeamFact> teams, List<CreditFact> credits,
                            List<HonourFact> honours, List<ActivityFact> activities, List<PairingFact> pairings,
                            MatchAnswers matches, Map<String, List<GridList>> grids) {

    /** The grids of a community from {@code from} on, until the next list. */
    public record GridList(LocalDate from, List<String> grids) {
    }

    /** The grids of {@code community} in force on {@code date} (none before its first list; today's: {@code MAX}). */
    public List<String> gridsOn(String community, LocalDate date) {
        List<String> inForce = List.of();
        for (GridList list : grids.getOrDefault(community, List.of())) {
            if (!list.from().isAfter(date)) {
                inForce = list.grids();
            }
        }
        return inForce;
    }

    public record Version(LocalDate from, LocalDate to, String name, String parentId, String status,
                          List<String> communities) {
        boolean covers(LocalDate date) {
            return !from.isAfter(date) && (to == null || date.isBefore(to));
        }
    }

    /** @param location where the unit is (its last relocation), or null when it never gave one */
    public record UnitFact(String unitId, String code, String tier, String mergedInto, GeoPoint location,
                           List<Version> versions) {
        Version current() {
            return versions.get(versions.size() - 1);
        }

        /** The version on {@code date}, or null when the unit did not exist yet. */
        Version at(LocalDate date) {
            for (Version version : versions) {
                if (version.covers(date)) {
                    return version;
                }
            }
            return date.isBefore(versions.get(0).from()) ? null : current();
        }
    }

    public record RequestFact(String requestId, String unitId, String menuItemId, String platform, String channel,
                              String grid, GeoPoint location, String status, Instant submittedAt, LocalDate date,
                              Instant reviewedAt, Instant dispatchedAt, Instant acceptedAt, Instant completedAt,
                              Integer rating, int escalations, int reopens, String expiredStage,
                              int locationFlags) {
    }

    /**
     * @param homeUnitId the home unit today
     * @param homes      every home unit with the day it took effect, in order (empty: only {@code homeUnitId} known)
     */
    public record VolunteerFact(String volunteerId, String maskedName, String homeUnitId, GeoPoint location,
                                Map<String, Integer> skills, String status, int stars, LocalDate registeredOn,
                                boolean erased, List<HomeSpell> homes) {

        /** The home unit on {@code date}: the last one that took effect by then (before registration: the first). */
        public String homeOn(LocalDate date) {
            String home = homes.isEmpty() ? homeUnitId : homes.get(0).unitId();
            for (HomeSpell spell : homes) {
                if (!spell.since().isAfter(date)) {
                    home = spell.unitId();
                }
            }
            return home;
        }
    }

    public record HomeSpell(String unitId, LocalDate since) {
    }

    public record TeamFact(String teamId, String unitId, boolean dissolved, int members) {
    }

    public record CreditFact(String creditId, String volunteerId, String unitId, String platform, int halfHours,
                             LocalDate date) {
    }

    public record HonourFact(String grantId, String volunteerId, int halfHours, LocalDate date, boolean revoked) {
    }

    public record ActivityFact(String activityId, String unitId, String platform, LocalDate date, boolean closed,
                               int volunteersAttended, int residentsAttended, int checkedOut) {
    }

    public record PairingFact(String pairingId, List<String> stationIds, LocalDate start, LocalDate end,
                              List<LocalDate> activityDates) {
        boolean runsDuring(Period period) {
            return start != null && !start.isAfter(period.last()) && (end == null || end.isAfter(period.first()));
        }
    }

    public record MatchFact(String requestId, int proposals, int noMatches) {
    }

    /**
     * The district's matching answers by request, read from the store the first time a report asks for them: only the
     * unmet-demand report does, so the other reports — the figures the dashboard and the big screen ask for most —
     * read none (there are about as many answers as requests, and their reads were a district's whole history).
     */
    public static final class MatchAnswers {

        private final Supplier<Map<String, MatchFact>> source;
        private Map<String, MatchFact> answers;

        private MatchAnswers(Supplier<Map<String, MatchFact>> source) {
            this.source = source;
        }

        /** Answers already known (tests, a report built in memory). */
        public static MatchAnswers of(Map<String, MatchFact> known) {
            return new MatchAnswers(() -> known);
        }

        /** Every answer of the district, by request, read on the first call. */
        public synchronized Map<String, MatchFact> all() {
            if (answers == null) {
                answers = source.get();
            }
            return answers;
        }

        /** Whether matching answered the request at least once that it found nobody. */
        public boolean foundNobodyFor(String requestId) {
            MatchFact answer = all().get(requestId);
            return answer != null && answer.noMatches() > 0;
        }
    }

    public static DistrictFacts load(FactStore store, String districtId, ZoneId zone) {
        return load(store, districtId, zone, null, null);
    }

    /**
     * The facts a report of the days {@code from}..{@code to} (inclusive, the district's zone) reads: requests
     * submitted, credits served, honour hours granted and activities starting in those days — every report counts
     * those by their date, inside the range (ReportEngine) — and the district's units, grids, volunteers, teams,
     * pairings and matching answers whole (they count as they stand on a day, or by request). Null bounds: every fact.
     */
    public static DistrictFacts load(FactStore store, String districtId, ZoneId zone, LocalDate from, LocalDate to) {
        return load(store, districtId, zone, from, to, Narrowing.NONE);
    }

    /**
     * A report's filters, pushed into the reads of the facts they apply to everywhere: the requests of a platform,
     * menu item or channel, the activities of a platform, and no honour hours under a platform filter (they have
     * none). Credits are read whole: the assessment counts volunteers with hours of any platform.
     */
    public record Narrowing(String platform, String menuItem, String channel) {

        public static final Narrowing NONE = new Narrowing(null, null, null);

        public static Narrowing of(ReportQuery query) {
            return new Narrowing(query.platform(), query.menuItem(), query.channel());
        }

        Map<String, String> requests() {
            Map<String, String> equalities = new HashMap<>();
            if (platform != null) {
                equalities.put("platform", platform);
            }
            if (menuItem != null) {
                equalities.put("menuItemId", menuItem);
            }
            if (channel != null) {
                equalities.put("channel", channel);
            }
            return equalities;
        }

        Map<String, String> activities() {
            return platform == null ? Map.of() : Map.of("platform", platform);
        }
    }

    /** The same, with {@code narrowing} pushed into the reads (the facts it leaves out no report of it counts). */
    public static DistrictFacts load(FactStore store, String districtId, ZoneId zone, LocalDate from, LocalDate to,
                                     Narrowing narrowing) {
        BiFunction<Kind, Map<String, String>, List<Document>> dated = (kind, equalities) ->
                from == null ? store.all(kind, districtId, equalities)
                : store.between(kind, districtId, FactStore.DATED.get(kind), from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), equalities);
        List<UnitFact> units = store.all(Kind.UNITS, districtId).stream().map(DistrictFacts::unit).toList();
        List<RequestFact> requests = dated.apply(Kind.REQUESTS, narrowing.requests()).stream()
                .filter(d -> d.get("submittedAt") != null).map(d -> request(d, zone)).toList();
        List<VolunteerFact> volunteers = store.all(Kind.VOLUNTEERS, districtId).stream()
                .filter(d -> d.get("registeredAt") != null).map(d -> volunteer(d, zone)).toList();
        List<TeamFact> teams = store.all(Kind.TEAMS, districtId).stream().filter(d -> d.getString("unitId") != null)
                .map(d -> new TeamFact(d.getString("teamId"), d.getString("unitId"),
                        Boolean.TRUE.equals(d.getBoolean("dissolved")), list(d, "members").size())).toList();
        List<CreditFact> credits = dated.apply(Kind.CREDITS, Map.of()).stream()
                .map(d -> new CreditFact(d.getString("creditId"), d.getString("volunteerId"), d.getString("unitId"),
                        d.getString("platform"), d.getInteger("halfHours", 0), localDate(d.getDate("servedTo"), zone)))
                .toList();
        List<HonourFact> honours = narrowing.platform() != null ? List.of() : dated.apply(Kind.HONOURS, Map.of()).stream()
                .filter(d -> d.get("grantedAt") != null)
                .map(d -> new HonourFact(d.getString("grantId"), d.getString("volunteerId"),
                        d.getInteger("halfHours", 0), localDate(d.getDate("grantedAt"), zone),
                        Boolean.TRUE.equals(d.getBoolean("revoked")))).toList();
        List<ActivityFact> activities = dated.apply(Kind.ACTIVITIES, narrowing.activities()).stream()
                .filter(d -> d.get("startsAt") != null)
                .map(d -> new ActivityFact(d.getString("activityId"), d.getString("unitId"), d.getString("platform"),
                        localDate(d.getDate("startsAt"), zone), Boolean.TRUE.equals(d.getBoolean("closed")),
                        d.getInteger("volunteersAttended", 0), d.getInteger("residentsAttended", 0),
                        list(d, "checkedOut").size())).toList();
        List<PairingFact> pairings = store.all(Kind.PAIRINGS, districtId).stream()
                .filter(d -> d.getString("startDate") != null)
                .map(d -> new PairingFact(d.getString("pairingId"), strings(d, "stationIds"),
                        LocalDate.parse(d.getString("startDate")),
                        d.getString("endDate") == null ? null : LocalDate.parse(d.getString("endDate")),
                        strings(d, "activityDates").stream().map(LocalDate::parse).toList())).toList();
        MatchAnswers matches = new MatchAnswers(() -> {
            Map<String, MatchFact> answers = new HashMap<>();
            store.all(Kind.MATCHES, districtId).forEach(d -> answers.merge(d.getString("requestId"),
                    new MatchFact(d.getString("requestId"), d.getInteger("proposals", 0), d.getInteger("noMatches", 0)),
                    (a, b) -> new MatchFact(a.requestId(), a.proposals() + b.proposals(), a.noMatches() + b.noMatches())));
            return answers;
        });
        Map<String, List<GridList>> grids = new HashMap<>();
        store.all(Kind.GRIDS, districtId).forEach(d -> grids.put(d.getString("community"),
                list(d, "versions").stream().map(v -> (Document) v)
                        .map(v -> new GridList(LocalDate.parse(v.getString("from")), strings(v, "grids"))).toList()));
        return new DistrictFacts(districtId, zone, units, requests, volunteers, teams, credits, honours, activities,
                pairings, matches, grids);
    }

    private static UnitFact unit(Document d) {
        List<Version> versions = list(d, "versions").stream().map(v -> (Document) v).map(v -> new Version(
                LocalDate.parse(v.getString("from")), v.getString("to") == null ? null : LocalDate.parse(v.getString("to")),
                v.getString("name"), v.getString("parentId"), v.getString("status"), strings(v, "communities")))
                .toList();
        return new UnitFact(d.getString("unitId"), d.getString("code"), d.getString("tier"),
                d.getString("mergedInto"), point(d), versions);
    }

    private static RequestFact request(Document d, ZoneId zone) {
        Instant submitted = instant(d.getDate("submittedAt"));
        return new RequestFact(d.getString("requestId"), d.getString("unitId"), d.getString("menuItemId"),
                d.getString("platform"), d.getString("channel"), d.getString("grid"), point(d), d.getString("status"),
                submitted, submitted.atZone(zone).toLocalDate(), instant(d.getDate("reviewedAt")),
                instant(d.getDate("dispatchedAt")), instant(d.getDate("acceptedAt")),
                instant(d.getDate("completedAt")), d.getInteger("rating"), d.getInteger("escalations", 0),
                d.getInteger("reopens", 0), d.getString("expiredStage"), d.getInteger("locationFlags", 0));
    }

    private static VolunteerFact volunteer(Document d, ZoneId zone) {
        Map<String, Integer> skills = new HashMap<>();
        list(d, "skills").forEach(s -> {
            Document skill = (Document) s;
            skills.put(skill.getString("platform"), skill.getInteger("level", 0));
        });
        List<HomeSpell> homes = list(d, "homeUnits").stream().map(h -> (Document) h)
                .filter(h -> h.getDate("since") != null)
                .map(h -> new HomeSpell(h.getString("unitId"), localDate(h.getDate("since"), zone))).toList();
        return new VolunteerFact(d.getString("volunteerId"), d.getString("maskedName"), d.getString("homeUnitId"),
                point(d), skills, d.getString("status"), d.getInteger("stars", 0),
                localDate(d.getDate("registeredAt"), zone), Boolean.TRUE.equals(d.getBoolean("erased")), homes);
    }

    private static GeoPoint point(Document d) {
        Document location = d.get("location", Document.class);
        return location == null ? null : new GeoPoint(location.getDouble("lat"), location.getDouble("lon"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static LocalDate localDate(Date date, ZoneId zone) {
        return date == null ? null : date.toInstant().atZone(zone).toLocalDate();
    }

    private static List<?> list(Document d, String field) {
        Object value = d.get(field);
        return value instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Document d, String field) {
        return (List<String>) list(d, field);
    }
}
