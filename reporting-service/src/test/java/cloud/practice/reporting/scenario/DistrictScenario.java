package cloud.practice.reporting.scenario;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.*;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A district through five months (January–May 2026): a center, two institutes, four stations; 40 volunteers, three
 * teams, 300 requests through every state, 12 activities, two pairings; station s2 moves from institute i1 to i2 on
 * 1 March, station s4 merges into s3 on 1 April, s1 is suspended on 10 May; volunteers v01 (s2 → s3) and v04 (s1 → s3)
 * change their home unit on 15 April.
 *
 * <p>Besides the events it keeps its <em>plan</em> (what each request, volunteer and activity did, and where each
 * unit stood when), from which the tests' oracle derives the expected figures independently of the projection.
 */
public final class DistrictScenario {

    public static final String DISTRICT = "cq-scenario";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final LocalDate START = LocalDate.of(2026, 1, 1);
    public static final LocalDate MOVE = LocalDate.of(2026, 3, 1);
    public static final LocalDate MERGE = LocalDate.of(2026, 4, 1);
    public static final LocalDate SUSPEND = LocalDate.of(2026, 5, 10);
    public static final LocalDate HOME_MOVE = LocalDate.of(2026, 4, 15);
    public static final LocalDate GRIDS_CHANGE = LocalDate.of(2026, 3, 15);
    public static final List<String> STATIONS = List.of("s1", "s2", "s3", "s4");
    static final ServicePlatform[] PLATFORMS = ServicePlatform.values();
    static final Channel[] CHANNELS = Channel.values();

    public record RequestPlan(String id, String unit, ServicePlatform platform, Channel channel, String menuItem,
                              String grid, LocalDate date, String status, Instant submitted, Instant reviewed,
                              Instant dispatched, Instant accepted, Instant completed, Integer rating, int escalations,
                              boolean reopened, String volunteer, int creditHalfHours, int locationFlags) {
    }

    /** @param movedTo the home unit from {@link #HOME_MOVE} on, or null when the volunteer stays */
    public record VolunteerPlan(String id, String home, LocalDate registered, String status, boolean erased,
                                int stars, ServicePlatform skill, String movedTo) {

        /** The home a figure dated {@code date} counts under: of that day (THEN) or of today (NOW). */
        public String homeOn(LocalDate date, boolean now) {
            return movedTo == null || (!now && date.isBefore(HOME_MOVE)) ? home : movedTo;
        }
    }

    public record ActivityPlan(String id, String unit, ServicePlatform platform, LocalDate date, boolean closed,
                               int volunteers, int residents, List<String> attendees) {
    }

    public record PairingPlan(String id, String station, LocalDate start, LocalDate end, List<LocalDate> activities) {
    }

    public record HonourPlan(String grant, String volunteer, int halfHours, LocalDate date, boolean revoked) {
    }

    public final List<RequestPlan> requests = new ArrayList<>();
    public final List<VolunteerPlan> volunteers = new ArrayList<>();
    public final List<ActivityPlan> activities = new ArrayList<>();
    public final List<PairingPlan> pairings = new ArrayList<>();
    public final List<HonourPlan> honours = new ArrayList<>();
    public final EventLog log = new EventLog();

    public static DistrictScenario build() {
        DistrictScenario scenario = new DistrictScenario();
        scenario.tree();
        scenario.people();
        scenario.requests();
        scenario.activities();
        scenario.pairings();
        return scenario;
    }

    public List<Recorded> events() {
        return log.events();
    }

    // ---- where units stood (the plan of the tree) -----------------------------------------------------------

    /** The parent of a unit on a date, as the plan has it (no merge redirection). */
    public static String parentOn(String unit, LocalDate date) {
        return switch (unit) {
            case "center" -> null;
            case "i1", "i2" -> "center";
            case "s1" -> "i1";
            case "s2" -> date.isBefore(MOVE) ? "i1" : "i2";
            case "s3", "s4" -> "i2";
            default -> throw new IllegalArgumentException(unit);
        };
    }

    public static String statusOn(String unit, LocalDate date) {
        if (unit.equals("s4") && !date.isBefore(MERGE)) {
            return "CLOSED";
        }
        if (unit.equals("s1") && !date.isBefore(SUSPEND)) {
            return "SUSPENDED";
        }
        return "ACTIVE";
    }

