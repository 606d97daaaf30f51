package cloud.practice.volunteer.access;

/**
 * The identity behind a request. For volunteers and team leaders {@code userId} is their volunteer id; for admins
 * {@code unitId} is the unit whose subtree they administer.
 *
 * @param userId     who acts; recorded as {@code grantedBy}, {@code revokedBy}, {@code removedBy}
 * @param role       what they are
 * @param districtId the district they belong to (null only for SYSTEM)
 * @param unitId     the unit their power covers, with its subtree (admins)
 */
public record Caller(String userId, Role role, String districtId, String unitId) {

    /** Used when no identity is presented and anonymous callers are trusted (until the gateway issues tokens). */
    public static final Caller SYSTEM = new Caller("system", Role.SYSTEM, null, null);

    public boolean isSystem() {
        return role == Role.SYSTEM;
    }

    /** Whether this caller is the volunteer with that id. */
    public boolean is(String volunteerId) {
        return role.isVolunteer() && userId.equals(volunteerId);
    }
}
