package cloud.practice.request.directory;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.events.volunteer.VolunteerHomeUnitChanged;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.support.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Volunteers and teams are known per (district, id); redelivered events change nothing. */
class VolunteerDirectoryTest {

    final Directories directories = new Directories();
    final VolunteerDirectory directory = directories.volunteers;

    @Test
    void shouldKnowARegisteredVolunteerOnlyInItsOwnDistrict() {
        directories.volunteer("d-a", "vol-1");
        assertThat(directory.active("d-a", "vol-1")).isTrue();
        assertThat(directory.active("d-b", "vol-1")).isFalse();
        assertThat(directory.volunteer("d-b", "vol-1")).isEmpty();
        assertThat(directory.active("d-a", "vol-unknown")).isFalse();
    }

    @Test
    void shouldTreatPausedDeactivatedAndErasedVolunteersAsKnownButNotActive() {
        directories.volunteer("d-a", "vol-p", "vol-d", "vol-e", "vol-back")
                .status("d-a", "vol-p", VolunteerStatus.PAUSED)
                .status("d-a", "vol-d", VolunteerStatus.DEACTIVATED)
                .status("d-a", "vol-e", VolunteerStatus.DEACTIVATED).erased("d-a", "vol-e")
                .status("d-a", "vol-back", VolunteerStatus.PAUSED).status("d-a", "vol-back", VolunteerStatus.ACTIVE);
        assertThat(directory.active("d-a", "vol-p")).isFalse();
        assertThat(directory.active("d-a", "vol-d")).isFalse();
        assertThat(directory.active("d-a", "vol-e")).isFalse();
        assertThat(directory.volunteer("d-a", "vol-e")).get().extracting(VolunteerDirectory.KnownVolunteer::erased)
                .isEqualTo(true);
        assertThat(directory.active("d-a", "vol-back")).isTrue();
    }

    /** A proposal's candidates in one read: only this district's active ones, in the order given, each once. */
    @Test
    void shouldPickTheActiveVolunteersOfTheDistrictAmongCandidatesInTheirOrder() {
        directories.volunteer("d-a", "vol-3", "vol-1", "vol-p", "vol-e", "vol-2")
                .status("d-a", "vol-p", VolunteerStatus.PAUSED)
                .erased("d-a", "vol-e")
                .volunteer("d-b", "vol-b");
        assertThat(directory.activeAmong("d-a", List.of("vol-2", "vol-p", "vol-b", "vol-1", "vol-unknown", "vol-e",
                "vol-2", "vol-3"))).containsExactly("vol-2", "vol-1", "vol-3");
        assertThat(directory.activeAmong("d-b", List.of("vol-1", "vol-b"))).containsExactly("vol-b");
        assertThat(directory.activeAmong("d-c", List.of("vol-1"))).isEmpty();
        assertThat(directory.activeAmong("d-a", List.of())).isEmpty();
    }

    @Test
    void shouldNeverMakeAnErasedVolunteerActiveAgain() {
        directories.volunteer("d-a", "vol-e").erased("d-a", "vol-e").status("d-a", "vol-e", VolunteerStatus.ACTIVE)
                .volunteer("d-a", "vol-e");
        assertThat(directory.active("d-a", "vol-e")).isFalse();
        assertThat(directory.volunteer("d-a", "vol-e")).get().extracting(VolunteerDirectory.KnownVolunteer::standing)
                .isEqualTo("ERASED");
    }

