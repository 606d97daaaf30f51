package cloud.practice.hierarchy.tree.api;

/**
 * The unit's contact phone as given, kept inside hierarchy-service only (never published: the relay publishes only
 * {@code @EventType} records; other services see {@code maskedContact}).
 */
public record OrgUnitContactRecorded(String districtId, String unitId, String contact) {
}
