package cloud.practice.reporting.projection;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.*;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.*;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.reporting.scenario.Recorded;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event's effect on the facts, and that applying it twice changes nothing. */
class FactProjectionTest {

    private static final String D = "cq-test";
    private static final Instant T = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private FactStore store;
    private FactProjection facts;
    private FactProjection matching;

    @BeforeEach
    void setUp() {
        store = new FactStore(MongoFixture.freshDatabase(), 1);
        List<FactProjection> handlers = FactProjection.forVersion(store);
        facts = handlers.get(0);
        matching = handlers.get(1);
    }

    private void apply(String subject, long seq, DomainEvent event) {
        Recorded recorded = new Recorded(subject, seq, event, T);
        (event instanceof MatchProposed || event instanceof NoMatchFound ? matching : facts).handle(recorded.inbound());
    }

    /** Applies the event, then again: the second delivery must leave every fact as the first left it. */
    private void applyTwice(String subject, long seq, DomainEvent event) {
        apply(subject, seq, event);
        List<List<Document>> before = dump();
        apply(subject, seq, event);
        assertThat(dump()).as("a duplicate of %s changes nothing", event.getClass().getSimpleName()).isEqualTo(before);
    }

    private List<List<Document>> dump() {
        return java.util.Arrays.stream(Kind.values()).map(store::dump).toList();
    }

    private Document fact(Kind kind, String id) {
        return store.find(kind, FactStore.key(D, id));
    }

    @SuppressWarnings("unchecked")
    private List<Document> versions(String unit) {
        return (List<Document>) fact(Kind.UNITS, unit).get("versions");
    }

    private void tree() {
        applyTwice(D, 0, new OrgUnitEstablished("c", D, "C", "Center", OrgTier.CENTER, null, null, null, null,
                Set.of(), List.of(), LocalDate.of(2026, 1, 1)));
        applyTwice(D, 1, new OrgUnitEstablished("i1", D, "I1", "Inst 1", OrgTier.INSTITUTE, "c", null, null, null,
                Set.of(), List.of("a", "b"), LocalDate.of(2026, 1, 1)));
        applyTwice(D, 2, new OrgUnitEstablished("i2", D, "I2", "Inst 2", OrgTier.INSTITUTE, "c", null, null, null,
                Set.of(), List.of("c"), LocalDate.of(2026, 1, 1)));
        applyTwice(D, 3, new OrgUnitEstablished("s1", D, "S1", "Station 1", OrgTier.STATION, "i1", null, null,
                new GeoPoint(29.5, 106.5), Set.of(), List.of("a"), LocalDate.of(2026, 1, 1)));
        applyTwice(D, 4, new OrgUnitEstablished("s2", D, "S2", "Station 2", OrgTier.STATION, "i1", null, null, null,
                Set.of(), List.of("b"), LocalDate.of(2026, 1, 1)));
    }

    @Test
    void shouldOpenTheFirstVersionWhenAUnitIsEstablished() {
        tree();
        Document s1 = fact(Kind.UNITS, "s1");
        assertThat(s1.getString("tier")).isEqualTo("STATION");
        assertThat(versions("s1")).singleElement().satisfies(v -> {
            assertThat(v.getString("from")).isEqualTo("2026-01-01");
            assertThat(v.getString("parentId")).isEqualTo("i1");
            assertThat(v.getString("status")).isEqualTo("ACTIVE");
            assertThat(v.get("to")).isNull();
        });
    }

    @Test
    void shouldCloseTheOldPlacementAndOpenANewOneWhenAUnitMoves() {
        tree();
        applyTwice(D, 5, new OrgUnitMoved("s2", D, "i1", "i2", DAY));
        assertThat(versions("s2")).extracting(v -> v.getString("from") + ".." + v.getString("to") + ":"
                + v.getString("parentId")).containsExactly("2026-01-01..2026-03-01:i1", "2026-03-01..null:i2");
    }

