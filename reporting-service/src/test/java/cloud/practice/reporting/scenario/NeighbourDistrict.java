package cloud.practice.reporting.scenario;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.*;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.*;

import java.lang.reflect.RecordComponent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A random stream of another district's events that reuses a district's local ids: its unit, request, volunteer,
 * team, activity, pairing, grant, credit and community ids (gathered from that district's events), plus a few ids
 * of its own, on the same days. Each of the projection's event types can occur, in any order per aggregate (a
 * completion before a submission, a change of a unit that never was), so a read-model key that forgot the
 * district would let these events change, replace or shadow the first district's facts.
 *
 * <p>Sequences are dense per aggregate, as the event stores make them, but each aggregate starts at a random
 * offset (0, 1, 7 or 10,000): below, level with and above the sequences the first district used for the same id,
 * so a guard keyed without the district would both refuse the first district's events and be overtaken by these.
 */
public final class NeighbourDistrict {

    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final int DAYS = 151;
    private static final long[] OFFSETS = {0, 1, 7, 10_000};

    private final String district;
    private final Random random;
    private final Map<String, List<String>> ids;
    private final List<Recorded> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    private NeighbourDistrict(String district, Random random, Map<String, List<String>> ids) {
        this.district = district;
        this.random = random;
        this.ids = ids;
    }

    /**
     * {@code count} events of {@code district} (plus its tree), reusing the ids found in {@code theirs}.
     *
     * @return the events in the order their district would publish them (each aggregate's own order)
     */
    public static List<Recorded> generate(String district, List<Recorded> theirs, long seed, int count) {
        NeighbourDistrict neighbour = new NeighbourDistrict(district, new Random(seed), idsOf(theirs));
        neighbour.tree();
        List<Supplier<Recorded>> kinds = neighbour.kinds();
        for (int i = 0; i < count; i++) {
            neighbour.events.add(kinds.get(neighbour.random.nextInt(kinds.size())).get());
        }
        return List.copyOf(neighbour.events);
    }

