package cloud.practice.auth.roles;

import cloud.practice.auth.people.Account;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.support.security.Role;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's role, derived from data the platform owns — never from configuration. In this order:
 * <ol>
 *   <li><b>The tree</b>: a unit they manage (hierarchy's {@code ManagerAssigned}) gives the role the event names when
 *       it is an admin role or ANALYST ({@code SUB_CENTER_ADMIN} is the sub-center admin), otherwise the unit's
 *       tier's admin role (CENTER → DISTRICT_ADMIN, SUB_CENTER → SUBCENTER_ADMIN, INSTITUTE → INSTITUTE_ADMIN,
 *       STATION and POINT → STATION_ADMIN), with that unit and {@code practice_grant=manager}. Of several, the
 *       highest wins (district, sub-center, institute, station admin, then analyst; ties by unit id).</li>
 *   <li><b>The staff role</b> an admin gave the account, with its unit.</li>
 *   <li><b>The registry</b>: a linked volunteer is TEAM_LEADER when they lead an active team, else VOLUNTEER.</li>
 *   <li>Otherwise RESIDENT.</li>
 * </ol>
 * The volunteer id goes into every token of a linked account. Accounts that are not active have no standing.
 *
 * <p>A city's analyst (an account of no district with the staff role CITY_ANALYST and a city) is that and nothing
 * else: the tree and the registry are a district's, so their grants and links never reach such an account. An
 * account of no district that is not a city's analyst with a city, or a district's account with the role
 * CITY_ANALYST, has no standing: it could not be scoped.
 */
public final class RoleDerivation {

    /** A unit the tree has the person manage, with the role it gives (already resolved by {@link #grantRole}). */
    public record Grant(String unitId, Role role) {
    }

    private static final Map<Role, Integer> RANK = Map.of(Role.DISTRICT_ADMIN, 0, Role.SUBCENTER_ADMIN, 1,
            Role.INSTITUTE_ADMIN, 2, Role.STATION_ADMIN, 3, Role.ANALYST, 4);

    private RoleDerivation() {
    }

    /** The role a tree grant gives: the event's when it names one a manager can hold, else the unit tier's. */
    public static Optional<Role> grantRole(String eventRole, OrgTier tier) {
        String named = eventRole == null ? null : eventRole.replace("SUB_CENTER_ADMIN", "SUBCENTER_ADMIN");
        Optional<Role> role = Role.parse(named).filter(RANK::containsKey);
        if (role.isPresent()) {
            return role;
        }
        if (tier == null) {
            return Optional.empty();
        }
        return Optional.of(switch (tier) {
            case CENTER -> Role.DISTRICT_ADMIN;
            case SUB_CENTER -> Role.SUBCENTER_ADMIN;
            case INSTITUTE -> Role.INSTITUTE_ADMIN;
            case STATION, POINT -> Role.STATION_ADMIN;
        });
    }

    public static Optional<Standing> derive(Account account, List<Grant> grants, String volunteerId,
                                            boolean leadsATeam) {
        if (!account.active()) {
            return Optional.empty();
        }
        if (account.cityAnalyst() || account.districtId() == null) {
            return account.cityAnalyst() && account.districtId() == null && account.cityId() != null
                    ? Optional.of(Standing.cityAnalyst(account.cityId())) : Optional.empty();
        }
        Optional<Grant> highest = grants.stream().min(Comparator.comparing((Grant grant) -> RANK.get(grant.role()))
                .thenComparing(Grant::unitId));
        if (highest.isPresent()) {
            return Optional.of(new Standing(highest.get().role(), highest.get().unitId(), true, volunteerId));
        }
        if (account.staffRole() != null) {
            return Optional.of(new Standing(account.staffRole(), account.staffUnit(), false, volunteerId));
        }
        if (volunteerId != null) {
            return Optional.of(new Standing(leadsATeam ? Role.TEAM_LEADER : Role.VOLUNTEER, null, false,
                    volunteerId));
        }
        return Optional.of(new Standing(Role.RESIDENT, null, false, null));
    }
}
