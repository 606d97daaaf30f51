package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.domain.RuleViolation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The units of one district's tree, by id and by code, and the rules that look at the whole tree: one center, codes
 * unique in the district, where a new unit may hang, one open station per community, subtrees. {@link OrgTree}
 * decides with it and changes it only from its event sourcing handlers.
 */
final class DistrictUnits {

    private final Map<String, Unit> byId = new LinkedHashMap<>();
    private final Map<String, String> idByCode = new HashMap<>();
    private String centerId;

    /** The unit, or null. */
    Unit get(String unitId) {
        return byId.get(unitId);
    }

    boolean contains(String unitId) {
        return byId.containsKey(unitId);
    }

    /** The unit, or not-found naming the command's field that gave its id. */
    Unit existing(String districtId, String unitId, String field) {
        Unit unit = byId.get(unitId);
        if (unit == null) {
            throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "not-found", field, "Unit '" + unitId
                    + "' does not exist in district '" + districtId + "'", Map.of("id", unitId));
        }
        return unit;
    }

    /**
     * A unit a command may change: it exists, is at the version the caller read (when they say), is not closed,
     * and the change takes effect no earlier than its last one.
     */
    Unit changeable(String districtId, String unitId, Long expectedVersion, LocalDate effectiveDate) {
        Unit unit = existing(districtId, unitId, "unitId");
        if (expectedVersion != null && expectedVersion != unit.version) {
            throw new RuleViolation(RuleViolation.Kind.STALE, "stale-version", null, "'" + unitId
                    + "' changed since you read it (you have version " + expectedVersion + ", it is at "
                    + unit.version + "); read it again and retry", Map.of("currentVersion", unit.version));
        }
        if (unit.status == OrgUnitStatus.CLOSED) {
            throw RuleViolation.refused("unit-closed", "'" + unitId + "' is closed; its history is kept as it was");
        }
        unit.requireNotBefore(effectiveDate);
        return unit;
    }

    /**
     * A new unit fits the tree: its code is free, a center is the only one, anything else hangs under an open
     * parent of an allowed tier (in the tree or, in an import, in the same {@code batch}), and a station's
     * communities are not covered yet.
     */
    void validateNew(UnitSpec spec, Map<String, UnitSpec> batch, LocalDate effectiveDate) {
        String owner = idByCode.get(spec.code());
        if (owner != null) {
            throw RuleViolation.conflict("duplicate-code", "Code '" + spec.code() + "' is used by '" + owner
                    + "' in this district");
        }
        if (spec.tier() == OrgTier.CENTER) {
            if (centerId != null || batch.values().stream()
                    .anyMatch(other -> other.tier() == OrgTier.CENTER && !other.unitId().equals(spec.unitId()))) {
                throw RuleViolation.conflict("center-exists", "A district has exactly one center"
                        + (centerId == null ? "" : ": '" + centerId + "'"));
            }
            if (spec.parentId() != null) {
                throw RuleViolation.refused("center-has-no-parent", "The center is the root; it has no parent");
            }
            return;
        }
        if (spec.parentId() == null) {
            throw RuleViolation.refused("parent-required", "A " + spec.tier() + " needs a parent of tier "
                    + TreeRules.allowedParents(spec.tier()));
        }
        Unit parent = byId.get(spec.parentId());
        OrgTier parentTier;
        if (parent != null) {
            parent.requireOpenAsParent();
            parentTier = parent.tier;
        } else if (batch.containsKey(spec.parentId())) {
            parentTier = batch.get(spec.parentId()).tier();
        } else {
            throw new RuleViolation(RuleViolation.Kind.REFUSED, "unknown-parent", "parentId",
                    "Parent '" + spec.parentId() + "' does not exist in this district", Map.of());
        }
        TreeRules.requireMayHangUnder(spec.tier(), parentTier);
        requireCommunitiesFree(spec.unitId(), spec.tier(), spec.communities() == null ? List.of() : spec.communities());
        if (parent != null) {
            parent.requireNotBefore(effectiveDate);
        }
    }

    /** A community is covered by one open station at a time. */
    void requireCommunitiesFree(String unitId, OrgTier tier, List<String> communities) {
        if (tier != OrgTier.STATION) {
            return;
        }
        for (Unit other : byId.values()) {
            if (other.id.equals(unitId) || other.status == OrgUnitStatus.CLOSED || other.tier != OrgTier.STATION) {
                continue;
            }
            for (String community : communities) {
                if (other.communities.contains(community)) {
                    throw RuleViolation.conflict("community-covered", "Community '" + community
                            + "' is already covered by '" + other.id + "'");
                }
            }
        }
    }

    /** Whether {@code candidateId} is {@code rootId} or lies below it. */
    boolean isInSubtree(String candidateId, String rootId) {
        String current = candidateId;
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current)) {
            if (current.equals(rootId)) {
                return true;
            }
            Unit unit = byId.get(current);
            current = unit == null ? null : unit.parentId;
        }
        return false;
    }

    /** The ids of the unit's children that are not closed. */
    List<String> openChildren(String unitId) {
        return byId.values().stream()
                .filter(unit -> unitId.equals(unit.parentId) && unit.status != OrgUnitStatus.CLOSED)
                .map(unit -> unit.id).toList();
    }

    // ------------------------------------------------------------------------------------------ event sourcing

    void add(Unit unit) {
        byId.put(unit.id, unit);
        idByCode.put(unit.code, unit.id);
        if (unit.tier == OrgTier.CENTER) {
            centerId = unit.id;
        }
    }

    /** An event touched the unit: one more version, and its effective date is the last change's if later. */
    Unit touch(String unitId, LocalDate effectiveDate) {
        Unit unit = byId.get(unitId);
        unit.version++;
        if (effectiveDate.isAfter(unit.lastEffectiveDate)) {
            unit.lastEffectiveDate = effectiveDate;
        }
        return unit;
    }
}
