package cloud.practice.auth.roles;

import cloud.practice.support.security.Role;

/**
 * What a person is right now, as their tokens say it.
 *
 * @param role        {@code practice_role}
 * @param unitId      {@code practice_unit}: the unit of a staff role or of a tree grant; null otherwise
 * @param treeGrant   {@code practice_grant=manager}: the role comes from the tree (ManagerAssigned of the unit)
 * @param volunteerId {@code practice_volunteer}: the registry id the account is linked to, whatever the role
 * @param cityId      {@code practice_city}: the city a CITY_ANALYST reads; null for every other role
 */
public record Standing(Role role, String unitId, boolean treeGrant, String volunteerId, String cityId) {

    /** A standing in a district (every role but CITY_ANALYST). */
    public Standing(Role role, String unitId, boolean treeGrant, String volunteerId) {
        this(role, unitId, treeGrant, volunteerId, null);
    }

    /** A city's analyst: the city, nothing of a district. */
    public static Standing cityAnalyst(String cityId) {
        return new Standing(Role.CITY_ANALYST, null, false, null, cityId);
    }
}
