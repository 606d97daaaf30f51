package cloud.practice.volunteer.team.command;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.volunteer.team.api.TeamCommands.ChangeTeamLeaderCommand;
import cloud.practice.volunteer.team.api.TeamCommands.DissolveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.FormTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.JoinTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.LeaveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.RemoveTeamMemberCommand;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static cloud.practice.volunteer.support.Problems.problem;

/** Every rule of volunteer teams, one fixture test each. */
class TeamTest {

    static final String TEAM = "team-1";
    static final String DISTRICT = "cq-jiulongpo";
    static final Set<ServicePlatform> PLATFORMS = new LinkedHashSet<>(List.of(ServicePlatform.CARE,
            ServicePlatform.HEALTH_SPORTS));

    private FixtureConfiguration<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
    }

    private static TeamFormed formed(int capacity) {
        return new TeamFormed(TEAM, DISTRICT, "s-pl", "盘龙社区关爱服务队", "vol-lead", PLATFORMS, capacity);
    }

    private static TeamMemberJoined joined(String volunteer) {
        return new TeamMemberJoined(TEAM, DISTRICT, volunteer);
    }

    @Test
    void shouldMakeTheLeaderTheFirstMemberWhenATeamIsFormed() {
        fixture.givenNoPriorActivity()
                .when(new FormTeamCommand(TEAM, DISTRICT, "s-pl", "盘龙社区关爱服务队", "vol-lead", PLATFORMS, 3))
                .expectEvents(formed(3), joined("vol-lead"));
    }

    @Test
    void shouldFormATeamWithoutMembersWhenNoLeaderIsNamed() {
        fixture.givenNoPriorActivity()
                .when(new FormTeamCommand(TEAM, DISTRICT, "s-pl", "盘龙社区关爱服务队", null, PLATFORMS, 3))
                .expectEvents(new TeamFormed(TEAM, DISTRICT, "s-pl", "盘龙社区关爱服务队", null, PLATFORMS, 3));
    }

    @Test
    void shouldRefuseAFormationWhenNoPlatformIsServed() {
        fixture.givenNoPriorActivity()
                .when(new FormTeamCommand(TEAM, DISTRICT, "s-pl", "空队", null, Set.of(), 3))
                .expectException(problem("invalid-field", "platforms"));
    }

    @Test
    void shouldAddAMemberWhenThereIsRoom() {
        fixture.given(formed(3), joined("vol-lead"))
                .when(new JoinTeamCommand(TEAM, DISTRICT, "vol-2", 1L))
                .expectEvents(joined("vol-2"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void shouldRefuseAMemberWhenTheTeamIsFull() {
        fixture.given(formed(2), joined("vol-lead"), joined("vol-2"))
                .when(new JoinTeamCommand(TEAM, DISTRICT, "vol-3", null))
                .expectException(problem("team-full"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAVolunteerWhoIsAMemberAlready() {
        fixture.given(formed(5), joined("vol-lead"), joined("vol-2"))
                .when(new JoinTeamCommand(TEAM, DISTRICT, "vol-2", null))
                .expectException(problem("already-member"));
    }

    @Test
    void shouldLeaveTheTeamWithoutALeaderWhenTheLeaderLeaves() {
        fixture.given(formed(5), joined("vol-lead"), joined("vol-2"))
                .when(new LeaveTeamCommand(TEAM, DISTRICT, "vol-lead", null))
                .expectEvents(new TeamMemberLeft(TEAM, DISTRICT, "vol-lead", null),
                        new TeamLeaderChanged(TEAM, DISTRICT, null));
    }

    @Test
    void shouldRecordWhoRemovedAMemberWhenRemoved() {
        fixture.given(formed(5), joined("vol-lead"), joined("vol-2"))
                .when(new RemoveTeamMemberCommand(TEAM, DISTRICT, "vol-2", "user-station-admin", null))
                .expectEvents(new TeamMemberLeft(TEAM, DISTRICT, "vol-2", "user-station-admin"));
    }

    @Test
    void shouldRefuseLeavingWhenTheVolunteerIsNoMember() {
        fixture.given(formed(5), joined("vol-lead"))
                .when(new LeaveTeamCommand(TEAM, DISTRICT, "vol-9", null))
                .expectException(problem("not-a-member"));
    }

    @Test
    void shouldRefuseALeaderWhoIsNoMember() {
        fixture.given(formed(5), joined("vol-lead"))
                .when(new ChangeTeamLeaderCommand(TEAM, DISTRICT, "vol-9", null))
                .expectException(problem("not-a-member"));
    }

    @Test
    void shouldHandTheLeadToAMemberWhenAsked() {
        fixture.given(formed(5), joined("vol-lead"), joined("vol-2"))
                .when(new ChangeTeamLeaderCommand(TEAM, DISTRICT, "vol-2", null))
                .expectEvents(new TeamLeaderChanged(TEAM, DISTRICT, "vol-2"));
    }

    @Test
    void shouldRefuseEveryChangeWhenTheTeamIsDissolved() {
        fixture.given(formed(5), joined("vol-lead"), new TeamDissolved(TEAM, DISTRICT, "合并到九龙园服务队"))
                .when(new JoinTeamCommand(TEAM, DISTRICT, "vol-2", null))
                .expectException(problem("team-dissolved"));
    }

    @Test
    void shouldDissolveWithItsReasonWhenAsked() {
        fixture.given(formed(5), joined("vol-lead"))
                .when(new DissolveTeamCommand(TEAM, DISTRICT, "合并到九龙园服务队", null))
                .expectEvents(new TeamDissolved(TEAM, DISTRICT, "合并到九龙园服务队"));
    }

    @Test
    void shouldAnswerNotFoundWhenAnotherDistrictNamesTheTeam() {
        fixture.given(formed(5))
                .when(new JoinTeamCommand(TEAM, "cq-yuzhong", "vol-2", null))
                .expectException(problem("not-found"));
    }

    @Test
    void shouldRefuseTheChangeWhenIfMatchIsStale() {
        fixture.given(formed(5), joined("vol-lead"), joined("vol-2"))
                .when(new JoinTeamCommand(TEAM, DISTRICT, "vol-3", 1L))
                .expectException(ConflictingAggregateVersionException.class);
    }
}
