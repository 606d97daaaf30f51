package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.hierarchy.OrgTier;

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
}
