package cloud.practice.support.security;

/**
 * Whether the tree has revoked a manager's grant ({@code ManagerRevoked} after the last {@code ManagerAssigned} of
 * that person to that unit). A token whose role the tree granted is refused as soon as its service has seen the
 * revocation, without waiting for the token to expire. {@link #NONE} where no tree is consumed (unit tests).
 */
@FunctionalInterface
public interface WithdrawnGrants {

    WithdrawnGrants NONE = (districtId, unitId, userId) -> false;

    boolean isWithdrawn(String districtId, String unitId, String userId);
}
