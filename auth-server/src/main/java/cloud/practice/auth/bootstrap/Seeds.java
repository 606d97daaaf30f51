package cloud.practice.auth.bootstrap;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.people.Ids;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiFormats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured first-start seed of clients and users, checked once at start: ids are ids, secrets and passwords
 * are hashes, roles are known, staff roles name their district and unit, a city's analyst names a city and neither
 * district nor unit (and only that role names a city). A bad entry stops the start with a message naming it — better
 * than an account that cannot be scoped later.
 */
public final class Seeds {

    /**
     * Staff roles a seed (or an admin) may give; RESIDENT, VOLUNTEER and TEAM_LEADER seed a resident account,
     * CITY_ANALYST a city's analyst.
     */
    static final Set<String> ROLES = Set.of("DISTRICT_ADMIN", "SUBCENTER_ADMIN", "INSTITUTE_ADMIN", "STATION_ADMIN",
            "GRID_WORKER", "ANALYST", "TEAM_LEADER", "VOLUNTEER", "RESIDENT", "CITY_ANALYST");
    private static final Pattern CITY = Pattern.compile(ApiFormats.DISTRICT);
    private static final Pattern HASH = Pattern.compile("\\{(bcrypt|argon2@SpringSecurity_v5_8|argon2|"
            + "pbkdf2@SpringSecurity_v5_8|pbkdf2|scrypt@SpringSecurity_v5_8|scrypt)}.+");

    private final Map<String, AuthSettings.Client> clients = new LinkedHashMap<>();
    private final Map<String, AuthSettings.User> users = new LinkedHashMap<>();

    public Seeds(AuthSettings settings) {
        for (AuthSettings.Client client : settings.clients()) {
            require(Ids.valid(client.clientId()), "client id '" + client.clientId() + "' is not an id");
            boolean publicClient = client.secret() == null || client.secret().isBlank();
            require(publicClient || HASH.matcher(client.secret()).matches(),
                    "client '" + client.clientId() + "': the secret must be a password-encoder hash like {bcrypt}…");
            require(!publicClient || client.grantTypes().equals(List.of("authorization_code")),
                    "client '" + client.clientId() + "': a client without a secret may only use authorization_code");
            require(client.district() == null || client.district().isBlank() || Ids.valid(client.district()),
                    "client '" + client.clientId() + "': district is not an id");
            require(clients.put(client.clientId(), client) == null, "client '" + client.clientId() + "' twice");
        }
        for (AuthSettings.User user : settings.users()) {
            require(Ids.valid(user.username()), "user name '" + user.username() + "' is not an id");
            require(user.password() != null && HASH.matcher(user.password()).matches(),
                    "user '" + user.username() + "': the password must be a password-encoder hash like {bcrypt}…");
            require(ROLES.contains(user.role()), "user '" + user.username() + "': unknown role " + user.role());
            if (cityAnalyst(user)) {
                require(user.city() != null && CITY.matcher(user.city()).matches(), "user '" + user.username()
                        + "': role CITY_ANALYST needs a city (an id like " + ApiFormats.DISTRICT + ")");
                require(blank(user.district()) && blank(user.unit()), "user '" + user.username()
                        + "': role CITY_ANALYST belongs to no district: leave out district and unit");
            } else {
                require(blank(user.city()), "user '" + user.username() + "': city is for role CITY_ANALYST only, not "
                        + user.role());
                require(Ids.valid(user.district()), "user '" + user.username() + "': district missing or not an id");
                boolean staff = Role.valueOf(user.role()).needsUnit();
                require(!staff || Ids.valid(user.unit()),
                        "user '" + user.username() + "': role " + user.role() + " needs a unit");
            }
            require(users.put(user.username(), user) == null, "user '" + user.username() + "' twice");
        }
    }

    public List<AuthSettings.Client> clients() {
        return List.copyOf(clients.values());
    }

    public List<AuthSettings.User> users() {
        return List.copyOf(users.values());
    }

    /** Whether a seeded role makes a staff account (else a resident one). */
    static boolean staff(AuthSettings.User user) {
        return Role.valueOf(user.role()).needsUnit() || cityAnalyst(user);
    }

    /** Whether the seed is a city's analyst (a staff account of no district). */
    static boolean cityAnalyst(AuthSettings.User user) {
        return Role.CITY_ANALYST.name().equals(user.role());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("practice.auth: " + message);
        }
    }
}
