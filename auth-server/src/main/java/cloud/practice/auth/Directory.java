package cloud.practice.auth;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured clients and users, checked once at start: ids are ids, secrets and passwords are hashes, roles are
 * known, scoped roles name their district and unit. A bad entry stops the start with a message naming it — better
 * than a token that cannot be scoped later.
 */
public final class Directory implements UserDetailsService {

    static final Set<String> ROLES = Set.of("DISTRICT_ADMIN", "INSTITUTE_ADMIN", "STATION_ADMIN", "TEAM_LEADER",
            "VOLUNTEER", "RESIDENT", "ANALYST");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}");
    private static final Pattern HASH = Pattern.compile("\\{(bcrypt|argon2@SpringSecurity_v5_8|argon2|"
            + "pbkdf2@SpringSecurity_v5_8|pbkdf2|scrypt@SpringSecurity_v5_8|scrypt)}.+");

    private final Map<String, AuthSettings.Client> clients = new LinkedHashMap<>();
    private final Map<String, AuthSettings.User> users = new LinkedHashMap<>();
    private final AuthSettings settings;

    public Directory(AuthSettings settings) {
        this.settings = settings;
        for (AuthSettings.Client client : settings.clients()) {
            require(client.clientId() != null && ID.matcher(client.clientId()).matches(),
                    "client id '" + client.clientId() + "' is not an id");
            boolean publicClient = client.secret() == null || client.secret().isBlank();
            require(publicClient || HASH.matcher(client.secret()).matches(),
                    "client '" + client.clientId() + "': the secret must be a password-encoder hash like {bcrypt}…");
            require(!publicClient || client.grantTypes().equals(List.of("authorization_code")),
                    "client '" + client.clientId() + "': a client without a secret may only use authorization_code");
            require(client.district() == null || client.district().isBlank() || ID.matcher(client.district()).matches(),
                    "client '" + client.clientId() + "': district is not an id");
            require(clients.put(client.clientId(), client) == null, "client '" + client.clientId() + "' twice");
        }
        for (AuthSettings.User user : settings.users()) {
            require(user.username() != null && ID.matcher(user.username()).matches(),
                    "user name '" + user.username() + "' is not an id");
            require(user.password() != null && HASH.matcher(user.password()).matches(),
                    "user '" + user.username() + "': the password must be a password-encoder hash like {bcrypt}…");
            require(ROLES.contains(user.role()), "user '" + user.username() + "': unknown role " + user.role());
            require(user.district() != null && ID.matcher(user.district()).matches(),
                    "user '" + user.username() + "': district missing or not an id");
            boolean scoped = user.role().endsWith("_ADMIN") || user.role().equals("ANALYST");
            require(!scoped || user.unit() != null && ID.matcher(user.unit()).matches(),
                    "user '" + user.username() + "': role " + user.role() + " needs a unit");
            require(users.put(user.username(), user) == null, "user '" + user.username() + "' twice");
        }
    }

    public Optional<AuthSettings.Client> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public Optional<AuthSettings.User> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AuthSettings.User user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(user.username()).password(user.password()).roles(user.role()).build();
    }

    public InMemoryRegisteredClientRepository registeredClients() {
        List<RegisteredClient> registered = clients.values().stream().map(this::registered).toList();
        // Spring's in-memory repository refuses an empty list; a placeholder that can never authenticate keeps a
        // deployment without clients (all humans, or none yet) starting.
        return new InMemoryRegisteredClientRepository(registered.isEmpty()
                ? List.of(RegisteredClient.withId("none").clientId("none")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/none").build())
                : registered);
    }

    private RegisteredClient registered(AuthSettings.Client client) {
        boolean publicClient = client.secret() == null || client.secret().isBlank();
        RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenTtl()).build())
                .clientSettings(ClientSettings.builder().requireProofKey(publicClient)
                        .requireAuthorizationConsent(false).build());
        if (publicClient) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        for (String grant : client.grantTypes()) {
            builder.authorizationGrantType(new AuthorizationGrantType(grant));
            if (grant.equals("authorization_code")) {
                builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("openid");
            }
        }
        client.redirectUris().forEach(builder::redirectUri);
        return builder.build();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("practice.auth: " + message);
        }
    }
}