    @Test
    void shouldTellAnUnknownVolunteerWhoMayBeRetriedFromOneWhoIsNotActive() {
        directories.volunteer("d-a", "vol-1", "vol-p").status("d-a", "vol-p", VolunteerStatus.PAUSED);
        assertThat(directory.requireActive("d-a", "vol-1", "volunteerId").volunteerId()).isEqualTo("vol-1");
        assertThatThrownBy(() -> directory.requireActive("d-b", "vol-1", "volunteerIds[2]"))
                .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                    assertThat(refusal.kind()).isEqualTo(RuleViolation.Kind.REFUSED);
                    assertThat(refusal.code()).isEqualTo("unknown-volunteer");
                    assertThat(refusal.field()).isEqualTo("volunteerIds[2]");
                    assertThat(refusal.properties()).containsEntry("retryable", true);
                });
        assertThatThrownBy(() -> directory.requireActive("d-a", "vol-p", "leaderId"))
                .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                    assertThat(refusal.kind()).isEqualTo(RuleViolation.Kind.REFUSED);
                    assertThat(refusal.code()).isEqualTo("volunteer-not-active");
                    assertThat(refusal.field()).isEqualTo("leaderId");
                    assertThat(refusal.properties()).containsEntry("status", "PAUSED").containsEntry("retryable", false);
                });
        assertThat(directory.requireKnown("d-a", "vol-p", "volunteerId").status()).isEqualTo(VolunteerStatus.PAUSED);
    }

    @Test
    void shouldChangeNothingWhenEventsAreDeliveredTwice() {
        directories.volunteer("d-a", "vol-1").volunteer("d-a", "vol-1").team("d-a", "team-1", "vol-1", "vol-2")
                .team("d-a", "team-1", "vol-1", "vol-2");
        Directories.feed(directory, new VolunteerHomeUnitChanged("vol-1", "d-a", "s-jly", null));
        Directories.feed(directory, new VolunteerHomeUnitChanged("vol-1", "d-a", "s-jly", null));
        assertThat(directory.volunteer("d-a", "vol-1")).get()
                .extracting(VolunteerDirectory.KnownVolunteer::homeUnitId).isEqualTo("s-jly");
        assertThat(directory.team("d-a", "team-1")).get().satisfies(team -> {
            assertThat(team.members()).containsExactlyInAnyOrder("vol-1", "vol-2");
            assertThat(team.ledBy("vol-1")).isTrue();
        });
    }

    @Test
    void shouldFollowATeamsLeaderMembersAndDissolution() {
        directories.team("d-a", "team-1", "vol-1", "vol-2", "vol-3");
        Directories.feed(directory, new TeamLeaderChanged("team-1", "d-a", "vol-2"));
        Directories.feed(directory, new TeamMemberLeft("team-1", "d-a", "vol-1", null));
        Directories.feed(directory, new TeamMemberLeft("team-1", "d-a", "vol-1", null));
        VolunteerDirectory.KnownTeam team = directory.team("d-a", "team-1").orElseThrow();
        assertThat(team.ledBy("vol-2")).isTrue();
        assertThat(team.ledBy("vol-1")).isFalse();
        assertThat(team.members()).containsExactlyInAnyOrder("vol-2", "vol-3");
        assertThat(directory.team("d-b", "team-1")).isEmpty();

        directories.dissolved("d-a", "team-1");
        VolunteerDirectory.KnownTeam dissolved = directory.team("d-a", "team-1").orElseThrow();
        assertThat(dissolved.active()).isFalse();
        assertThat(dissolved.ledBy("vol-2")).isFalse();
        assertThat(dissolved.hasMember("vol-3")).isFalse();
    }

    @Test
    void shouldListTheActiveTeamsAVolunteerLeadsInTheDistrictWithTheirUnitAndPlatforms() {
        directories.team("d-a", "team-1", "s-pl", Set.of(ServicePlatform.CARE, ServicePlatform.LEGAL), "vol-1")
                .team("d-a", "team-2", "i-jl", Set.of(ServicePlatform.SCIENCE), "vol-1")
                .team("d-a", "team-3", "s-pl", Set.of(ServicePlatform.CARE), "vol-2")
                .team("d-a", "team-gone", "s-pl", Set.of(ServicePlatform.CARE), "vol-1").dissolved("d-a", "team-gone")
                .team("d-b", "team-b", "s-pl", Set.of(ServicePlatform.CARE), "vol-1");
        assertThat(directory.teamsLedBy("d-a", "vol-1")).extracting(VolunteerDirectory.KnownTeam::teamId)
                .containsExactlyInAnyOrder("team-1", "team-2");
        assertThat(directory.team("d-a", "team-1")).get().satisfies(team -> {
            assertThat(team.unitId()).isEqualTo("s-pl");
            assertThat(team.platforms()).containsExactlyInAnyOrder(ServicePlatform.CARE, ServicePlatform.LEGAL);
        });
        Directories.feed(directory, new TeamLeaderChanged("team-1", "d-a", "vol-2"));
        assertThat(directory.teamsLedBy("d-a", "vol-1")).extracting(VolunteerDirectory.KnownTeam::teamId)
                .containsExactly("team-2");
        assertThat(directory.teamsLedBy("d-c", "vol-1")).isEmpty();
    }

    @Test
    void shouldCoverRequestsOfItsPlatformsAtItsUnitAndBelowOnly() {
        directories.unit("d-a", "center", null).unit("d-a", "i-jl", "center").unit("d-a", "s-pl", "i-jl")
                .unit("d-a", "s-jly", "i-jl")
                .team("d-a", "team-jl", "i-jl", Set.of(ServicePlatform.CARE), "vol-1");
        VolunteerDirectory.KnownTeam team = directory.team("d-a", "team-jl").orElseThrow();
        assertThat(team.covers(ServicePlatform.CARE, "s-pl", directories.units)).isTrue();
        assertThat(team.covers(ServicePlatform.CARE, "i-jl", directories.units)).isTrue();
        assertThat(team.covers(ServicePlatform.CARE, "center", directories.units)).isFalse();
        assertThat(team.covers(ServicePlatform.LEGAL, "s-pl", directories.units)).isFalse();
        assertThat(team.covers(null, "s-pl", directories.units)).isFalse();
        directories.dissolved("d-a", "team-jl");
        assertThat(directory.team("d-a", "team-jl").orElseThrow().covers(ServicePlatform.CARE, "s-pl",
                directories.units)).isFalse();
    }

    /** A team the directory knew before it kept platforms (a stored record without them) learns them from the backfill. */
    @Test
    void shouldGiveTeamsKnownWithoutPlatformsTheirPlatformsFromTheBackfill() {
        directories.team("d-a", "team-old", "s-pl", Set.of(ServicePlatform.CARE), "vol-1");
        directories.forgetPlatforms("d-a", "team-old");
        assertThat(directory.team("d-a", "team-old").orElseThrow().platforms()).isEmpty();

        TeamPlatformsBackfill backfill = new TeamPlatformsBackfill(directory);
        TeamFormed formed = new TeamFormed("team-old", "d-a", "s-pl", "队", "vol-1", Set.of(ServicePlatform.CARE), 20);
        Directories.feed(backfill, formed);
        Directories.feed(backfill, new TeamMemberJoined("team-old", "d-a", "vol-9")); // not its business
        Directories.feed(backfill, formed);
        VolunteerDirectory.KnownTeam team = directory.team("d-a", "team-old").orElseThrow();
        assertThat(team.platforms()).containsExactly(ServicePlatform.CARE);
        assertThat(team.members()).containsExactly("vol-1");
        assertThat(team.ledBy("vol-1")).isTrue();
    }
}
