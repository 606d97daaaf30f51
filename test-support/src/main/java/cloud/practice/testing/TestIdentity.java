package cloud.practice.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real token issuer for tests, one per JVM: an RSA key, a JWKS endpoint and a client-credentials token endpoint on
 * a loopback HTTP server. Services under test validate its tokens exactly as they validate the auth-server's
 * (signature via JWKS over HTTP, issuer, audience, expiry); tests mint tokens for any role, scope and unit, and
 * broken ones (expired, wrong audience, foreign key) for the refusal tests.
 */
public final class TestIdentity {

    public static final String AUDIENCE = "practice-cloud";
    /** Every scope of the API (kept equal to service-support's Scopes.ALL by a test there). */
    public static final List<String> ALL_SCOPES = List.of("hierarchy:read", "hierarchy:admin", "volunteers:read",
            "volunteers:write", "requests:read", "requests:write", "reports:read", "people:admin", "notices:read",
            "notices:write");

    private static volatile TestIdentity instance;

    private record Client(String secret, String role, String district, List<String> scopes) {
    }

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer server;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public static TestIdentity get() {
        if (instance == null) {
            synchronized (TestIdentity.class) {
                if (instance == null) {
                    instance = new TestIdentity();
                }
            }
        }
        return instance;
    }

    private TestIdentity() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            foreignKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> respond(exchange, 200,
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuer() + "/jwks";
    }

    public String tokenUri() {
        return issuer() + "/token";
    }

    /** Command-line arguments pointing an application started by hand (SpringApplicationBuilder) at this issuer. */
    public List<String> springArguments() {
        return List.of("--practice.security.jwk-set-uri=" + jwkSetUri(), "--practice.security.issuer=" + issuer(),
                "--practice.security.grant-uri=" + tokenUri());
    }

    /**
     * A valid token for ten minutes. {@code district} and {@code unit} may be null. A volunteer's (or team leader's)
     * {@code user} is their registry id: it is both the subject and the {@code practice_volunteer} claim.
     */
    public String token(String user, String role, String district, String unit, List<String> scopes) {
        return sign(claims(user, role, district, unit, scopes).build());
    }

    /** A platform-wide machine client with every scope: what tests use when access is not what they test. */
    public String platformToken() {
        return token("test-platform", "SYSTEM", null, null, ALL_SCOPES);
    }

    /** A city's analyst: claim {@code practice_city}, no district, reports only (what the issuer gives the role). */
    public String cityAnalystToken(String user, String city) {
        return sign(claims(user, "CITY_ANALYST", null, null, List.of("reports:read")).claim("practice_city", city)
                .build());
    }

    /** The claims of a valid token, to change before {@link #sign}. */
    public JWTClaimsSet.Builder claims(String user, String role, String district, String unit, List<String> scopes) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .subject(user)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", String.join(" ", scopes))
                .claim("practice_role", role);
        if (district != null) {
            claims.claim("practice_district", district);
        }
        if (unit != null) {
            claims.claim("practice_unit", unit);
        }
        if (role.equals("VOLUNTEER") || role.equals("TEAM_LEADER")) {
            // Tests name a volunteer by registry id; the issuer puts the person's registry id beside their account.
            claims.claim("practice_volunteer", user);
        }
        return claims;
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed by a key the JWKS does not publish (same key id): must be refused. */
    public String signWithForeignKey(JWTClaimsSet claims) {
        return sign(claims, foreignKey);
    }

    /** A machine client the token endpoint accepts (client credentials, HTTP Basic). */
    public void registerClient(String clientId, String secret, String district, List<String> scopes) {
        clients.put(clientId, new Client(secret, "SYSTEM", district, List.copyOf(scopes)));
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod()) || authorization == null
                || !authorization.startsWith("Basic ")) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String[] credentials = new String(Base64.getDecoder().decode(authorization.substring(6)),
                StandardCharsets.UTF_8).split(":", 2);
        Client client = credentials.length == 2 ? clients.get(java.net.URLDecoder.decode(credentials[0],
                StandardCharsets.UTF_8)) : null;
        if (client == null || !client.secret().equals(java.net.URLDecoder.decode(credentials[1],
                StandardCharsets.UTF_8))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = token(java.net.URLDecoder.decode(credentials[0], StandardCharsets.UTF_8), client.role(),
                client.district(), null, client.scopes());
        respond(exchange, 200, json.writeValueAsString(Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", 600)));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
