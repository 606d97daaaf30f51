package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.ServicePlatform;
import java.util.Set;

/** A volunteer team (志愿服务队) was formed under a unit. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record TeamFormed(
        String teamId,
        String districtId,
        String unitId,
        String name,
        @Nullable String leaderVolunteerId,
        Set<ServicePlatform> platforms,
        int capacity) implements DomainEvent {
}
