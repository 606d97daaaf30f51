package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;
import java.util.List;

/**
 * The grids (网格) of a community, as the unit that declares the community registered them: the list replaces the
 * community's earlier one from {@code effectiveDate} on. A grid counts as covered while an open station covers its
 * community.
 */
@EventType(context = Context.HIERARCHY, revision = 1)
public record CommunityGridsDefined(
        String unitId,
        String districtId,
        String community,
        List<String> grids,
        LocalDate effectiveDate) implements DomainEvent {
}