    @Test
    void shouldCloseTheMergedUnitAndHandItsCommunitiesAndChildrenToTheSurvivor() {
        tree();
        applyTwice(D, 5, new OrgUnitEstablished("p1", D, "P1", "Point", OrgTier.POINT, "s2", null, null, null,
                Set.of(), List.of(), LocalDate.of(2026, 1, 1)));
        applyTwice(D, 6, new OrgUnitMerged("s2", D, "s1", List.of("p1"), List.of("b"), DAY));
        assertThat(fact(Kind.UNITS, "s2").getString("mergedInto")).isEqualTo("s1");
        assertThat(versions("s2").get(1).getString("status")).isEqualTo("CLOSED");
        assertThat(versions("s1").get(1).get("communities")).isEqualTo(List.of("a", "b"));
        assertThat(versions("p1").get(1).getString("parentId")).isEqualTo("s1");
        assertThat(versions("p1").get(0).getString("parentId")).isEqualTo("s2");
    }

    @Test
    void shouldMoveCommunitiesWhenAUnitSplits() {
        tree();
        applyTwice(D, 5, new OrgUnitEstablished("s3", D, "S3", "Station 3", OrgTier.STATION, "i1", null, null, null,
                Set.of(), List.of(), DAY));
        applyTwice(D, 6, new OrgUnitSplit("s1", D, "s3", List.of("a"), DAY.plusDays(1)));
        assertThat(versions("s1").get(1).get("communities")).isEqualTo(List.of());
        assertThat(versions("s3").get(versions("s3").size() - 1).get("communities")).isEqualTo(List.of("a"));
    }

    @Test
    void shouldVersionRenamesStatusAndCoverageButKeepOneVersionPerDay() {
        tree();
        applyTwice(D, 5, new OrgUnitRenamed("s1", D, "Station One", DAY));
        applyTwice(D, 6, new OrgUnitStatusChanged("s1", D, OrgUnitStatus.SUSPENDED, "works", DAY));
        applyTwice(D, 7, new OrgUnitDetailsChanged("s1", D, null, null, null, Set.of(), List.of("a", "z"), DAY));
        applyTwice(D, 8, new OrgUnitRelocated("s1", D, "new address", new GeoPoint(29.6, 106.6), DAY));
        assertThat(versions("s1")).hasSize(2);
        Document last = versions("s1").get(1);
        assertThat(last.getString("name")).isEqualTo("Station One");
        assertThat(last.getString("status")).isEqualTo("SUSPENDED");
        assertThat(last.get("communities")).isEqualTo(List.of("a", "z"));
        assertThat(fact(Kind.UNITS, "s1").get("location", Document.class).getDouble("lat")).isEqualTo(29.6);
    }

    @Test
    void shouldIgnoreAnOlderTreeEventArrivingAfterANewerOne() {
        tree();
        applyTwice(D, 5, new OrgUnitMoved("s2", D, "i1", "i2", DAY));
        apply(D, 3, new OrgUnitEstablished("s2", D, "S2", "Station 2", OrgTier.STATION, "i1", null, null, null,
                Set.of(), List.of("b"), LocalDate.of(2026, 1, 1)));
        assertThat(versions("s2")).hasSize(2);
    }

    @Test
    void shouldKeepEveryGridListOfACommunityFromItsDate() {
        applyTwice(D, 0, new CommunityGridsDefined("s1", D, "a", List.of("a-1", "a-2"), DAY));
        applyTwice(D, 1, new CommunityGridsDefined("s1", D, "a", List.of("a-1"), DAY.plusDays(10)));
        applyTwice(D, 2, new CommunityGridsDefined("i1", D, "a", List.of("a-1", "a-3"), DAY.plusDays(10)));
        assertThat(fact(Kind.GRIDS, "a").getList("versions", Document.class)).containsExactly(
                new Document("from", "2026-03-01").append("grids", List.of("a-1", "a-2")),
                new Document("from", "2026-03-11").append("grids", List.of("a-1", "a-3")));
    }

