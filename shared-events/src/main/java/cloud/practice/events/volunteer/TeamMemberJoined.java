package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

@EventType(context = Context.VOLUNTEER, revision = 1)
public record TeamMemberJoined(
        String teamId,
        String districtId,
        String volunteerId) implements DomainEvent {
}
