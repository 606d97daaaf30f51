package cloud.practice.auth.people.web;

import cloud.practice.auth.people.Ids;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.Page;
import org.springframework.http.HttpStatus;

/**
 * Who administers a district's people and clients (scope {@code people:admin} opens the endpoints; this decides):
 *
 * <table>
 *   <tr><th>caller</th><th>district's lists, new staff and clients</th><th>an account or client of the district</th></tr>
 *   <tr><td>DISTRICT_ADMIN of the district</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>SYSTEM client of the district, or platform-wide</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>anyone else with the scope (another district's admin, an institute or station admin)</td>
 *       <td>403 {@code not-people-admin}</td><td>403; with their own district, an account of another district is
 *       404 like a missing one</td></tr>
 *   <tr><td>a token without the scope</td><td colspan="2">403 {@code insufficient-scope}; no token 401</td></tr>
 * </table>
 *
 * <p>Cities' analysts belong to no district, so no district's admin has them: only the platform's operators
 * ({@link #requirePlatform}: a platform-wide SYSTEM client, no district) create, list, reset and disable them; anyone
 * else with the scope — a district's admin, a district's machine client — is refused with 403
 * {@code not-people-admin}.
 */
public final class AdminRights {

    private AdminRights() {
    }

    public static void require(Caller caller, String district) {
        if (!Ids.valid(district)) {
            throw ApiException.badRequest("district", "district must be an id");
        }
        boolean allowed = caller.isSystemOf(district)
                || caller.role() == Role.DISTRICT_ADMIN && district.equals(caller.districtId());
        if (!allowed) {
            throw new ApiException(HttpStatus.FORBIDDEN, "not-people-admin",
                    "Only the district's admins and its machine clients administer the people of '" + district + "'");
        }
    }

    /** Only a platform-wide machine client (role SYSTEM, no district) administers what belongs to no district. */
    public static void requirePlatform(Caller caller) {
        if (!caller.isSystem() || caller.districtId() != null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "not-people-admin",
                    "Only the platform's operators (a platform-wide machine client) administer cities' analysts");
        }
    }

    /** Bounded paging, 400 naming the field beyond. */
    public static void checkPage(int page, int size) {
        if (page < 0 || page > Page.MAX_PAGE) {
            throw ApiException.badRequest("page", "page must be between 0 and " + Page.MAX_PAGE);
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + Page.MAX_SIZE);
        }
    }
}
