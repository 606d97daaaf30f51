package cloud.practice.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Who may get tokens ({@code practice.auth.*}). Clients and users come from configuration only; secrets and passwords
 * are stored as password-encoder hashes ({@code {bcrypt}…}), never in clear. The default profile has none at all:
 * production supplies its own (or uses another OIDC provider); the {@code local} profile seeds the demo district's.
 *
 * @param issuer         the {@code iss} of every token and the base of the discovery document
 * @param audience       put into {@code aud} of every access token; the services require it
 * @param accessTokenTtl how long an access token lives
 * @param keyFile        where the RSA signing key is kept (JWK JSON); empty = a new key at every start
 * @param clients        machine clients and browser apps
 * @param users          people who log in
 * @param brake          the brake on guessing passwords and client secrets
 */
@ConfigurationProperties("practice.auth")
public record AuthSettings(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("practice-cloud") String audience,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("") String keyFile,
        @DefaultValue List<Client> clients,
        @DefaultValue List<User> users,
        @DefaultValue Brake brake) {

    /**
     * Failures are counted per account (user name or client id, known or not) and per client address; at the
     * threshold the account or address is locked for {@code firstLockout}, doubling with every further failure up to
     * {@code maxLockout}. While locked even the right secret is refused. A success resets the account's count (never
     * the address's); counts nobody adds to for {@code forgetAfter} are forgotten. Kept in memory per instance.
     *
     * @param accountFailures failures of one account before it is locked
     * @param addressFailures failures from one address (over all accounts) before it is locked
     * @param firstLockout    the first lockout; each further failure doubles it
     * @param maxLockout      the longest lockout
     * @param forgetAfter     a count without new failures for this long starts again from zero (above maxLockout)
     * @param maxTracked      accounts and addresses remembered at most (memory bound)
     */
    public record Brake(@DefaultValue("5") int accountFailures, @DefaultValue("20") int addressFailures,
                        @DefaultValue("30s") Duration firstLockout, @DefaultValue("15m") Duration maxLockout,
                        @DefaultValue("1h") Duration forgetAfter, @DefaultValue("100000") int maxTracked) {

        public Brake {
            if (accountFailures < 1 || addressFailures < 1 || maxTracked < 1 || firstLockout.isNegative()
                    || firstLockout.isZero() || maxLockout.compareTo(firstLockout) < 0
                    || forgetAfter.compareTo(maxLockout) < 0) {
                throw new IllegalStateException("practice.auth.brake: thresholds and maxTracked must be positive, "
                        + "0 < firstLockout <= maxLockout <= forgetAfter");
            }
        }

        public static Brake defaults() {
            return new Brake(5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1), 100_000);
        }
    }

    /**
     * @param clientId     the id (also the {@code sub} of its tokens)
     * @param secret       hash of the secret; empty for a public client (then PKCE is required)
     * @param district     the district it acts in; empty = every district (operators' tools)
     * @param scopes       what it may be granted
     * @param grantTypes   client_credentials (machines) or authorization_code (apps acting for people)
     * @param redirectUris where authorization codes may be sent
     */
    public record Client(String clientId, String secret, String district, List<String> scopes,
                         @DefaultValue("client_credentials") List<String> grantTypes,
                         @DefaultValue List<String> redirectUris) {
    }

    /**
     * @param username the login name and {@code sub}; for volunteers their volunteer id
     * @param password hash of the password
     * @param role     DISTRICT_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN, TEAM_LEADER, VOLUNTEER, RESIDENT or ANALYST
     * @param district the district they belong to
     * @param unit     the unit whose subtree their role covers (admins, analysts)
     * @param scopes   the most their tokens may carry
     */
    public record User(String username, String password, String role, String district, String unit,
                       List<String> scopes) {
    }
}