    public static String tierOf(String unit) {
        return unit.equals("center") ? "CENTER" : unit.startsWith("i") ? "INSTITUTE" : "STATION";
    }

    public static List<String> allUnits() {
        return List.of("center", "i1", "i2", "s1", "s2", "s3", "s4");
    }

    // ---- events ---------------------------------------------------------------------------------------------

    private static Instant at(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, java.time.LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    private static GeoPoint location(String station) {
        int index = STATIONS.indexOf(station);
        return new GeoPoint(29.50 + index * 0.1, 106.50);
    }

    private void tree() {
        Instant t = at(START, 8, 0);
        establish("center", "C", OrgTier.CENTER, null, List.of(), t);
        establish("i1", "I1", OrgTier.INSTITUTE, "center", List.of("c1", "c2", "c3"), t);
        establish("i2", "I2", OrgTier.INSTITUTE, "center", List.of("c4", "c5", "c6"), t);
        establish("s1", "S1", OrgTier.STATION, "i1", List.of("c1"), t);
        establish("s2", "S2", OrgTier.STATION, "i1", List.of("c2"), t);
        establish("s3", "S3", OrgTier.STATION, "i2", List.of("c4"), t);
        establish("s4", "S4", OrgTier.STATION, "i2", List.of("c5"), t);
        // Grids: c1 (covered by s1) has three, c3 and c6 (no station) two and one; c1 gets a fourth on 15 March.
        log.append(DISTRICT, new CommunityGridsDefined("s1", DISTRICT, "c1", List.of("c1-1", "c1-2", "c1-3"), START), t);
        log.append(DISTRICT, new CommunityGridsDefined("i1", DISTRICT, "c3", List.of("c3-1", "c3-2"), START), t);
        log.append(DISTRICT, new CommunityGridsDefined("i2", DISTRICT, "c6", List.of("c6-1"), START), t);
        log.append(DISTRICT, new OrgUnitMoved("s2", DISTRICT, "i1", "i2", MOVE), at(MOVE, 9, 0));
        log.append(DISTRICT, new CommunityGridsDefined("s1", DISTRICT, "c1", List.of("c1-1", "c1-2", "c1-3", "c1-4"),
                GRIDS_CHANGE), at(GRIDS_CHANGE, 9, 0));
        log.append(DISTRICT, new OrgUnitMerged("s4", DISTRICT, "s3", List.of(), List.of("c5"), MERGE), at(MERGE, 9, 0));
        log.append(DISTRICT, new OrgUnitStatusChanged("s1", DISTRICT, OrgUnitStatus.SUSPENDED, "renovation", SUSPEND),
                at(SUSPEND, 9, 0));
        log.append(DISTRICT, new OrgUnitRenamed("s3", DISTRICT, "S3 (with S4)", MERGE), at(MERGE, 9, 5));
    }

    private void establish(String id, String code, OrgTier tier, String parent, List<String> communities, Instant t) {
        log.append(DISTRICT, new OrgUnitEstablished(id, DISTRICT, code, code + " unit", tier, parent, null, null,
                tier == OrgTier.STATION ? location(id) : null, Set.of(), communities, START), t);
    }

    private void people() {
        for (int i = 1; i <= 40; i++) {
            String id = String.format("v%02d", i);
            String home = STATIONS.get(i % 4);
            LocalDate registered = START.plusDays(i * 3L);
            ServicePlatform skill = PLATFORMS[i % PLATFORMS.length];
            log.append(id, new VolunteerRegistered(id, DISTRICT, "志*" + i, home, location(home),
                    List.of(new Skill(skill, 2)), List.of("zh-CN"), List.of(), true, at(registered, 10, 0)),
                    at(registered, 10, 0));
            String status = "ACTIVE";
            if (i % 10 == 0) {
                status = "PAUSED";
                log.append(id, new VolunteerStatusChanged(id, DISTRICT, VolunteerStatus.PAUSED, "travel"),
                        at(registered.plusDays(1), 10, 0));
            }
            int stars = i % 4;
            for (int s = 1; s <= stars; s++) {
                log.append(id, new StarLevelReached(id, DISTRICT, s, s * 20, at(registered.plusDays(2), 10, s)),
                        at(registered.plusDays(2), 10, s));
            }
            boolean erased = i == 39;
            if (erased) {
                log.append(id, new VolunteerErased(id, DISTRICT, at(registered.plusDays(5), 10, 0)),
                        at(registered.plusDays(5), 10, 0));
            }
            String movedTo = switch (id) {
                case "v01", "v04" -> "s3";
                default -> null;
            };
            if (movedTo != null) {
                log.append(id, new VolunteerHomeUnitChanged(id, DISTRICT, movedTo, location(movedTo)),
                        at(HOME_MOVE, 10, 0));
            }
            volunteers.add(new VolunteerPlan(id, home, registered, erased ? "DEACTIVATED" : status, erased, stars,
                    skill, movedTo));
        }
        LocalDate grantDay = LocalDate.of(2026, 3, 10);
        log.append("v01", new HonourHoursGranted("v01", DISTRICT, "g1", 6, "flood relief", null, "admin",
                at(grantDay, 11, 0)), at(grantDay, 11, 0));
        honours.add(new HonourPlan("g1", "v01", 6, grantDay, false));
        log.append("v02", new HonourHoursGranted("v02", DISTRICT, "g2", 8, "mistake", null, "admin",
                at(grantDay, 11, 0)), at(grantDay, 11, 0));
        log.append("v02", new HonourHoursRevoked("v02", DISTRICT, "g2", "granted twice", "admin",
                at(grantDay, 12, 0)), at(grantDay, 12, 0));
        honours.add(new HonourPlan("g2", "v02", 8, grantDay, true));
        Instant teamTime = at(START.plusDays(2), 9, 0);
        log.append("t1", new TeamFormed("t1", DISTRICT, "s1", "T1", null, Set.of(ServicePlatform.CARE), 10), teamTime);
        log.append("t1", new TeamMemberJoined("t1", DISTRICT, "v04"), teamTime);
        log.append("t2", new TeamFormed("t2", DISTRICT, "s3", "T2", null, Set.of(ServicePlatform.CULTURE), 10), teamTime);
        log.append("t3", new TeamFormed("t3", DISTRICT, "s2", "T3", null, Set.of(ServicePlatform.LEGAL), 10), teamTime);
        log.append("t3", new TeamDissolved("t3", DISTRICT, "merged into t1"), teamTime.plusSeconds(3600));
    }

    private void requests() {
        for (int i = 0; i < 300; i++) {
            String id = String.format("r%03d", i);
            String unit = STATIONS.get(i % 4);
            // s4 no longer takes requests once merged: its later requests go to s3, as request-service would route.
            LocalDate date = START.plusDays(4 + (i * 140L) / 300);
            if (unit.equals("s4") && !date.isBefore(MERGE)) {
                unit = "s3";
            }
            ServicePlatform platform = PLATFORMS[i % PLATFORMS.length];
            Channel channel = CHANNELS[i % CHANNELS.length];
            String menu = "m-" + (i % 5);
            String grid = "g" + (i % 4) + "-" + ((i / 4) % 3);
            Instant submitted = at(date, 9 + (i % 8), 0);
            Instant reviewed = submitted.plus(Duration.ofMinutes(30 + (i % 7) * 40L));
            Instant dispatched = reviewed.plus(Duration.ofMinutes(60 + (i % 5) * 150L));
            Instant accepted = dispatched.plus(Duration.ofMinutes(120 + (i % 3) * 700L));
            Instant completed = accepted.plus(Duration.ofMinutes(600 + (i % 4) * 1500L));
            String volunteer = volunteers.get(i % volunteers.size()).id();
            int outcome = i % 10;
            GeoPoint where = location(STATIONS.get(i % 4));
            log.append(id, new RequestSubmitted(id, DISTRICT, menu, platform, unit, where, grid, channel, null, null,
                    null, null, submitted), submitted);
            String status;
            Instant rev = null;
            Instant dis = null;
            Instant acc = null;
            Instant com = null;
            Integer rating = null;
            int escalations = 0;
            int locationFlags = 0;
            boolean reopened = false;
            int credit = 0;
            if (outcome == 0) {
                status = "SUBMITTED";
                if (i % 20 == 0) {
                    log.append(id, new MatchRequested(id, DISTRICT, 1, menu, platform, 1, where, unit, null, null, 1),
                            submitted.plusSeconds(60));
                    log.append(id, new NoMatchFound(id, DISTRICT, 1, "nobody free", List.of(), submitted.plusSeconds(61)),
                            submitted.plusSeconds(61));
                }
            } else if (outcome == 1) {
                status = "REJECTED";
                log.append(id, new RequestRejected(id, DISTRICT, unit, "not our service", reviewed), reviewed);
            } else if (outcome == 2) {
                status = "CANCELLED";
                rev = reviewed;
                log.append(id, new RequestReviewed(id, DISTRICT, unit, "admin", reviewed), reviewed);
                log.append(id, new RequestCancelled(id, DISTRICT, "solved elsewhere", reviewed.plusSeconds(600)),
                        reviewed.plusSeconds(600));
            } else if (outcome == 3) {
                status = "EXPIRED";
                rev = reviewed;
                log.append(id, new RequestReviewed(id, DISTRICT, unit, "admin", reviewed), reviewed);
                log.append(id, new RequestEscalated(id, DISTRICT, Stage.DISPATCH, unit, parentOn(unit, date),
                        reviewed.plusSeconds(8 * 3600), reviewed.plusSeconds(8 * 3600)), reviewed.plusSeconds(8 * 3600));
                escalations = 1;
                log.append(id, new RequestExpired(id, DISTRICT, Stage.DISPATCH, reviewed.plusSeconds(48 * 3600)),
                        reviewed.plusSeconds(48 * 3600));
            } else {
                rev = reviewed;
                if (outcome == 7) {
                    log.append(id, new RequestEscalated(id, DISTRICT, Stage.REVIEW, unit, parentOn(unit, date),
                            submitted.plusSeconds(4 * 3600), submitted.plusSeconds(4 * 3600)),
                            submitted.plusSeconds(4 * 3600));
                    escalations = 1;
                }
                log.append(id, new RequestReviewed(id, DISTRICT, unit, "admin", reviewed), reviewed);
                log.append(id, new MatchRequested(id, DISTRICT, 1, menu, platform, 1, where, unit, null, null, 1),
                        reviewed.plusSeconds(1));
                log.append(id, new MatchProposed(id, DISTRICT, 1, List.of(), List.of(), reviewed.plusSeconds(2)),
                        reviewed.plusSeconds(2));
                dis = dispatched;
                log.append(id, new RequestDispatched(id, DISTRICT, unit, List.of(volunteer), null, "AUTO", 1, dispatched),
                        dispatched);
                status = "DISPATCHED";
                if (outcome >= 5) {
                    acc = accepted;
                    log.append(id, new RequestAccepted(id, DISTRICT, volunteer, null, accepted), accepted);
                    log.append(id, new RequestCheckedIn(id, DISTRICT, volunteer, accepted.plusSeconds(600), null),
                            accepted.plusSeconds(600));
                    if (i % 3 == 0) { // checked in too far from the request
                        log.append(id, new RequestLocationFlagged(id, DISTRICT, unit, volunteer, VisitStage.CHECK_IN,
                                900 + i, 500, accepted.plusSeconds(600)), accepted.plusSeconds(600));
                        locationFlags++;
                    }
                    status = "IN_SERVICE";
                }
                if (outcome >= 6) {
                    com = completed;
                    Instant in = accepted.plusSeconds(600);
                    log.append(id, new RequestCheckedOut(id, DISTRICT, volunteer, unit, platform, in, completed, 60),
                            completed);
                    if (i % 4 == 1) { // and (or only) checked out too far
                        log.append(id, new RequestLocationFlagged(id, DISTRICT, unit, volunteer, VisitStage.CHECK_OUT,
                                700 + i, 500, completed), completed);
                        locationFlags++;
                    }
                    log.append(id, new RequestCompleted(id, DISTRICT, completed), completed);
                    status = "COMPLETED";
                    credit = 2 + i % 3;
                    log.append(volunteer, new ServiceHoursCredited(volunteer, DISTRICT, "cr-" + id, HourSource.REQUEST, id,
                            unit, platform, credit, in, completed, false), completed.plusSeconds(5));
                    if (outcome != 9) {
                        rating = outcome == 6 ? 5 : outcome == 7 ? 4 : 2;
                        log.append(id, new RequestRated(id, DISTRICT, rating, rating >= 4, null,
                                completed.plusSeconds(3600)), completed.plusSeconds(3600));
                    }
                    if (outcome == 8 && i % 20 == 8) {
                        reopened = true;
                        status = "REOPENED";
                        log.append(id, new RequestReopened(id, DISTRICT, "came back", completed.plusSeconds(7200)),
                                completed.plusSeconds(7200));
                    }
                }
            }
            requests.add(new RequestPlan(id, unit, platform, channel, menu, grid, date, status, submitted, rev, dis,
                    acc, com, rating, escalations, reopened, volunteer, credit, locationFlags));
        }
    }

    private void activities() {
        for (int j = 0; j < 12; j++) {
            String id = String.format("a%02d", j);
            String unit = STATIONS.get(j % 4);
            LocalDate date = START.plusDays(10 + j * 12L);
            if (unit.equals("s4") && !date.isBefore(MERGE)) {
                unit = "s3";
            }
            ServicePlatform platform = PLATFORMS[j % PLATFORMS.length];
            Instant starts = at(date, 14, 0);
            log.append(id, new ActivityPublished(id, DISTRICT, unit, platform, "Activity " + j, null, null, starts,
                    starts.plusSeconds(7200), 10, 50, starts.minusSeconds(86400 * 5), starts.minusSeconds(3600), null),
                    starts.minusSeconds(86400 * 7));
            List<String> attendees = List.of(volunteers.get(j).id(), volunteers.get(j + 12).id());
            for (String v : attendees) {
                log.append(id, new ActivitySignedUp(id, DISTRICT, v, "VOLUNTEER", starts.minusSeconds(86400)),
                        starts.minusSeconds(86400));
            }
            boolean closed = j % 3 != 2;
            int vols = 0;
            int residents = 0;
            if (closed) {
                for (String v : attendees) {
                    log.append(id, new ActivityCheckedOut(id, DISTRICT, v, unit, platform, starts,
                            starts.plusSeconds(7200), 120), starts.plusSeconds(7200));
                    log.append(v, new ServiceHoursCredited(v, DISTRICT, "cr-" + id + "-" + v, HourSource.ACTIVITY, id,
                            unit, platform, 4, starts, starts.plusSeconds(7200), false), starts.plusSeconds(7300));
                }
                vols = 2 + j % 3;
                residents = 10 + j;
                log.append(id, new ActivityClosed(id, DISTRICT, vols, residents, null, starts.plusSeconds(7500)),
                        starts.plusSeconds(7500));
            }
            activities.add(new ActivityPlan(id, unit, platform, date, closed, vols, residents,
                    closed ? attendees : List.of()));
        }
    }

    private void pairings() {
        LocalDate p1Start = LocalDate.of(2026, 1, 15);
        log.append("p1", new PairingFormed("p1", DISTRICT, "partner-1", List.of("s1"),
                PairingModel.ORGANISATION_PAIRING, 2, p1Start, null), at(p1Start, 9, 0));
        List<LocalDate> p1Activities = List.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 4, 5));
        for (LocalDate day : p1Activities) {
            log.append("p1", new PairingActivityRecorded("p1", DISTRICT, "s1", null, "visit", day), at(day, 15, 0));
        }
        pairings.add(new PairingPlan("p1", "s1", p1Start, null, p1Activities));
        LocalDate p2Start = LocalDate.of(2026, 2, 1);
        log.append("p2", new PairingFormed("p2", DISTRICT, "partner-2", List.of("s4"),
                PairingModel.COMMUNITY_ALLIANCE, 1, p2Start, null), at(p2Start, 9, 0));
        LocalDate p2Activity = LocalDate.of(2026, 3, 3);
        log.append("p2", new PairingActivityRecorded("p2", DISTRICT, "s4", null, "lecture", p2Activity),
                at(p2Activity, 15, 0));
        log.append("p2", new PairingEnded("p2", DISTRICT, "station merged", MERGE), at(MERGE, 8, 0));
        pairings.add(new PairingPlan("p2", "s4", p2Start, MERGE, List.of(p2Activity)));
    }
}
