package cloud.practice.volunteer.team.api;

import cloud.practice.events.ServicePlatform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.Set;

/** Commands of volunteer teams (志愿服务队). */
public final class TeamCommands {

    private TeamCommands() {
    }

    /** A command on an existing team. */
    public interface TeamCommand {
        String teamId();

        String districtId();

        Long expectedVersion();
    }

    /** The leader, if named, becomes the first member. */
    public record FormTeamCommand(@TargetAggregateIdentifier String teamId, String districtId, String unitId,
                                  String name, String leaderVolunteerId, Set<ServicePlatform> platforms,
                                  int capacity) {
    }

    public record JoinTeamCommand(@TargetAggregateIdentifier String teamId, String districtId, String volunteerId,
                                  @TargetAggregateVersion Long expectedVersion) implements TeamCommand {
    }

    /** The volunteer leaves on their own. */
    public record LeaveTeamCommand(@TargetAggregateIdentifier String teamId, String districtId, String volunteerId,
                                   @TargetAggregateVersion Long expectedVersion) implements TeamCommand {
    }

    /** A leader, an admin or the system (erasure) removes a member. */
    public record RemoveTeamMemberCommand(@TargetAggregateIdentifier String teamId, String districtId,
                                          String volunteerId, String removedBy,
                                          @TargetAggregateVersion Long expectedVersion) implements TeamCommand {
    }

    /** A member becomes leader; null leaves the team without one. */
    public record ChangeTeamLeaderCommand(@TargetAggregateIdentifier String teamId, String districtId,
                                          String leaderVolunteerId,
                                          @TargetAggregateVersion Long expectedVersion) implements TeamCommand {
    }

    public record DissolveTeamCommand(@TargetAggregateIdentifier String teamId, String districtId, String reason,
                                      @TargetAggregateVersion Long expectedVersion) implements TeamCommand {
    }
}