    /** Every id the events name, by the record component that names it ({@code unitId}, {@code requestId}, …). */
    static Map<String, List<String>> idsOf(List<Recorded> events) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Recorded recorded : events) {
            for (RecordComponent component : recorded.payload().getClass().getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(recorded.payload());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                String kind = switch (component.getName()) {
                    case "unitId", "parentId", "survivorId", "toParentId", "responsibleUnitId", "homeUnitId",
                         "stationIds", "fromUnitId", "toUnitId", "newUnitId" -> "unit";
                    case "requestId" -> "request";
                    case "volunteerId", "volunteerIds", "participantId", "leaderVolunteerId" -> "volunteer";
                    case "teamId" -> "team";
                    case "activityId" -> "activity";
                    case "pairingId" -> "pairing";
                    case "grantId" -> "grant";
                    case "creditId" -> "credit";
                    case "community", "communities", "movedCommunities" -> "community";
                    case "grid", "grids" -> "grid";
                    case "menuItemId" -> "menuItem";
                    case "partnerId" -> "partner";
                    default -> null;
                };
                if (kind == null || value == null) {
                    continue;
                }
                Set<String> into = found.computeIfAbsent(kind, k -> new LinkedHashSet<>());
                if (value instanceof java.util.Collection<?> many) {
                    many.forEach(v -> into.add(v.toString()));
                } else {
                    into.add(value.toString());
                }
            }
        }
        Map<String, List<String>> ids = new TreeMap<>();
        found.forEach((kind, values) -> ids.put(kind, List.copyOf(values)));
        return ids;
    }

    // ---- picking ------------------------------------------------------------------------------------------------

    /** One of the other district's ids of this kind, or now and then one of this district's own. */
    private String id(String kind) {
        List<String> theirs = ids.getOrDefault(kind, List.of());
        if (theirs.isEmpty() || random.nextInt(10) == 0) {
            return "nb-" + kind + "-" + random.nextInt(3);
        }
        return theirs.get(random.nextInt(theirs.size()));
    }

    private List<String> ids(String kind, int max) {
        List<String> some = new ArrayList<>();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            some.add(id(kind));
        }
        return some.stream().distinct().toList();
    }

    private LocalDate day() {
        return FIRST.plusDays(random.nextInt(DAYS));
    }

    private Instant instant() {
        return FIRST.atStartOfDay(DistrictScenario.ZONE).toInstant()
                .plusSeconds((long) random.nextInt(DAYS * 24) * 3600 + random.nextInt(3600));
    }

    private <E extends Enum<E>> E any(Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)];
    }

    private ServicePlatform platform() {
        return any(ServicePlatform.class);
    }

    private GeoPoint point() {
        return random.nextInt(4) == 0 ? null
                : new GeoPoint(29.5 + random.nextInt(40) / 100.0, 106.5 + random.nextInt(10) / 100.0);
    }

    private int small() {
        return random.nextInt(12);
    }

    private List<Skill> skills() {
        return List.of(new Skill(platform(), 1 + random.nextInt(3)));
    }

    // ---- appending ----------------------------------------------------------------------------------------------

    private Recorded append(String subject, DomainEvent payload) {
        String stream = EventCatalog.contextOf(payload.getClass()) + "/" + subject;
        Long next = sequences.get(stream);
        long seq = next == null ? OFFSETS[random.nextInt(OFFSETS.length)] : next;
        sequences.put(stream, seq + 1);
        return new Recorded(subject, seq, payload, instant());
    }

    /** The tree is one aggregate per district, as in the hierarchy's event store: the district is its subject. */
    private Recorded tree(DomainEvent payload) {
        return append(district, payload);
    }

    /** Every unit id of the other district established here too, under a random parent, then a unit of its own. */
    private void tree() {
        List<String> units = new ArrayList<>(ids.getOrDefault("unit", List.of()));
        units.add("nb-unit-0");
        List<String> placed = new ArrayList<>();
        for (String unit : units) {
            boolean root = placed.isEmpty();
            OrgTier tier = root ? OrgTier.CENTER : List.of(OrgTier.INSTITUTE, OrgTier.STATION, OrgTier.POINT,
                    OrgTier.SUB_CENTER).get(random.nextInt(4));
            events.add(tree(new OrgUnitEstablished(unit, district, "N-" + unit, "Neighbour " + unit, tier,
                    root ? null : placed.get(random.nextInt(placed.size())), null, null, point(), Set.of(),
                    ids("community", 2), FIRST.minusDays(random.nextInt(30)))));
            placed.add(unit);
        }
    }

    private List<Supplier<Recorded>> kinds() {
        List<Supplier<Recorded>> kinds = new ArrayList<>();
        // the tree
        kinds.add(() -> tree(new OrgUnitEstablished(id("unit"), district, "N", "N", any(OrgTier.class), id("unit"),
                null, null, point(), Set.of(), ids("community", 2), day())));
        kinds.add(() -> tree(new OrgUnitRenamed(id("unit"), district, "Renamed " + small(), day())));
        kinds.add(() -> tree(new OrgUnitMoved(id("unit"), district, id("unit"), id("unit"), day())));
        kinds.add(() -> tree(new OrgUnitStatusChanged(id("unit"), district, any(OrgUnitStatus.class), null, day())));
        kinds.add(() -> tree(new OrgUnitDetailsChanged(id("unit"), district, null, null, null, Set.of(),
                ids("community", 3), day())));
        kinds.add(() -> tree(new OrgUnitRelocated(id("unit"), district, "somewhere", point(), day())));
        kinds.add(() -> tree(new OrgUnitMerged(id("unit"), district, id("unit"), ids("unit", 2), ids("community", 2),
                day())));
        kinds.add(() -> tree(new OrgUnitSplit(id("unit"), district, id("unit"), ids("community", 2), day())));
        kinds.add(() -> tree(new CommunityGridsDefined(id("unit"), district, id("community"), ids("grid", 3), day())));
        // pairings (aggregates of their own in the hierarchy)
        kinds.add(() -> {
            String pairing = id("pairing");
            return append(pairing, new PairingFormed(pairing, district, id("partner"), ids("unit", 2),
                    any(PairingModel.class), 1 + random.nextInt(3), day(), random.nextBoolean() ? null : day()));
        });
        kinds.add(() -> {
            String pairing = id("pairing");
            return append(pairing, new PairingActivityRecorded(pairing, district, id("unit"), id("activity"), "visit",
                    day()));
        });
        kinds.add(() -> {
            String pairing = id("pairing");
            return append(pairing, new PairingEnded(pairing, district, null, day()));
        });
        // volunteers, hours and teams
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerRegistered(v, district, "邻*" + small(), id("unit"), point(), skills(),
                    List.of("zh-CN"), List.of(), true, instant()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerRenamed(v, district, "改*" + small()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerHomeUnitChanged(v, district, id("unit"), point()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerSkillsChanged(v, district, skills()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerStatusChanged(v, district, any(VolunteerStatus.class), null));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerErased(v, district, instant()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new StarLevelReached(v, district, 1 + random.nextInt(5), small(), instant()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new StarLevelWithdrawn(v, district, 1 + random.nextInt(5), small(), "review", instant()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerAvailabilityChanged(v, district, List.of(new WeeklySlot(DayOfWeek.MONDAY,
                    LocalTime.of(9, 0), LocalTime.of(12, 0))), List.of(), true));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new VolunteerLanguagesChanged(v, district, List.of("en")));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            Instant to = instant();
            return append(v, new ServiceHoursCredited(v, district, id("credit"), any(HourSource.class), id("request"),
                    id("unit"), platform(), 1 + small(), to.minusSeconds(3600), to, random.nextBoolean()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new HonourHoursGranted(v, district, id("grant"), 1 + small(), "award", null, "admin",
                    instant()));
        });
        kinds.add(() -> {
            String v = id("volunteer");
            return append(v, new HonourHoursRevoked(v, district, id("grant"), "mistake", "admin", instant()));
        });
        kinds.add(() -> {
            String t = id("team");
            return append(t, new TeamFormed(t, district, id("unit"), "Team", id("volunteer"), Set.of(platform()), 10));
        });
        kinds.add(() -> {
            String t = id("team");
            return append(t, new TeamMemberJoined(t, district, id("volunteer")));
        });
        kinds.add(() -> {
            String t = id("team");
            return append(t, new TeamMemberLeft(t, district, id("volunteer"), null));
        });
        kinds.add(() -> {
            String t = id("team");
            return append(t, new TeamLeaderChanged(t, district, random.nextBoolean() ? null : id("volunteer")));
        });
        kinds.add(() -> {
            String t = id("team");
            return append(t, new TeamDissolved(t, district, null));
        });
        // requests (several kinds each, so a request's life shows up in many shapes)
        for (int weight = 0; weight < 3; weight++) {
            kinds.add(() -> {
                String r = id("request");
                Instant at = instant();
                return append(r, new RequestSubmitted(r, district, id("menuItem"), platform(), id("unit"), point(),
                        id("grid"), any(Channel.class), null, null, null, null, at));
            });
        }
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestReviewed(r, district, id("unit"), "admin", instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestRejected(r, district, id("unit"), "no", instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestDispatched(r, district, id("unit"), ids("volunteer", 2),
                    random.nextBoolean() ? null : id("team"), "AUTO", 1, instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestAccepted(r, district, id("volunteer"), random.nextBoolean() ? null : id("team"),
                    instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestCheckedIn(r, district, id("volunteer"), instant(), point()));
        });
        kinds.add(() -> {
            String r = id("request");
            Instant to = instant();
            return append(r, new RequestCheckedOut(r, district, id("volunteer"), id("unit"), platform(),
                    to.minusSeconds(1800), to, 30));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestCompleted(r, district, instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestRated(r, district, 1 + random.nextInt(5), random.nextBoolean(), null,
                    instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestReopened(r, district, "again", instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestCancelled(r, district, null, instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestExpired(r, district, any(Stage.class), instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            Instant at = instant();
            return append(r, new RequestEscalated(r, district, any(Stage.class), id("unit"), id("unit"), at, at));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new RequestLocationFlagged(r, district, id("unit"), id("volunteer"),
                    any(VisitStage.class), 501 + small(), 500, instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new MatchRequested(r, district, 1, id("menuItem"), platform(), 1, point(), id("unit"),
                    null, null, 1));
        });
        // matching (aggregates of their own whose subject is the request id)
        kinds.add(() -> {
            String r = id("request");
            return append(r, new MatchProposed(r, district, 1 + small(), List.of(new Candidate(id("volunteer"), 0.5,
                    1.0, 0.5, 0.5, 0.5, 0.5, 0.0)), ids("team", 1), instant()));
        });
        kinds.add(() -> {
            String r = id("request");
            return append(r, new NoMatchFound(r, district, 1 + small(), "nobody", ids("team", 1), instant()));
        });
        // activities
        kinds.add(() -> {
            String a = id("activity");
            Instant starts = instant();
            return append(a, new ActivityPublished(a, district, id("unit"), platform(), "Neighbour activity", null,
                    point(), starts, starts.plusSeconds(7200), 10, 50, starts.minusSeconds(86_400),
                    starts.minusSeconds(3600), random.nextBoolean() ? null : id("pairing")));
        });
        kinds.add(() -> {
            String a = id("activity");
            return append(a, new ActivitySignedUp(a, district, id("volunteer"), "VOLUNTEER", instant()));
        });
        kinds.add(() -> {
            String a = id("activity");
            return append(a, new ActivitySignUpCancelled(a, district, id("volunteer"), "VOLUNTEER", instant()));
        });
        kinds.add(() -> {
            String a = id("activity");
            Instant to = instant();
            return append(a, new ActivityCheckedOut(a, district, id("volunteer"), id("unit"), platform(),
                    to.minusSeconds(3600), to, 60));
        });
        kinds.add(() -> {
            String a = id("activity");
            return append(a, new ActivityClosed(a, district, small(), small() * 5, null, instant()));
        });
        return kinds;
    }
}
