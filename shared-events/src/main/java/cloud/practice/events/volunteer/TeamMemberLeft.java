package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

/** {@code removedBy} is null when the volunteer left on their own. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record TeamMemberLeft(
        String teamId,
        String districtId,
        String volunteerId,
        @Nullable String removedBy) implements DomainEvent {
}
