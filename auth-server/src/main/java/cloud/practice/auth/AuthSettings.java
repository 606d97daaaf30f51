package cloud.practice.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The issuer's settings ({@code practice.auth.*}).
 *
 * <p><b>People and machine clients live in the people directory</b> (MongoDB, database {@code people}): residents
 * sign themselves up with a mobile number and a one-time code, district admins create staff accounts and register
 * machine clients through {@code /api/v1/people/**} and {@code /api/v1/clients/**}. {@code clients} and
 * {@code users} here are only a <em>first-start seed</em> — the first district admin's way in (and the local demo's
 * identities): each is imported into the directory when absent (audited as actor {@code bootstrap}) and never
 * overwrites what was changed since. Secrets and passwords are password-encoder hashes ({@code {bcrypt}…}), never
 * clear text. The default profile seeds nothing.
 *
 * @param issuer            the {@code iss} of every token and the base of the discovery document
 * @param audience          put into {@code aud} of every access token; the services (and this issuer's API) require it
 * @param accessTokenTtl    how long an access token lives
 * @param keyFile           where the RSA signing key is kept (JWK JSON); empty = a new key at every start
 * @param dataKeyFile       where the AES key sealing real-name details is kept; empty = a new key at every start
 * @param passwordMinLength the shortest password a person may choose
 * @param clients           machine clients and browser apps to seed
 * @param users             people to seed
 * @param brake             the brake on guessing passwords, codes and client secrets
 * @param codes             one-time codes by SMS
 * @param sms               how codes and notices are sent
 * @param notices           notices sent by SMS for the notification service (ADR 0023)
 */
@ConfigurationProperties("practice.auth")
public record AuthSettings(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("practice-cloud") String audience,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("") String keyFile,
        @DefaultValue("") String dataKeyFile,
        @DefaultValue("10") int passwordMinLength,
        @DefaultValue List<Client> clients,
        @DefaultValue List<User> users,
        @DefaultValue Brake brake,
        @DefaultValue Codes codes,
        @DefaultValue Sms sms,
        @DefaultValue Notices notices) {

    /** The settings with only the seeds, brake and defaults given (tests). */
    public static AuthSettings of(List<Client> clients, List<User> users) {
        return new AuthSettings("http://localhost:9000", "practice-cloud", Duration.ofMinutes(10), "", "", 10,
                clients, users, Brake.defaults(), Codes.defaults(), Sms.outbox(".run/auth/sms-outbox.jsonl"),
                Notices.defaults());
    }

    /**
     * One-time codes: six digits, live {@code ttl}, dead after {@code maxAttempts} wrong tries; a number gets one at
     * most every {@code resendAfter} and {@code perNumberPerHour} an hour, a client address {@code perAddressPerHour}.
     */
    public record Codes(@DefaultValue("5m") Duration ttl, @DefaultValue("5") int maxAttempts,
                        @DefaultValue("60s") Duration resendAfter, @DefaultValue("5") int perNumberPerHour,
                        @DefaultValue("20") int perAddressPerHour) {

        public Codes {
            if (ttl.isNegative() || ttl.isZero() || maxAttempts < 1 || resendAfter.isNegative()
                    || perNumberPerHour < 1 || perAddressPerHour < 1) {
                throw new IllegalStateException("practice.auth.codes: ttl, attempts and limits must be positive");
            }
        }

        public static Codes defaults() {
            return new Codes(Duration.ofMinutes(5), 5, Duration.ofSeconds(60), 5, 20);
        }
    }

    /**
     * @param provider        {@code outbox} (a JSON-lines file; the local default) or {@code aliyun} (Alibaba Cloud
     *                        SMS, SendSms with the RPC signature v1)
     * @param outboxFile      the outbox file
     * @param endpoint        the provider's API endpoint
     * @param regionId        the provider's region
     * @param accessKeyId     the provider's access key id (from the environment)
     * @param accessKeySecret the provider's access key secret (from the environment)
     * @param signName        the approved signature (短信签名)
     * @param templateCode    the approved template with a {@code ${code}} variable (短信模板)
     * @param noticeTemplateCode the approved notice template with a {@code ${text}} variable; empty = notices by SMS
     *                        fail with the aliyun provider (codes still go)
     * @param timeout         how long a send may take
     * @param reportToken     the shared secret the provider's delivery reports come with
     *                        ({@code POST /api/v1/people/sms/reports?token=}); empty = the endpoint answers 404 and
     *                        records nothing. At least {@value #MIN_REPORT_TOKEN} characters.
     */
    public record Sms(@DefaultValue("outbox") String provider,
                      @DefaultValue(".run/auth/sms-outbox.jsonl") String outboxFile,
                      @DefaultValue("https://dysmsapi.aliyuncs.com/") String endpoint,
                      @DefaultValue("cn-hangzhou") String regionId,
                      @DefaultValue("") String accessKeyId, @DefaultValue("") String accessKeySecret,
                      @DefaultValue("") String signName, @DefaultValue("") String templateCode,
                      @DefaultValue("") String noticeTemplateCode,
                      @DefaultValue("5s") Duration timeout,
                      @DefaultValue("") String reportToken) {

        /** A shared secret anyone could guess is no protection for an endpoint open to the internet. */
        public static final int MIN_REPORT_TOKEN = 16;

        public Sms {
            reportToken = reportToken == null ? "" : reportToken.strip();
            if (!reportToken.isEmpty() && reportToken.length() < MIN_REPORT_TOKEN) {
                throw new IllegalStateException("practice.auth.sms.report-token (PRACTICE_AUTH_SMS_REPORT_TOKEN) must be "
                        + "at least " + MIN_REPORT_TOKEN + " characters, or empty to refuse delivery reports");
            }
        }

        public static Sms outbox(String file) {
            return new Sms("outbox", file, "https://dysmsapi.aliyuncs.com/", "cn-hangzhou", "", "", "", "", "",
                    Duration.ofSeconds(5), "");
        }
    }

    /**
     * Notices the notification service sends to an account's own number through the issuer
     * ({@code POST /api/v1/people/accounts/{id}/sms}).
     *
     * @param perAccountPerHour at most this many notices by SMS to one account in any hour (a brake on floods)
     */
    public record Notices(@DefaultValue("20") int perAccountPerHour) {

        public Notices {
            if (perAccountPerHour < 1) {
                throw new IllegalStateException("practice.auth.notices.per-account-per-hour must be positive");
            }
        }

        public static Notices defaults() {
            return new Notices(20);
        }
    }

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
     * @param clientId     the id (also the {@code sub} of its tokens); seeded once, then managed through the API
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
     * A person to seed. Staff roles become a STAFF account with that role and unit; RESIDENT, VOLUNTEER and
     * TEAM_LEADER become a RESIDENT account (a volunteer only once the registry links it); CITY_ANALYST a STAFF
     * account of no district that reads the city. Scopes follow the role ({@code Scopes.forRole}).
     *
     * @param username the login name, and the account id ({@code sub}) the seed is imported under
     * @param password hash of the password
     * @param role     DISTRICT_ADMIN, SUBCENTER_ADMIN, INSTITUTE_ADMIN, STATION_ADMIN, GRID_WORKER, ANALYST, or
     *                 RESIDENT / VOLUNTEER / TEAM_LEADER, or CITY_ANALYST
     * @param district the district they belong to; none for a CITY_ANALYST
     * @param unit     the unit of a staff role; none for a CITY_ANALYST
     * @param city     the city a CITY_ANALYST reads (an id like a district's); only for that role
     */
    public record User(String username, String password, String role, String district, String unit, String city) {
    }
}
