package cloud.practice.hierarchy.tree.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;

import java.util.List;
import java.util.Set;

/** Everything needed to establish one unit; validated field by field at the edge, as a whole in the aggregate. */
public record UnitSpec(String unitId, String code, String name, OrgTier tier, String parentId, String divisionCode,
                       String address, GeoPoint location, String contact, String openingHours,
                       Set<ServicePlatform> platforms, List<String> communities) {
}
