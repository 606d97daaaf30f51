package cloud.practice.volunteer.matching;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.volunteer.matching.index.Engagement;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import cloud.practice.volunteer.matching.index.Scoring;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each filter and each score component of the index on its own, and the deterministic order. */
class MatchingIndexTest {

    static final String DISTRICT = "cq-test";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final GeoPoint HERE = new GeoPoint(29.5069, 106.5107);
    /** Saturday 2026-06-06 10:00-12:00 in Chongqing. */
    static final ZonedDateTime SATURDAY_TEN = ZonedDateTime.of(2026, 6, 6, 10, 0, 0, 0, ZONE);
    static final Instant NOW = SATURDAY_TEN.minusDays(3).toInstant();
    static final List<WeeklySlot> SATURDAY_MORNING = List.of(
            new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));

    final MatchingIndex index = new MatchingIndex(ScoreWeights.defaults(), ZONE);
    final Scoring scoring = index.scoring();

    static VolunteerProfile volunteer(String id, GeoPoint at, int careLevel) {
        return new VolunteerProfile(id, DISTRICT, "s-pl", at, Map.of(ServicePlatform.CARE, careLevel),
                SATURDAY_MORNING, List.of(), true, true, 0);
    }

    static GeoPoint north(double km) {
        return new GeoPoint(HERE.latitude() + km / (6371.0088 * Math.PI / 180), HERE.longitude());
    }

    static MatchQuery need() {
        return new MatchQuery(DISTRICT, ServicePlatform.CARE, 2, HERE, Reach.RADIUS, 5, Set.of(), Set.of("s-pl"),
                SATURDAY_TEN.toInstant(), SATURDAY_TEN.plusHours(2).toInstant(), NOW, 10);
    }

    List<String> ids(MatchQuery query) {
        List<Candidate> top = index.top(query);
        assertThat(top).as("index equals brute force").isEqualTo(index.scan(query));
        return top.stream().map(Candidate::volunteerId).toList();
    }

    @Test
    void shouldFindAQualifiedVolunteerWithItsScoreBrokenDown() {
        index.upsert(volunteer("v1", north(1), 3));
        Candidate only = index.top(need()).get(0);
        assertThat(only.volunteerId()).isEqualTo("v1");
        assertThat(only.distanceKm()).isCloseTo(1.0, within(0.001));
        assertThat(only.score()).isCloseTo(only.distanceScore() + only.skillScore() + only.fairnessScore()
                + only.ratingScore() + only.teamScore(), within(1e-12));
    }

    @Test
    void shouldLeaveOutInactiveVolunteers() {
        VolunteerProfile paused = volunteer("v1", north(1), 3);
        index.upsert(new VolunteerProfile("v1", DISTRICT, "s-pl", paused.location(), paused.skills(),
                SATURDAY_MORNING, List.of(), false, true, 0));
        assertThat(ids(need())).isEmpty();
    }

    @Test
    void shouldLeaveOutVolunteersWithoutContactConsent() {
        index.upsert(new VolunteerProfile("v1", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(), true, false, 0));
        assertThat(ids(need())).isEmpty();
    }

    @Test
    void shouldLeaveOutSkillsBelowTheMinimumOrOnAnotherPlatform() {
        index.upsert(volunteer("low", north(1), 1));
        index.upsert(new VolunteerProfile("other", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.LEGAL, 5),
                SATURDAY_MORNING, List.of(), true, true, 0));
        index.upsert(volunteer("enough", north(1), 2));
        assertThat(ids(need())).containsExactly("enough");
    }

    @Test
    void shouldLeaveOutVolunteersBeyondTheRadius() {
        index.upsert(volunteer("near", north(4.9), 3));
        index.upsert(volunteer("far", north(5.1), 3));
        index.upsert(volunteer("nowhere", null, 3));
        assertThat(ids(need())).containsExactly("near");
    }

    @Test
    void shouldReachTheSubtreeWhereverItsVolunteersLive() {
        index.upsert(volunteer("far-in-subtree", north(30), 3));
        index.upsert(new VolunteerProfile("near-elsewhere", DISTRICT, "s-yj", north(0.5), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(), true, true, 0));
        index.upsert(volunteer("nowhere-in-subtree", null, 3));
        MatchQuery bySubtree = need().withSubtree(Set.of("i-jl", "s-pl"));
        assertThat(ids(bySubtree)).containsExactlyInAnyOrder("far-in-subtree", "nowhere-in-subtree");
        Candidate unknown = index.top(bySubtree).stream().filter(c -> c.volunteerId().equals("nowhere-in-subtree"))
                .findFirst().orElseThrow();
        assertThat(unknown.distanceKm()).isEqualTo(-1);
        assertThat(unknown.distanceScore()).isZero();
    }

    @Test
    void shouldNeedWeeklySlotsCoveringTheWholeWindow() {
        index.upsert(volunteer("covers", north(1), 3));
        index.upsert(new VolunteerProfile("half", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(11, 0))), List.of(),
                true, true, 0));
        index.upsert(new VolunteerProfile("sunday", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                List.of(new WeeklySlot(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), List.of(),
                true, true, 0));
        assertThat(ids(need())).containsExactly("covers");
    }

    @Test
    void shouldLeaveOutVolunteersAwayOnTheDay() {
        index.upsert(new VolunteerProfile("away", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(LocalDate.of(2026, 6, 6)), true, true, 0));
        index.upsert(new VolunteerProfile("away-another-day", DISTRICT, "s-pl", north(1),
                Map.of(ServicePlatform.CARE, 3), SATURDAY_MORNING, List.of(LocalDate.of(2026, 6, 13)), true, true, 0));
        assertThat(ids(need())).containsExactly("away-another-day");
    }

    @Test
    void shouldLeaveOutVolunteersAlreadyAssignedInTheWindow() {
        index.upsert(volunteer("busy", north(1), 3));
        index.upsert(volunteer("busy-before", north(1), 3));
        Instant ten = SATURDAY_TEN.toInstant();
        index.engagements(DISTRICT, "busy", List.of(new Engagement(ten.plusSeconds(3600), ten.plusSeconds(7200),
                NOW, 0)));
        index.engagements(DISTRICT, "busy-before", List.of(new Engagement(ten.minusSeconds(3600), ten, NOW, 0)));
        assertThat(ids(need())).containsExactly("busy-before");
    }

    @Test
    void shouldIgnoreAvailabilityWhenTheNeedHasNoWindow() {
        index.upsert(new VolunteerProfile("never-free", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                List.of(), List.of(), true, true, 0));
        MatchQuery any = new MatchQuery(DISTRICT, ServicePlatform.CARE, 1, HERE, Reach.RADIUS, 5, Set.of(), Set.of(),
                null, null, NOW, 5);
        assertThat(ids(any)).containsExactly("never-free");
    }

    @Test
    void shouldScoreDistanceLinearlyToZeroAtTheRadius() {
        assertThat(scoring.distance(0, 5)).isEqualTo(0.35);
        assertThat(scoring.distance(2.5, 5)).isCloseTo(0.175, within(1e-12));
        assertThat(scoring.distance(5, 5)).isZero();
        assertThat(scoring.distance(Double.NaN, 5)).isZero();
    }

    @Test
    void shouldScoreSkillByLevel() {
        assertThat(scoring.skill(5)).isEqualTo(0.25);
        assertThat(scoring.skill(2)).isLessThan(scoring.skill(3));
    }

    @Test
    void shouldScoreFairnessLowerAsRecentLoadGrows() {
        assertThat(scoring.fairness(0, 0)).isEqualTo(0.20);
        assertThat(scoring.fairness(2, 0)).isCloseTo(0.10, within(1e-12));
        assertThat(scoring.fairness(2, 8)).isCloseTo(0.20 / 3, within(1e-12));
    }

    @Test
    void shouldCountOnlyLoadInsideTheRollingWindow() {
        index.upsert(volunteer("recent", north(1), 3));
        index.upsert(volunteer("long-ago", north(1), 3));
        index.engagements(DISTRICT, "recent", List.of(new Engagement(null, null, NOW.minus(Duration.ofDays(2)), 120)));
        index.engagements(DISTRICT, "long-ago", List.of(new Engagement(null, null, NOW.minus(Duration.ofDays(31)), 120)));
        List<Candidate> top = index.top(need());
        assertThat(top).extracting(Candidate::volunteerId).containsExactly("long-ago", "recent");
        assertThat(top.get(0).fairnessScore()).isEqualTo(scoring.fairness(0, 0));
        assertThat(top.get(1).fairnessScore()).isEqualTo(scoring.fairness(1, 2));
    }

    @Test
    void shouldScoreRatingAsABayesianMean() {
        assertThat(scoring.rating(0, 0)).isCloseTo(0.10 * (3.5 - 1) / 4, within(1e-12));
        assertThat(scoring.rating(50, 10)).isGreaterThan(scoring.rating(5, 1));
        assertThat(scoring.rating(10, 10)).isLessThan(scoring.rating(0, 0));
    }

    @Test
    void shouldCreditMembersOfTheResponsibleUnitsTeams() {
        index.upsert(volunteer("member", north(1), 3));
        index.upsert(volunteer("outsider", north(1), 3));
        index.upsert(volunteer("member-elsewhere", north(1), 3));
        index.teamUnits(DISTRICT, "member", Set.of("s-pl"));
        index.teamUnits(DISTRICT, "member-elsewhere", Set.of("s-yj"));
        List<Candidate> top = index.top(need());
        assertThat(top.get(0).volunteerId()).isEqualTo("member");
        assertThat(top.get(0).teamScore()).isEqualTo(0.10);
        assertThat(top.subList(1, 3)).allSatisfy(other -> assertThat(other.teamScore()).isZero());
    }

    @Test
    void shouldBreakTiesByDistanceThenById() {
        index.upsert(volunteer("b", north(1), 3));
        index.upsert(volunteer("a", north(1), 3));
        index.upsert(volunteer("c", north(1), 3));
        index.upsert(volunteer("z-nearer", north(0.999), 3));
        index.upsert(volunteer("y-7km", north(7), 3)); // beyond the scale: distance scores 0 for both
        index.upsert(volunteer("x-8km", north(8), 3));
        MatchQuery flat = new MatchQuery(DISTRICT, ServicePlatform.CARE, 1, HERE, Reach.SUBTREE, 5, Set.of("s-pl"),
                Set.of(), null, null, NOW, 10);
        assertThat(ids(flat)).containsExactly("z-nearer", "a", "b", "c", "y-7km", "x-8km");
    }

    @Test
    void shouldKeepRegistryIdsCompactYetOrderAndReturnThemAsGiven() {
        List<String> given = List.of("vol-00000000-0000-0000-0000-000000000010", "vol-x",
                "vol-00000000-0000-0000-0000-000000000002", "vol-FFFFFFFF-0000-0000-0000-000000000001",
                "vol-ffffffff-0000-0000-0000-000000000001");
        for (String id : given) {
            index.upsert(volunteer(id, north(1), 3));
        }
        assertThat(ids(need())).containsExactlyElementsOf(given.stream().sorted().toList());
        index.upsert(new VolunteerProfile("vol-x", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(), false, true, 1));
        assertThat(ids(need())).doesNotContain("vol-x").hasSize(4);
    }

    @Test
    void shouldNotLetAnOlderProfileOverwriteANewerOne() {
        VolunteerProfile v3 = new VolunteerProfile("v1", DISTRICT, "s-pl", north(1), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(), true, true, 3);
        VolunteerProfile v2Paused = new VolunteerProfile("v1", DISTRICT, "s-pl", north(1),
                Map.of(ServicePlatform.CARE, 3), SATURDAY_MORNING, List.of(), false, true, 2);
        assertThat(index.upsert(v3)).isTrue();
        assertThat(index.upsert(v2Paused)).isFalse();
        assertThat(ids(need())).containsExactly("v1");
        assertThat(index.version(DISTRICT, "v1")).isEqualTo(3);
    }

    @Test
    void shouldFollowAVolunteerWhoMovesOrChangesSkills() {
        index.upsert(volunteer("mover", north(1), 3));
        index.upsert(new VolunteerProfile("mover", DISTRICT, "s-pl", north(9), Map.of(ServicePlatform.CARE, 3),
                SATURDAY_MORNING, List.of(), true, true, 1));
        assertThat(ids(need())).isEmpty();
        index.upsert(new VolunteerProfile("mover", DISTRICT, "s-pl", north(2), Map.of(ServicePlatform.LEGAL, 3),
                SATURDAY_MORNING, List.of(), true, true, 2));
        assertThat(ids(need())).isEmpty();
        index.upsert(new VolunteerProfile("mover", DISTRICT, "s-pl", north(2), Map.of(ServicePlatform.CARE, 4),
                SATURDAY_MORNING, List.of(), true, true, 3));
        assertThat(ids(need())).containsExactly("mover");
    }

    @Test
    void shouldKeepDistrictsApart() {
        index.upsert(volunteer("v1", north(1), 3));
        MatchQuery elsewhere = new MatchQuery("cq-other", ServicePlatform.CARE, 1, HERE, Reach.RADIUS, 5, Set.of(),
                Set.of(), null, null, NOW, 5);
        assertThat(index.top(elsewhere)).isEmpty();
    }
}
