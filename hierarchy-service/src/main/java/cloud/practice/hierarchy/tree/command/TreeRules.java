package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.domain.RuleViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each tier may hang: the placement rules of the three-tier network. */
final class TreeRules {

    private static final Map<OrgTier, Set<OrgTier>> ALLOWED_PARENTS = Map.of(
            OrgTier.CENTER, Set.of(),
            OrgTier.SUB_CENTER, Set.of(OrgTier.CENTER),
            OrgTier.INSTITUTE, Set.of(OrgTier.CENTER),
            OrgTier.STATION, Set.of(OrgTier.INSTITUTE),
            OrgTier.POINT, Set.of(OrgTier.STATION, OrgTier.INSTITUTE));

    private TreeRules() {
    }

    static boolean mayHangUnder(OrgTier child, OrgTier parent) {
        return ALLOWED_PARENTS.get(child).contains(parent);
    }

    static Set<OrgTier> allowedParents(OrgTier child) {
        return ALLOWED_PARENTS.get(child);
    }

    static void requireMayHangUnder(OrgTier child, OrgTier parent) {
        if (!mayHangUnder(child, parent)) {
            throw RuleViolation.refused("tier-placement", "A " + child + " cannot hang under a " + parent
                    + "; allowed parents: " + allowedParents(child));
        }
    }

    /** A unit of this tier may be put under {@code parent}: it is open and of an allowed tier. */
    static void requirePlacement(OrgTier tier, Unit parent) {
        parent.requireOpenAsParent();
        requireMayHangUnder(tier, parent.tier);
    }

    /** The units of an import with every parent before its children, whatever the order of the rows. */
    static List<UnitSpec> parentsFirst(List<UnitSpec> specs) {
        Map<String, UnitSpec> pending = new LinkedHashMap<>();
        specs.forEach(spec -> pending.put(spec.unitId(), spec));
        List<UnitSpec> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<UnitSpec> ready = pending.values().stream()
                    .filter(spec -> spec.parentId() == null || !pending.containsKey(spec.parentId())).toList();
            if (ready.isEmpty()) {
                throw RuleViolation.refused("cycle", "The import's parent links form a cycle: " + pending.keySet());
            }
            ready.forEach(spec -> {
                ordered.add(spec);
                pending.remove(spec.unitId());
            });
        }
        return ordered;
    }
}