    @Test
    void shouldKeepPairingsWithTheirActivitiesAndEnd() {
        applyTwice("p1", 0, new PairingFormed("p1", D, "partner", List.of("s1"), PairingModel.ORGANISATION_PAIRING, 2,
                DAY, null));
        applyTwice("p1", 1, new PairingActivityRecorded("p1", D, "s1", null, "visit", DAY.plusDays(3)));
        applyTwice("p1", 2, new PairingEnded("p1", D, null, DAY.plusDays(30)));
        Document pairing = fact(Kind.PAIRINGS, "p1");
        assertThat(pairing.get("stationIds")).isEqualTo(List.of("s1"));
        assertThat(pairing.get("activityDates")).isEqualTo(List.of("2026-03-04"));
        assertThat(pairing.getString("endDate")).isEqualTo("2026-03-31");
    }

    @Test
    void shouldIgnoreManagersPartnersAndMenuItems() {
        applyTwice(D, 0, new ManagerAssigned("s1", D, "u1", "STATION_ADMIN", DAY));
        applyTwice(D, 1, new ManagerRevoked("s1", D, "u1", DAY));
        applyTwice("partner", 0, new PartnerRegistered("partner", D, PartnerType.CIVILIZED_UNIT, "Bank", null, null));
        applyTwice("m1", 0, new MenuItemPublished("m1", D, "M1", "Menu", ServicePlatform.CARE, 1, 60, 1, List.of()));
        applyTwice("m1", 1, new MenuItemRetired("m1", D, T));
        assertThat(dump()).allSatisfy(kind -> assertThat(kind).isEmpty());
    }

    @Test
    void shouldKeepAVolunteerThroughItsLife() {
        applyTwice("v1", 0, new VolunteerRegistered("v1", D, "张*明", "s1", new GeoPoint(29.5, 106.5),
                List.of(new Skill(ServicePlatform.CARE, 3)), List.of("zh"), List.of(), true, T));
        applyTwice("v1", 1, new VolunteerRenamed("v1", D, "张*华"));
        applyTwice("v1", 2, new VolunteerHomeUnitChanged("v1", D, "s2", null));
        applyTwice("v1", 3, new VolunteerSkillsChanged("v1", D, List.of(new Skill(ServicePlatform.LEGAL, 2))));
        applyTwice("v1", 4, new VolunteerStatusChanged("v1", D, VolunteerStatus.PAUSED, null));
        applyTwice("v1", 5, new StarLevelReached("v1", D, 2, 40, T));
        applyTwice("v1", 6, new StarLevelWithdrawn("v1", D, 2, 30, "revoked hours", T));
        applyTwice("v1", 7, new VolunteerAvailabilityChanged("v1", D, List.of(), List.of(), false));
        applyTwice("v1", 8, new VolunteerLanguagesChanged("v1", D, List.of("zh", "en")));
        Document v = fact(Kind.VOLUNTEERS, "v1");
        assertThat(v.getString("maskedName")).isEqualTo("张*华");
        assertThat(v.getString("homeUnitId")).isEqualTo("s2");
        assertThat(v.getList("homeUnits", Document.class)).extracting(home -> home.getString("unitId"))
                .as("every home unit, from the day it took effect").containsExactly("s1", "s2");
        assertThat(v.get("skills")).isEqualTo(List.of(new Document("platform", "LEGAL").append("level", 2)));
        assertThat(v.getString("status")).isEqualTo("PAUSED");
        assertThat(v.getInteger("stars")).isEqualTo(1);
        applyTwice("v1", 9, new VolunteerErased("v1", D, T));
        v = fact(Kind.VOLUNTEERS, "v1");
        assertThat(v.getBoolean("erased")).isTrue();
        assertThat(v.get("maskedName")).isNull();
    }

