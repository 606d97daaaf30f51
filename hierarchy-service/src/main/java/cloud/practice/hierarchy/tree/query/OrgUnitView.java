package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit as of a date. {@code name}, {@code parentId}, {@code status} and {@code communities} are as they were on
 * {@code asOf}; the descriptive details (address, location, contact, hours, platforms, managers) are current.
 * The contact is masked; {@code version} is the ETag of the unit now. {@code managers} (account id → role) is null for
 * callers who may not see who manages a unit (everyone but the district's admins and machine clients).
 */
public record OrgUnitView(String unitId, String districtId, String code, String name, OrgTier tier, String parentId,
                          OrgUnitStatus status, String asOf, String establishedOn, String closedOn,
                          String mergedInto, String divisionCode, String address, GeoPoint location,
                          String maskedContact, String openingHours, Set<ServicePlatform> platforms,
                          List<String> communities, Map<String, String> managers, long version) {

    static OrgUnitView of(OrgUnitDocument unit, UnitVersion at, String asOf, boolean withManagers) {
        return new OrgUnitView(unit.unitId, unit.districtId, unit.code, at.name(), unit.tier, at.parentId(),
                at.status(), asOf, unit.establishedOn, unit.closedOn, unit.mergedInto, unit.divisionCode,
                unit.address, unit.location, unit.maskedContact, unit.openingHours, unit.platforms,
                at.communities(), withManagers ? unit.managers : null, unit.version);
    }
}
