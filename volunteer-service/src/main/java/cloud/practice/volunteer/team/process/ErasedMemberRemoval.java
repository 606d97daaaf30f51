package cloud.practice.volunteer.team.process;

import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.team.api.TeamCommands.RemoveTeamMemberCommand;
import cloud.practice.volunteer.team.query.TeamDocument;
import cloud.practice.volunteer.team.query.TeamQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An erased volunteer leaves every team (removed by {@value #REMOVED_BY}); a team that changed meanwhile (dissolved,
 * or the member already gone) needs nothing, so a replay is harmless.
 */
@Component
@ProcessingGroup("team-membership")
public class ErasedMemberRemoval {

    static final String REMOVED_BY = "system:erasure";
    private static final Logger log = LoggerFactory.getLogger(ErasedMemberRemoval.class);

    private final CommandGateway commands;
    private final TeamQueries teams;

    public ErasedMemberRemoval(CommandGateway commands, TeamQueries teams) {
        this.commands = commands;
        this.teams = teams;
    }

    @EventHandler
    void on(VolunteerErased event) {
        for (TeamDocument team : teams.teamsOf(event.districtId(), event.volunteerId())) {
            try {
                ConflictRetry.onConflict(() -> commands.sendAndWait(new RemoveTeamMemberCommand(team.teamId,
                        event.districtId(), event.volunteerId(), REMOVED_BY, null)));
            } catch (RuleViolation e) {
                log.debug("{} needs no removal from {}: {}", event.volunteerId(), team.teamId, e.getMessage());
            }
        }
    }
}
