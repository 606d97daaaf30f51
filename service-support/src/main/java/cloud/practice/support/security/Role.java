package cloud.practice.support.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller is. Every role but {@link #SYSTEM} and {@link #CITY_ANALYST} is scoped to one district (most to one
 * unit of it, covering the unit's subtree); SYSTEM is a machine client (another district system, an operator's
 * script), bound to one district or — without a district claim — to all of them, and limited by its scopes.
 */
public enum Role {
    SYSTEM,
    DISTRICT_ADMIN,
    /**
     * The admin of a sub-center (文明实践分中心): a thematic branch that runs its platforms (its unit's
     * {@code platforms}) across the whole district rather than a subtree. Not an {@link #isAdmin() admin of a
     * subtree}: each service grants it its platform's work explicitly.
     */
    SUBCENTER_ADMIN,
    INSTITUTE_ADMIN,
    STATION_ADMIN,
    /** A volunteer who leads one or more teams; otherwise a volunteer. */
    TEAM_LEADER,
    VOLUNTEER,
    RESIDENT,
    /** A grid worker (网格员) of a unit: orders services on behalf of residents, the request records who keyed it. */
    GRID_WORKER,
    ANALYST,
    /**
     * An analyst of a city (or province): reads the reports of the districts the city groups, side by side and
     * rolled up, and nothing else. Belongs to no district (the token names the city, claim {@code practice_city},
     * and no district); every service but reporting refuses it.
     */
    CITY_ANALYST;

    public boolean isAdmin() {
        return this == DISTRICT_ADMIN || this == INSTITUTE_ADMIN || this == STATION_ADMIN;
    }

    /** Roles whose power or place is a unit: the token must name it. */
    public boolean needsUnit() {
        return isAdmin() || this == SUBCENTER_ADMIN || this == GRID_WORKER || this == ANALYST;
    }

    public boolean isVolunteer() {
        return this == VOLUNTEER || this == TEAM_LEADER;
    }

    /** Case- and separator-tolerant: {@code district-admin}, {@code DISTRICT_ADMIN} and {@code districtAdmin} alike. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normal = text.trim().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(normal)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
