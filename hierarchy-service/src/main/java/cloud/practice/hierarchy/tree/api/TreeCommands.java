package cloud.practice.hierarchy.tree.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Commands on a district's organisation tree. The tree of one district is one aggregate (its id is the district
 * id): structural rules (unique codes, tier placement, no cycles, no closing over active children) are checked
 * against the whole tree and concurrent changes are serialised by the aggregate's version (ADR 0006).
 * {@code expectedUnitVersion} (from If-Match) is optional: when given, the unit must not have changed since.
 */
public final class TreeCommands {

    private TreeCommands() {
    }

    public record EstablishOrgUnitCommand(@TargetAggregateIdentifier String districtId, UnitSpec unit,
                                          LocalDate effectiveDate) {
    }

    /** Establishes many units at once, all or nothing; units already established identically are skipped. */
    public record ImportDistrictTreeCommand(@TargetAggregateIdentifier String districtId, List<UnitSpec> units,
                                            LocalDate effectiveDate) {
    }

    public record RenameOrgUnitCommand(@TargetAggregateIdentifier String districtId, String unitId, String name,
                                       LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    public record RelocateOrgUnitCommand(@TargetAggregateIdentifier String districtId, String unitId, String address,
                                         GeoPoint location, LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    public record ChangeOrgUnitDetailsCommand(@TargetAggregateIdentifier String districtId, String unitId,
                                              String divisionCode, String contact, String openingHours,
                                              Set<ServicePlatform> platforms, List<String> communities,
                                              LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    public record MoveOrgUnitCommand(@TargetAggregateIdentifier String districtId, String unitId, String newParentId,
                                     LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    public record ChangeOrgUnitStatusCommand(@TargetAggregateIdentifier String districtId, String unitId,
                                             StatusChange change, String reason, LocalDate effectiveDate,
                                             Long expectedUnitVersion) {
    }

    public enum StatusChange { SUSPEND, REACTIVATE, CLOSE }

    public record MergeOrgUnitCommand(@TargetAggregateIdentifier String districtId, String unitId, String survivorId,
                                      LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    public record SplitOrgUnitCommand(@TargetAggregateIdentifier String districtId, String unitId, String newUnitId,
                                      String newCode, String newName, List<String> communities,
                                      LocalDate effectiveDate, Long expectedUnitVersion) {
    }

    /** The grids of a community the unit declares; the list replaces the community's earlier one. */
    public record DefineGridsCommand(@TargetAggregateIdentifier String districtId, String unitId, String community,
                                     List<String> grids, LocalDate effectiveDate) {
    }

    /** {@code role} null: the role that fits the unit's tier ({@link ManagerRole#of}). */
    public record AssignManagerCommand(@TargetAggregateIdentifier String districtId, String unitId, String userId,
                                       ManagerRole role, LocalDate effectiveDate) {
    }

    public record RevokeManagerCommand(@TargetAggregateIdentifier String districtId, String unitId, String userId,
                                       LocalDate effectiveDate) {
    }
}
