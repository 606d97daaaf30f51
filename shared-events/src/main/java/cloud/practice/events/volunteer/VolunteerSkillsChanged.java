package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.util.List;

@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerSkillsChanged(
        String volunteerId,
        String districtId,
        List<Skill> skills) implements DomainEvent {
}
