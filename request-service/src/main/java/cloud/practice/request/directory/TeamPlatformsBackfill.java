package cloud.practice.request.directory;

import cloud.practice.events.Context;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;

import java.util.Set;

/**
 * Gives the {@link VolunteerDirectory}'s teams their platforms. The directory keeps them from each {@code TeamFormed}
 * since team claims were narrowed to a team's platforms; a directory that knew teams before then has them without.
 * This consumer has a group of its own, so it reads the volunteer topic from its start once (retention is infinite,
 * ADR 0002) and sets only the platforms, which never change after a team is formed: nothing else in the directory
 * is replayed, so no volunteer or team looks for a moment as it was long ago.
 */
public class TeamPlatformsBackfill extends RoutedEventHandler {

    private final VolunteerDirectory directory;

    public TeamPlatformsBackfill(VolunteerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "team-platforms";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.VOLUNTEER);
    }

    /** Only a team's formation names its platforms. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(TeamFormed.class, (e, at) -> directory.recordPlatforms(e));
    }
}
