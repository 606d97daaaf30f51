package cloud.practice.volunteer.access;

/** Who a caller is, as the gateway will say it in the token (issue 10); each role but SYSTEM is scoped to a unit. */
public enum Role {
    /** Trusted internal caller (another service, an operator script, or any request while anonymous is trusted). */
    SYSTEM,
    DISTRICT_ADMIN,
    INSTITUTE_ADMIN,
    STATION_ADMIN,
    /** A volunteer who leads one or more teams; otherwise a volunteer. */
    TEAM_LEADER,
    VOLUNTEER,
    RESIDENT,
    ANALYST;

    public boolean isAdmin() {
        return this == DISTRICT_ADMIN || this == INSTITUTE_ADMIN || this == STATION_ADMIN;
    }

    public boolean isVolunteer() {
        return this == VOLUNTEER || this == TEAM_LEADER;
    }
}
