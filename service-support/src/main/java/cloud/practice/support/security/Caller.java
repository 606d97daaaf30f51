package cloud.practice.support.security;

import java.util.Objects;
import java.util.Set;

/**
 * The identity behind a request, taken from its validated JWT (see {@link JwtCallers}). Controllers receive it as a
 * method argument; each service's access policy decides with it.
 *
 * @param userId     the subject: a user id (for volunteers their volunteer id) or a machine client's id
 * @param role       what they are
 * @param districtId the district they belong to; null only for a platform-wide SYSTEM client
 * @param unitId     the unit whose subtree their power covers; null for machine clients, volunteers and residents
 * @param scopes     the OAuth2 scopes granted to the token
 */
public record Caller(String userId, Role role, String districtId, String unitId, Set<String> scopes) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        scopes = Set.copyOf(scopes);
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

    /** Whether this caller is the volunteer with that id. */
    public boolean is(String volunteerId) {
        return role.isVolunteer() && userId.equals(volunteerId);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
