package cloud.practice.hierarchy.access;

import cloud.practice.hierarchy.tree.query.TreeQueries;
import cloud.practice.hierarchy.tree.query.TreeSnapshot;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Every authorisation rule of hierarchy-service, on top of the scopes (hierarchy:read to read, hierarchy:admin to
 * change). The tree of a district is visible to everyone of that district; an admin changes only units inside the
 * subtree of their own unit (for a move or merge, both ends); district-wide operations (import, partners) are the
 * district admin's. Machine clients act within their district.
 *
 * <pre>
 * action                                   SYSTEM of district  DISTRICT_ADMIN  INSTITUTE/STATION_ADMIN  others of district
 * read the tree, pairings, health          yes                 yes             yes                      yes
 * see each unit's managers                 yes                 yes             yes                      no
 * change a unit; split                     yes                 in subtree      in subtree               no
 * assign / revoke a unit's managers        yes                 in subtree      strictly below own unit  no
 * establish a unit                         yes                 parent in subtree (no parent: district admin)  no
 * move / merge                             yes                 unit and target in subtree               no
 * import, register partners                yes                 yes             no                       no
 * form, record on, end a pairing           yes                 its stations in subtree                  no
 * </pre>
 *
 * "Others of district" are, by decision: SUBCENTER_ADMIN (a sub-center runs its platforms across the district; the
 * tree is the district's staff's to read, changing it stays with the admins of the subtree), ANALYST, GRID_WORKER
 * (网格员: reads the tree as residents do), VOLUNTEER, TEAM_LEADER and RESIDENT.
 *
 * <p>Managers are made by the unit's superiors: an institute or station admin assigns managers only of units
 * strictly below their own unit — a station admin cannot make anyone (themselves included) a manager of their own
 * station, since the managers a unit gets are what the issuer grants its admin role from. The district admin (the
 * top of the tree: nobody is above the center) assigns managers of any unit, the center included, and a machine
 * client of the district any. Nobody assigns themselves.
 */
@Component
public class HierarchyAccess {

    private final TreeQueries tree;

    public HierarchyAccess(TreeQueries tree) {
        this.tree = tree;
    }

    public void read(Caller caller, String district) {
        if (!caller.belongsTo(district) || !readsTheTree(caller.role())) {
            throw forbidden("read the tree of district '" + district + "'");
        }
    }

    /**
     * Every role of the district reads its tree; a city's analyst reads reports only. Named one by one so that a new
     * role needs a decision here.
     */
    private static boolean readsTheTree(Role role) {
        return switch (role) {
            case SYSTEM, DISTRICT_ADMIN, SUBCENTER_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN, ANALYST -> true;
            case TEAM_LEADER, VOLUNTEER, RESIDENT, GRID_WORKER -> true;
            case CITY_ANALYST -> false;
        };
    }

    /**
     * Whether the caller sees who manages each unit (the managers' account ids): the admins of the district and its
     * machine clients, who assign them; everyone else reads the tree without them.
     */
    public boolean seesManagers(Caller caller, String district) {
        return caller.isSystemOf(district) || (caller.role().isAdmin() && caller.belongsTo(district));
    }

    /**
     * Assigning {@code userId} as a manager of {@code unitId}, or revoking them ({@code assigning} false): the
     * unit's superiors only (see the class comment); nobody assigns themselves.
     */
    public void manageManagers(Caller caller, String district, String unitId, String userId, boolean assigning) {
        if (caller.isSystemOf(district)) {
            return;
        }
        administer(caller, district, unitId);
        if (caller.role() != Role.DISTRICT_ADMIN && unitId.equals(caller.unitId())) {
            throw forbidden("change the managers of '" + unitId + "', their own unit (an admin above it does)");
        }
        if (assigning && userId.equals(caller.userId())) {
            throw forbidden("make themselves a manager");
        }
    }

    /** Every named unit (nulls ignored) must lie in the caller's subtree. */
    public void administer(Caller caller, String district, String... unitIds) {
        if (caller.isSystemOf(district)) {
            return;
        }
        if (!caller.role().isAdmin() || !caller.belongsTo(district)) {
            throw forbidden("change units of district '" + district + "'");
        }
        TreeSnapshot now = tree.snapshot(district, null);
        for (String unitId : unitIds) {
            if (unitId != null && !now.isWithin(unitId, caller.unitId())) {
                throw forbidden("change unit '" + unitId + "' (outside the subtree of '" + caller.unitId() + "')");
            }
        }
    }

    /** Establishing a top unit or anything below a parent. */
    public void establish(Caller caller, String district, String parentId) {
        if (parentId == null) {
            administerDistrict(caller, district);
        } else {
            administer(caller, district, parentId);
        }
    }

    public void administerDistrict(Caller caller, String district) {
        if (!caller.isSystemOf(district) && !(caller.role() == Role.DISTRICT_ADMIN && caller.belongsTo(district))) {
            throw forbidden("administer district '" + district + "' as a whole");
        }
    }

    private static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "The caller may not " + what, Map.of());
    }
}
