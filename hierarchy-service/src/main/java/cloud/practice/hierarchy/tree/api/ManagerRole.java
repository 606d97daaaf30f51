package cloud.practice.hierarchy.tree.api;

import cloud.practice.events.hierarchy.OrgTier;

import java.util.Arrays;
import java.util.Set;

/**
 * The admin role a unit's manager holds, one per tier. The names are the platform's role names (service-support's
 * {@code Role}): the issuer grants the person exactly {@code ManagerAssigned.role} for the unit, so a name here that
 * is no role, or a role that is not a unit's admin, would hand out the wrong power.
 */
public enum ManagerRole {
    DISTRICT_ADMIN(Set.of(OrgTier.CENTER)),
    SUBCENTER_ADMIN(Set.of(OrgTier.SUB_CENTER)),
    INSTITUTE_ADMIN(Set.of(OrgTier.INSTITUTE)),
    STATION_ADMIN(Set.of(OrgTier.STATION, OrgTier.POINT));

    private final Set<OrgTier> tiers;

    ManagerRole(Set<OrgTier> tiers) {
        this.tiers = tiers;
    }

    public boolean fits(OrgTier tier) {
        return tiers.contains(tier);
    }

    /** The one role that manages a unit of this tier. */
    public static ManagerRole of(OrgTier tier) {
        return Arrays.stream(values()).filter(role -> role.fits(tier)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no manager role for " + tier));
    }
}
