package cloud.practice.support.security;

import java.util.List;

/**
 * The OAuth2 scopes of the platform's API. Every endpoint needs one (see {@link ScopeRules}); the access policies
 * of the services then narrow what the caller may touch to their district, unit subtree or own records.
 */
public final class Scopes {

    public static final String HIERARCHY_READ = "hierarchy:read";
    public static final String HIERARCHY_ADMIN = "hierarchy:admin";
    public static final String VOLUNTEERS_READ = "volunteers:read";
    public static final String VOLUNTEERS_WRITE = "volunteers:write";
    public static final String REQUESTS_READ = "requests:read";
    public static final String REQUESTS_WRITE = "requests:write";
    public static final String REPORTS_READ = "reports:read";
    /** The issuer's people and machine-client administration (accounts, resets, client secrets). */
    public static final String PEOPLE_ADMIN = "people:admin";
    /** A person's own notices: their inbox, its live stream and their preferences (notification-service). */
    public static final String NOTICES_READ = "notices:read";
    public static final String NOTICES_WRITE = "notices:write";
    /**
     * Send a notice to an account's own mobile number through the issuer (ADR 0023). Only for the notification
     * service's machine client: never in {@link #ALL}, so no person's role carries it.
     */
    public static final String PEOPLE_NOTIFY = "people:notify";

    public static final List<String> ALL = List.of(HIERARCHY_READ, HIERARCHY_ADMIN, VOLUNTEERS_READ, VOLUNTEERS_WRITE,
            REQUESTS_READ, REQUESTS_WRITE, REPORTS_READ, PEOPLE_ADMIN, NOTICES_READ, NOTICES_WRITE);

    /** Scopes only a registered machine client may hold. */
    public static final List<String> MACHINE_ONLY = List.of(PEOPLE_NOTIFY);

    /**
     * The scopes a human role is granted by default (the local auth-server's people directory grants these; an
     * external OIDC provider should issue the same). Machine clients get what their registration grants.
     */
    public static List<String> forRole(Role role) {
        return switch (role) {
            case SYSTEM, DISTRICT_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN -> ALL;
            case TEAM_LEADER, VOLUNTEER -> List.of(HIERARCHY_READ, VOLUNTEERS_READ, VOLUNTEERS_WRITE, REQUESTS_READ,
                    REQUESTS_WRITE, NOTICES_READ, NOTICES_WRITE);
            case RESIDENT -> List.of(HIERARCHY_READ, VOLUNTEERS_WRITE, REQUESTS_READ, REQUESTS_WRITE, NOTICES_READ,
                    NOTICES_WRITE);
            case ANALYST -> List.of(HIERARCHY_READ, VOLUNTEERS_READ, REQUESTS_READ, REPORTS_READ, NOTICES_READ,
                    NOTICES_WRITE);
            case SUBCENTER_ADMIN -> List.of(HIERARCHY_READ, VOLUNTEERS_READ, REQUESTS_READ, REQUESTS_WRITE,
                    REPORTS_READ, NOTICES_READ, NOTICES_WRITE);
            case GRID_WORKER -> List.of(HIERARCHY_READ, REQUESTS_READ, REQUESTS_WRITE, NOTICES_READ, NOTICES_WRITE);
            case CITY_ANALYST -> List.of(REPORTS_READ);
        };
    }

    private Scopes() {
    }
}
