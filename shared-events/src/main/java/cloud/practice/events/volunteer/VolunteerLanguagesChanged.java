package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.util.List;

/** The languages a volunteer can serve in (BCP 47 tags such as {@code zh-CN}), in the volunteer's order. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerLanguagesChanged(
        String volunteerId,
        String districtId,
        List<String> languages) implements DomainEvent {
}
