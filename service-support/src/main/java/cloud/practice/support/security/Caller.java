package cloud.practice.support.security;

import java.util.Objects;
import java.util.Set;

/**
 * The identity behind a request, taken from its validated JWT (see {@link JwtCallers}). Controllers receive it as a
 * method argument; each service's access policy decides with it.
 *
 * @param userId      the subject: a person's account id or a machine client's id
 * @param role        what they are
 * @param districtId  the district they belong to; null only for a platform-wide SYSTEM client and a CITY_ANALYST
 * @param unitId      the unit whose subtree their power covers; null for machine clients, volunteers and residents
 * @param scopes      the OAuth2 scopes granted to the token
 * @param volunteerId the registry id of the volunteer this person is (claim {@code practice_volunteer}); a
 *                    volunteer's token must carry it, every volunteer action compares against it
 * @param treeGrant   whether the role was granted by the tree (the person manages {@code unitId}, hierarchy's
 *                    {@code ManagerAssigned}): such a token stops working once the tree revokes the manager
 * @param cityId      the city a {@link Role#CITY_ANALYST} reads (claim {@code practice_city}); null for every other role
 */
public record Caller(String userId, Role role, String districtId, String unitId, Set<String> scopes,
                     String volunteerId, boolean treeGrant, String cityId) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        scopes = Set.copyOf(scopes);
    }

    /** A caller of a district (every role but {@link Role#CITY_ANALYST}). */
    public Caller(String userId, Role role, String districtId, String unitId, Set<String> scopes,
                  String volunteerId, boolean treeGrant) {
        this(userId, role, districtId, unitId, scopes, volunteerId, treeGrant, null);
    }

    /** A caller who is no volunteer and whose role was not granted by the tree (staff accounts, machine clients). */
    public Caller(String userId, Role role, String districtId, String unitId, Set<String> scopes) {
        this(userId, role, districtId, unitId, scopes, null, false, null);
    }

    public boolean isSystem() {
        return role == Role.SYSTEM;
    }

    /** A machine client allowed to act in this district (platform-wide clients act in every district). */
    public boolean isSystemOf(String district) {
        return role == Role.SYSTEM && (districtId == null || districtId.equals(district));
    }

    /** Whether this caller belongs to the district (platform-wide clients belong to every district). */
    public boolean belongsTo(String district) {
        return districtId == null ? role == Role.SYSTEM : districtId.equals(district);
    }

    /** Whether this caller is the volunteer with that registry id (the token's volunteer claim, never its subject). */
    public boolean is(String volunteerId) {
        return role.isVolunteer() && this.volunteerId != null && this.volunteerId.equals(volunteerId);
    }

    /** Whether this caller is an analyst of that city. */
    public boolean analysesCity(String city) {
        return role == Role.CITY_ANALYST && cityId != null && cityId.equals(city);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
