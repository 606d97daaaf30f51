package cloud.practice.hierarchy.tree.api;

import cloud.practice.events.hierarchy.OrgTier;

import java.util.Set;

/** Administrative roles a unit's manager can hold, and the tiers each fits. */
public enum ManagerRole {
    DISTRICT_ADMIN(Set.of(OrgTier.CENTER)),
    SUB_CENTER_ADMIN(Set.of(OrgTier.SUB_CENTER)),
    INSTITUTE_ADMIN(Set.of(OrgTier.INSTITUTE)),
    STATION_ADMIN(Set.of(OrgTier.STATION, OrgTier.POINT)),
    ANALYST(Set.of(OrgTier.values()));

    private final Set<OrgTier> tiers;

    ManagerRole(Set<OrgTier> tiers) {
        this.tiers = tiers;
    }

    public boolean fits(OrgTier tier) {
        return tiers.contains(tier);
    }
}