    @Test
    void shouldKeepOneFactPerCreditAndHonourGrant() {
        applyTwice("v1", 0, new ServiceHoursCredited("v1", D, "c1", HourSource.REQUEST, "r1", "s1",
                ServicePlatform.CARE, 3, T, T.plusSeconds(5400), false));
        applyTwice("v1", 1, new HonourHoursGranted("v1", D, "g1", 4, "award", null, "admin", T));
        applyTwice("v1", 2, new HonourHoursRevoked("v1", D, "g1", "mistake", "admin", T));
        assertThat(fact(Kind.CREDITS, "c1").getInteger("halfHours")).isEqualTo(3);
        assertThat(fact(Kind.CREDITS, "c1").getDate("servedTo")).isEqualTo(Date.from(T.plusSeconds(5400)));
        assertThat(fact(Kind.HONOURS, "g1").getBoolean("revoked")).isTrue();
    }

    @Test
    void shouldKeepTeamsMembersAndDissolution() {
        applyTwice("t1", 0, new TeamFormed("t1", D, "s1", "T", null, Set.of(ServicePlatform.CARE), 5));
        applyTwice("t1", 1, new TeamMemberJoined("t1", D, "v1"));
        applyTwice("t1", 2, new TeamMemberJoined("t1", D, "v2"));
        applyTwice("t1", 3, new TeamMemberLeft("t1", D, "v1", null));
        applyTwice("t1", 4, new TeamLeaderChanged("t1", D, "v2"));
        applyTwice("t1", 5, new TeamDissolved("t1", D, null));
        Document team = fact(Kind.TEAMS, "t1");
        assertThat(team.get("members")).isEqualTo(List.of("v2"));
        assertThat(team.getBoolean("dissolved")).isTrue();
    }

