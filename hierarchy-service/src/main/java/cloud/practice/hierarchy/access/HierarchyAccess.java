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
 * change a unit, its managers; split       yes                 in subtree      in subtree               no
 * establish a unit                         yes                 parent in subtree (no parent: district admin)  no
 * move / merge                             yes                 unit and target in subtree               no
 * import, register partners                yes                 yes             no                       no
 * form, record on, end a pairing           yes                 its stations in subtree                  no
 * </pre>
 */
@Component
public class HierarchyAccess {

    private final TreeQueries tree;

    public HierarchyAccess(TreeQueries tree) {
        this.tree = tree;
    }

    public void read(Caller caller, String district) {
        if (!caller.belongsTo(district)) {
            throw forbidden("read the tree of district '" + district + "'");
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
