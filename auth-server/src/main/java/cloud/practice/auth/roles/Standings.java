package cloud.practice.auth.roles;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.tree.ManagerGrants;
import cloud.practice.auth.tree.TeamLeaders;
import cloud.practice.auth.tree.VolunteerLinks;
import cloud.practice.support.tree.OrgUnitDirectory;

import java.util.List;
import java.util.Optional;

/**
 * Reads what {@link RoleDerivation} needs from the stores the consumers keep: the tree's grants (with each unit's
 * tier from the issuer's copy of the tree; a grant of a unit the copy does not know yet, or that is closed, gives
 * nothing until it does), the volunteer link and team leadership. An account of no district (a city's analyst) has
 * none of these: they are looked up in the account's district only.
 */
public class Standings {

    private final ManagerGrants grants;
    private final OrgUnitDirectory units;
    private final VolunteerLinks links;
    private final TeamLeaders leaders;

    public Standings(ManagerGrants grants, OrgUnitDirectory units, VolunteerLinks links, TeamLeaders leaders) {
        this.grants = grants;
        this.units = units;
        this.links = links;
        this.leaders = leaders;
    }

    public Optional<Standing> of(Account account) {
        if (account.districtId() == null) {
            return RoleDerivation.derive(account, List.of(), null, false);
        }
        List<RoleDerivation.Grant> resolved = grants.of(account.districtId(), account.accountId()).stream()
                .flatMap(grant -> {
                    Optional<OrgUnitDirectory.Unit> unit = units.unit(grant.districtId(), grant.unitId());
                    if (unit.isPresent() && !unit.get().active()) {
                        return java.util.stream.Stream.empty();
                    }
                    return RoleDerivation.grantRole(grant.role(), unit.map(OrgUnitDirectory.Unit::tier).orElse(null))
                            .map(role -> new RoleDerivation.Grant(grant.unitId(), role)).stream();
                })
                .toList();
        String volunteerId = links.volunteerOf(account.districtId(), account.accountId()).orElse(null);
        return RoleDerivation.derive(account, resolved, volunteerId,
                volunteerId != null && leaders.leadsATeam(account.districtId(), volunteerId));
    }

    /** The grants as the person's page shows them: unit and the role it gives. */
    public List<ManagerGrants.Grant> grantsOf(Account account) {
        return account.districtId() == null ? List.of() : grants.of(account.districtId(), account.accountId());
    }
}