    @Test
    void shouldRecordEachStageOfARequest() {
        applyTwice("r1", 0, new RequestSubmitted("r1", D, "m1", ServicePlatform.CARE, "s1", null, "g1", Channel.APP,
                null, null, null, null, T));
        applyTwice("r1", 1, new RequestEscalated("r1", D, Stage.REVIEW, "s1", "i1", T, T.plusSeconds(60)));
        applyTwice("r1", 2, new RequestReviewed("r1", D, "s1", null, T.plusSeconds(100)));
        applyTwice("r1", 3, new MatchRequested("r1", D, 1, "m1", ServicePlatform.CARE, 1, null, "s1", null, null, 1));
        applyTwice("r1", 4, new RequestDispatched("r1", D, "s1", List.of("v1"), null, "AUTO", 1, T.plusSeconds(200)));
        applyTwice("r1", 5, new RequestAccepted("r1", D, "v1", null, T.plusSeconds(300)));
        applyTwice("r1", 6, new RequestCheckedIn("r1", D, "v1", T.plusSeconds(400), null));
        assertThat(fact(Kind.REQUESTS, "r1").getString("status")).isEqualTo("IN_SERVICE");
        assertThat(fact(Kind.REQUESTS, "r1").containsKey("locationFlags")).as("none flagged yet").isFalse();
        applyTwice("r1", 7, new RequestLocationFlagged("r1", D, "s1", "v1", VisitStage.CHECK_IN, 1240, 500,
                T.plusSeconds(400)));
        applyTwice("r1", 8, new RequestCheckedOut("r1", D, "v1", "s1", ServicePlatform.CARE, T, T.plusSeconds(500), 30));
        applyTwice("r1", 9, new RequestLocationFlagged("r1", D, "s1", "v1", VisitStage.CHECK_OUT, 800, 500,
                T.plusSeconds(500)));
        applyTwice("r1", 10, new RequestCompleted("r1", D, T.plusSeconds(600)));
        applyTwice("r1", 11, new RequestRated("r1", D, 5, true, null, T.plusSeconds(700)));
        applyTwice("r1", 12, new RequestReopened("r1", D, "again", T.plusSeconds(800)));
        applyTwice("r1", 13, new RequestCompleted("r1", D, T.plusSeconds(900)));
        Document r = fact(Kind.REQUESTS, "r1");
        assertThat(r.getDate("reviewedAt")).isEqualTo(Date.from(T.plusSeconds(100)));
        assertThat(r.getDate("dispatchedAt")).isEqualTo(Date.from(T.plusSeconds(200)));
        assertThat(r.getDate("acceptedAt")).isEqualTo(Date.from(T.plusSeconds(300)));
        assertThat(r.getDate("completedAt")).as("the first completion counts").isEqualTo(Date.from(T.plusSeconds(600)));
        assertThat(r.getInteger("rating")).isEqualTo(5);
        assertThat(r.getInteger("escalations")).isEqualTo(1);
        assertThat(r.getInteger("reopens")).isEqualTo(1);
        assertThat(r.getInteger("locationFlags")).as("each flag once, replays ignored").isEqualTo(2);
        assertThat(r.getInteger("matchRequests")).isEqualTo(1);
        assertThat(r.get("servedBy")).isEqualTo(List.of("v1"));
        assertThat(r.getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void shouldCloseRequestsThatAreRejectedCancelledOrExpired() {
        applyTwice("r1", 0, new RequestSubmitted("r1", D, "m1", ServicePlatform.CARE, "s1", null, null, Channel.PC,
                null, null, null, null, T));
        applyTwice("r1", 1, new RequestRejected("r1", D, "s1", "no", T));
        applyTwice("r2", 0, new RequestSubmitted("r2", D, "m1", ServicePlatform.CARE, "s1", null, null, Channel.PC,
                null, null, null, null, T));
        applyTwice("r2", 1, new RequestCancelled("r2", D, null, T));
        applyTwice("r3", 0, new RequestSubmitted("r3", D, "m1", ServicePlatform.CARE, "s1", null, null, Channel.PC,
                null, null, null, null, T));
        applyTwice("r3", 1, new RequestExpired("r3", D, Stage.ACCEPT, T));
        assertThat(fact(Kind.REQUESTS, "r1").getString("status")).isEqualTo("REJECTED");
        assertThat(fact(Kind.REQUESTS, "r2").getString("status")).isEqualTo("CANCELLED");
        assertThat(fact(Kind.REQUESTS, "r3").getString("expiredStage")).isEqualTo("ACCEPT");
    }

    @Test
    void shouldKeepActivitiesSignUpsAndAttendance() {
        applyTwice("a1", 0, new ActivityPublished("a1", D, "s1", ServicePlatform.CULTURE, "Concert", null, null, T,
                T.plusSeconds(3600), 5, 50, T.minusSeconds(86400), T, null));
        applyTwice("a1", 1, new ActivitySignedUp("a1", D, "v1", "VOLUNTEER", T));
        applyTwice("a1", 2, new ActivitySignedUp("a1", D, "v2", "VOLUNTEER", T));
        applyTwice("a1", 3, new ActivitySignUpCancelled("a1", D, "v2", "VOLUNTEER", T));
        applyTwice("a1", 4, new ActivityCheckedOut("a1", D, "v1", "s1", ServicePlatform.CULTURE, T, T, 60));
        applyTwice("a1", 5, new ActivityClosed("a1", D, 1, 30, null, T));
        Document a = fact(Kind.ACTIVITIES, "a1");
        assertThat(a.getInteger("signUps")).isEqualTo(1);
        assertThat(a.get("checkedOut")).isEqualTo(List.of("v1"));
        assertThat(a.getBoolean("closed")).isTrue();
        assertThat(a.getInteger("residentsAttended")).isEqualTo(30);
    }

    @Test
    void shouldCountMatchingAnswersPerRequest() {
        applyTwice("r1", 0, new NoMatchFound("r1", D, 1, "none", List.of(), T));
        applyTwice("r1", 1, new MatchProposed("r1", D, 2, List.of(), List.of(), T));
        Document match = fact(Kind.MATCHES, "r1");
        assertThat(match.getInteger("noMatches")).isEqualTo(1);
        assertThat(match.getInteger("proposals")).isEqualTo(1);
    }
}
