package cloud.practice.volunteer.team.query;

import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.support.axon.BatchedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Consumer;

/** Teams and their members; each document remembers the last sequence applied, so replays change nothing. */
@Component
@ProcessingGroup(TeamProjection.GROUP)
public class TeamProjection {

    public static final String GROUP = "team-view";

    private final MongoTemplate mongo;
    private final BatchedViews views;

    public TeamProjection(MongoTemplate mongo, BatchedViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(TeamDocument.class);
    }

    @EventHandler
    void on(TeamFormed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        TeamDocument existing = views.find(TeamDocument.class, event.teamId());
        if (existing != null && existing.version >= sequence) {
            return;
        }
        TeamDocument team = new TeamDocument();
        team.teamId = event.teamId();
        team.districtId = event.districtId();
        team.unitId = event.unitId();
        team.name = event.name();
        team.leaderVolunteerId = event.leaderVolunteerId();
        team.platforms = new ArrayList<>(event.platforms());
        team.capacity = event.capacity();
        team.status = TeamDocument.Status.ACTIVE;
        team.formedAt = at;
        team.version = sequence;
        views.save(team);
    }

    @EventHandler
    void on(TeamMemberJoined event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.teamId(), sequence, team -> team.members.add(new TeamDocument.Member(event.volunteerId(), at)));
    }

    @EventHandler
    void on(TeamMemberLeft event, @SequenceNumber long sequence) {
        update(event.teamId(), sequence,
                team -> team.members.removeIf(member -> member.volunteerId().equals(event.volunteerId())));
    }

    @EventHandler
    void on(TeamLeaderChanged event, @SequenceNumber long sequence) {
        update(event.teamId(), sequence, team -> team.leaderVolunteerId = event.leaderVolunteerId());
    }

    @EventHandler
    void on(TeamDissolved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.teamId(), sequence, team -> {
            team.status = TeamDocument.Status.DISSOLVED;
            team.dissolvedReason = event.reason();
            team.dissolvedAt = at;
        });
    }

    private void update(String teamId, long sequence, Consumer<TeamDocument> change) {
        TeamDocument team = views.find(TeamDocument.class, teamId);
        if (team == null || team.version >= sequence) {
            return;
        }
        change.accept(team);
        team.version = sequence;
        views.save(team);
    }
}
