package cloud.practice.volunteer.matching.query;

import cloud.practice.events.volunteer.TeamDissolved;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamMemberJoined;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.volunteer.matching.query.TeamBook.TeamEntry;
import cloud.practice.volunteer.team.query.TeamProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/**
 * Team events into the {@link TeamBook}, in the team projection's processing group (same reasoning as
 * {@link VolunteerIndexFeed}: the book is rebuilt from that projection's documents at start).
 */
@Component
@ProcessingGroup(TeamProjection.GROUP)
class TeamIndexFeed {

    private final TeamBook book;

    TeamIndexFeed(TeamBook book) {
        this.book = book;
    }

    @EventHandler
    void on(TeamFormed event, @SequenceNumber long sequence) {
        book.put(new TeamEntry(event.teamId(), event.districtId(), event.unitId(),
                event.platforms().isEmpty() ? Set.of() : EnumSet.copyOf(event.platforms()), event.capacity(),
                Set.of(), true, sequence));
    }

    @EventHandler
    void on(TeamMemberJoined event, @SequenceNumber long sequence) {
        change(event.teamId(), sequence, team -> TeamBook.plus(team.members(), event.volunteerId()), true);
    }

    @EventHandler
    void on(TeamMemberLeft event, @SequenceNumber long sequence) {
        change(event.teamId(), sequence, team -> TeamBook.minus(team.members(), event.volunteerId()), true);
    }

    @EventHandler
    void on(TeamDissolved event, @SequenceNumber long sequence) {
        change(event.teamId(), sequence, TeamEntry::members, false);
    }

    private void change(String teamId, long sequence, java.util.function.Function<TeamEntry, Set<String>> members,
                        boolean active) {
        TeamEntry team = book.team(teamId);
        if (team == null || team.version() >= sequence) {
            return;
        }
        book.put(new TeamEntry(team.teamId(), team.districtId(), team.unitId(), team.platforms(), team.capacity(),
                members.apply(team), active && team.active(), sequence));
    }
}
