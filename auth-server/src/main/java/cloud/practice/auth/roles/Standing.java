package cloud.practice.auth.roles;

import cloud.practice.support.security.Role;

/**
 * What a person is right now, as their tokens say it.
 *
 * @param role        {@code practice_role}
 * @param unitId      {@code practice_unit}: the unit of a staff role or of a tree grant; null otherwise
 * @param treeGrant   {@code practice_grant=manager}: the role comes from the tree (ManagerAssigned of the unit)
 * @param volunteerId {@code practice_volunteer}: the registry id the account is linked to, whatever the role
 */
public record Standing(Role role, String unitId, boolean treeGrant, String volunteerId) {
}
