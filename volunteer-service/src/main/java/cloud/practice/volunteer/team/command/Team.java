package cloud.practice.volunteer.team.command;

import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.team.api.TeamCommands.ChangeTeamLeaderCommand;
import cloud.practice.volunteer.team.api.TeamCommands.DissolveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.FormTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.JoinTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.LeaveTeamCommand;
import cloud.practice.volunteer.team.api.TeamCommands.RemoveTeamMemberCommand;
import cloud.practice.volunteer.team.api.TeamCommands.TeamCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A volunteer team under a unit: members up to its capacity (the leader counts), each volunteer once, a leader who
 * is a member or none; dissolved is final. A volunteer may be in several teams.
 */
@Aggregate
class Team {

    @AggregateIdentifier
    private String teamId;
    private String districtId;
    private String leader;
    private int capacity;
    private final Set<String> members = new LinkedHashSet<>();
    private boolean dissolved;

    protected Team() {
    }

    @CommandHandler
    public Team(FormTeamCommand command) {
        if (command.capacity() < 1) {
            throw RuleViolation.invalid("capacity", "A team has room for at least one member");
        }
        if (command.platforms().isEmpty()) {
            throw RuleViolation.invalid("platforms", "A team serves at least one platform");
        }
        apply(new TeamFormed(command.teamId(), command.districtId(), command.unitId(), command.name(),
                command.leaderVolunteerId(), new LinkedHashSet<>(command.platforms()), command.capacity()));
        if (command.leaderVolunteerId() != null) {
            apply(new TeamMemberJoined(command.teamId(), command.districtId(), command.leaderVolunteerId()));
        }
    }

    /** Same district (else 404), the expected version, and not dissolved. */
    @CommandHandlerInterceptor
    public Object guard(CommandMessage<?> message, InterceptorChain chain) throws Exception {
        if (message.getPayload() instanceof TeamCommand command) {
            if (!districtId.equals(command.districtId())) {
                throw RuleViolation.notFound("team", teamId);
            }
            long version = AggregateLifecycle.getVersion();
            if (command.expectedVersion() != null && command.expectedVersion() != version) {
                throw new ConflictingAggregateVersionException(teamId, command.expectedVersion(), version);
            }
            if (dissolved) {
                throw RuleViolation.conflict("team-dissolved", "Team '" + teamId + "' was dissolved");
            }
        }
        return chain.proceed();
    }

    @CommandHandler
    public long handle(JoinTeamCommand command) {
        if (members.contains(command.volunteerId())) {
            throw RuleViolation.conflict("already-member", "'" + command.volunteerId() + "' is already a member");
        }
        if (members.size() >= capacity) {
            throw RuleViolation.conflict("team-full", "Team '" + teamId + "' is full (" + capacity + " members)")
                    .with("capacity", capacity);
        }
        apply(new TeamMemberJoined(teamId, districtId, command.volunteerId()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(LeaveTeamCommand command) {
        depart(command.volunteerId(), null);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RemoveTeamMemberCommand command) {
        depart(command.volunteerId(), command.removedBy());
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeTeamLeaderCommand command) {
        String next = command.leaderVolunteerId();
        if (next != null && !members.contains(next)) {
            throw notAMember(next);
        }
        if (!Objects.equals(next, leader)) {
            apply(new TeamLeaderChanged(teamId, districtId, next));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DissolveTeamCommand command) {
        apply(new TeamDissolved(teamId, districtId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    private void depart(String volunteerId, String removedBy) {
        if (!members.contains(volunteerId)) {
            throw notAMember(volunteerId);
        }
        apply(new TeamMemberLeft(teamId, districtId, volunteerId, removedBy));
        if (volunteerId.equals(leader)) {
            apply(new TeamLeaderChanged(teamId, districtId, null));
        }
    }

    private RuleViolation notAMember(String volunteerId) {
        return RuleViolation.conflict("not-a-member", "'" + volunteerId + "' is not a member of team '" + teamId + "'");
    }

    @EventSourcingHandler
    void on(TeamFormed event) {
        teamId = event.teamId();
        districtId = event.districtId();
        leader = event.leaderVolunteerId();
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(TeamMemberJoined event) {
        members.add(event.volunteerId());
    }

    @EventSourcingHandler
    void on(TeamMemberLeft event) {
        members.remove(event.volunteerId());
    }

    @EventSourcingHandler
    void on(TeamLeaderChanged event) {
        leader = event.leaderVolunteerId();
    }

    @EventSourcingHandler
    void on(TeamDissolved event) {
        dissolved = true;
    }
}
