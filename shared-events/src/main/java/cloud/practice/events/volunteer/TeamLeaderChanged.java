package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

/** A team got a new leader (a member), or none when its leader left or was removed. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record TeamLeaderChanged(
        String teamId,
        String districtId,
        @Nullable String leaderVolunteerId) implements DomainEvent {
}
