package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.domain.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link OrgTree} needs to know of a unit to enforce the rules. Only the tree's event sourcing handlers change
 * it. Never serialized: the tree takes no snapshots and its cache holds objects in memory (snapshots would make
 * this class's name and fields part of the stored data).
 */
final class Unit {

    final String id;
    final String code;
    String name;
    final OrgTier tier;
    String parentId;
    OrgUnitStatus status = OrgUnitStatus.ACTIVE;
    Set<ServicePlatform> platforms = new LinkedHashSet<>();
    List<String> communities = new ArrayList<>();
    String divisionCode;
    String address;
    GeoPoint location;
    final Map<String, String> managers = new HashMap<>();
    LocalDate lastEffectiveDate;
    long version;

    Unit(String id, String code, String name, OrgTier tier, String parentId) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.tier = tier;
        this.parentId = parentId;
    }

    /** An import row that repeats this unit as it is (so the import may skip it). */
    boolean sameAs(UnitSpec spec) {
        return code.equals(spec.code()) && name.equals(spec.name()) && tier == spec.tier()
                && Objects.equals(parentId, spec.parentId());
    }

    /** History is never rewritten: a change takes effect on or after the unit's last change. */
    void requireNotBefore(LocalDate effectiveDate) {
        if (effectiveDate.isBefore(lastEffectiveDate)) {
            throw new RuleViolation(RuleViolation.Kind.REFUSED, "effective-date-before-last-change", "effectiveDate",
                    "'" + id + "' last changed with effect from " + lastEffectiveDate
                            + "; a change cannot take effect before that", Map.of());
        }
    }

    void requireStatus(OrgUnitStatus required, String action) {
        if (status != required) {
            throw RuleViolation.conflict("illegal-transition", "Cannot " + action + " '" + id + "': it is " + status);
        }
    }

    /** A unit takes no new children once it is closed. */
    void requireOpenAsParent() {
        if (status == OrgUnitStatus.CLOSED) {
            throw RuleViolation.refused("parent-closed", "Parent '" + id + "' is closed");
        }
    }

    /** Compared field by field: Axon's test fixture checks that replaying the events rebuilds the same state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Unit unit && id.equals(unit.id) && code.equals(unit.code)
                && name.equals(unit.name) && tier == unit.tier && Objects.equals(parentId, unit.parentId)
                && status == unit.status && platforms.equals(unit.platforms)
                && communities.equals(unit.communities) && Objects.equals(divisionCode, unit.divisionCode)
                && Objects.equals(address, unit.address) && Objects.equals(location, unit.location)
                && managers.equals(unit.managers) && lastEffectiveDate.equals(unit.lastEffectiveDate)
                && version == unit.version;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
