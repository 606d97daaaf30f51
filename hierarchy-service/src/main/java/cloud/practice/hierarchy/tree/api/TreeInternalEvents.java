package cloud.practice.hierarchy.tree.api;

/**
 * The tree's internal events: kept in hierarchy-service's store, never published (the relay publishes only
 * {@code @EventType} records of shared-events). Each moved here from a class of its own: {@code config.MovedInternalEvents}
 * reads the events stored under the old names (ADR 0022).
 */
public final class TreeInternalEvents {

    private TreeInternalEvents() {
    }

    /** The unit's contact phone as given; other services see only {@code maskedContact}. */
    public record OrgUnitContactRecorded(String districtId, String unitId, String contact) {
    }
}
