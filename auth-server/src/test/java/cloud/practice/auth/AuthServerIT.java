package cloud.practice.auth;

import cloud.practice.support.security.Caller;
import cloud.practice.support.security.JwtCallers;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.security.SecuritySettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default issuer over real HTTP: client credentials for machine clients, the authorization code flow with
 * PKCE and a login form for people, the platform's claims in every token, signatures checkable with the JWKS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@WithPlatformInfrastructure
class AuthServerIT {

    static Path keyDirectory;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JwtDecoder decoder;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        keyDirectory = Files.createTempDirectory("auth-keys");
        registry.add("practice.auth.key-file", () -> keyDirectory.resolve("signing-key.json").toString());
    }

    String base() {
        return "http://localhost:" + port;
    }

    HttpResponse<String> tokenRequest(String basicUser, String basicSecret, Map<String, String> form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (basicUser != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + basicSecret).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    SignedJWT verified(String token) throws Exception {
        String jwks = client.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature checks out with the published JWKS").isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("http://localhost:9000");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("practice-cloud");
        return jwt;
    }

    @Test
    void shouldIssueMachineClientsTheirScopesAndDistrict() throws Exception {
        HttpResponse<String> ops = tokenRequest("local-ops", "local-ops-secret", Map.of("grant_type", "client_credentials"));
        assertThat(ops.statusCode()).as(ops.body()).isEqualTo(200);
        SignedJWT opsToken = verified(json.readTree(ops.body()).get("access_token").asText());
        assertThat(opsToken.getJWTClaimsSet().getSubject()).isEqualTo("local-ops");
        assertThat(opsToken.getJWTClaimsSet().getStringClaim("practice_role")).isEqualTo("SYSTEM");
        assertThat(opsToken.getJWTClaimsSet().getClaim("practice_district")).as("platform-wide").isNull();
        assertThat(opsToken.getJWTClaimsSet().getStringClaim("scope").split(" ")).as("every scope")
                .containsExactlyInAnyOrderElementsOf(Scopes.ALL);

        HttpResponse<String> hotline = tokenRequest("demo-hotline", "demo-hotline-secret",
                Map.of("grant_type", "client_credentials", "scope", "requests:write"));
        SignedJWT hotlineToken = verified(json.readTree(hotline.body()).get("access_token").asText());
        assertThat(hotlineToken.getJWTClaimsSet().getStringClaim("practice_district")).isEqualTo("cq-jiulongpo");
        assertThat(hotlineToken.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("requests:write");
    }

    @Test
    void shouldRefuseWrongSecretsUnknownClientsAndUngrantedScopes() throws Exception {
        assertThat(tokenRequest("local-ops", "wrong", Map.of("grant_type", "client_credentials")).statusCode()).isEqualTo(401);
        assertThat(tokenRequest("nobody", "x", Map.of("grant_type", "client_credentials")).statusCode()).isEqualTo(401);
        HttpResponse<String> ungranted = tokenRequest("demo-hotline", "demo-hotline-secret",
                Map.of("grant_type", "client_credentials", "scope", "reports:read"));
        assertThat(ungranted.statusCode()).isEqualTo(400);
        assertThat(ungranted.body()).contains("invalid_scope");
        HttpResponse<String> publicClient = tokenRequest(null, null, Map.of("grant_type", "client_credentials",
                "client_id", "practice-console"));
        assertThat(publicClient.statusCode()).as("a public client gets no client-credentials token").isIn(400, 401);
        assertThat(publicClient.body()).doesNotContain("access_token");
    }

    @Test
    void shouldLogAPersonInWithPkceAndScopeTheirTokenToTheirRole() throws Exception {
        String verifier = "verifier-" + "x".repeat(50);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8765/callback";
        String authorize = base() + "/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "practice-console", "redirect_uri", redirect, "state", "s1",
                "scope", "openid requests:read requests:write reports:read",
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> toLogin = client.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String loginPage = client.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        // Without an icon of its own a browser asks the gateway for /favicon.ico, which only answers with a token.
        assertThat(loginPage).as("an icon declared").contains("<link rel=\"icon\"");
        HttpResponse<String> wrongPassword = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "resident-wang",
                        "password", "wrong", "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPassword.headers().firstValue("Location").orElseThrow()).contains("/login?error");

        loginPage = client.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> loggedIn = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "resident-wang",
                        "password", "practice-demo", "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> withCode = client.send(HttpRequest.newBuilder(
                URI.create(loggedIn.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = withCode.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect).contains("state=s1");
        String code = URLDecoderHelper.parameter(location, "code");

        HttpResponse<String> tokens = tokenRequest(null, null, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirect, "client_id", "practice-console", "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = json.readTree(tokens.body());
        SignedJWT access = verified(body.get("access_token").asText());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("resident-wang");
        assertThat(access.getJWTClaimsSet().getStringClaim("practice_role")).isEqualTo("RESIDENT");
        assertThat(access.getJWTClaimsSet().getStringClaim("practice_district")).isEqualTo("cq-jiulongpo");
        assertThat(List.of(access.getJWTClaimsSet().getStringClaim("scope").split(" ")))
                .as("reports:read was asked for but a resident may not have it")
                .containsExactlyInAnyOrder("requests:read", "requests:write");
        assertThat(body.has("id_token")).isTrue();

        HttpResponse<String> replay = tokenRequest(null, null, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirect, "client_id", "practice-console", "code_verifier", verifier));
        assertThat(replay.statusCode()).as("a code is good once").isEqualTo(400);
    }

    /** The people's ends' client (practice-web): a public client with PKCE, sent back only to the gateway's /app/. */
    @Test
    void shouldLogAPersonIntoThePeoplesEndsWithPkceAtAppOrTvAndNowhereElse() throws Exception {
        String gateway = "localhost:" + environment.getProperty("PRACTICE_GATEWAY_PORT", "8080");
        String tv = "http://" + gateway + "/app/tv.html";
        String verifier = "people-" + "v".repeat(50);
        String challenge = challengeOf(verifier);
        String scope = "openid hierarchy:read volunteers:write requests:read requests:write";

        HttpResponse<String> toLogin = get(authorizeUri("practice-web", tv, scope, challenge));
        assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loggedIn = logIn("resident-wang", "practice-demo");
        HttpResponse<String> withCode = get(loggedIn.headers().firstValue("Location").orElseThrow());
        String location = withCode.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("back to the TV page with a code, no consent screen between").startsWith(tv + "?")
                .contains("state=people");
        HttpResponse<String> tokens = tokenRequest(null, null, Map.of("grant_type", "authorization_code",
                "code", URLDecoderHelper.parameter(location, "code"), "redirect_uri", tv, "client_id", "practice-web",
                "code_verifier", verifier));
        assertThat(tokens.statusCode()).as("a public client: no secret, the verifier instead; " + tokens.body())
                .isEqualTo(200);
        SignedJWT access = verified(json.readTree(tokens.body()).get("access_token").asText());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("resident-wang");
        assertThat(List.of(access.getJWTClaimsSet().getStringClaim("scope").split(" ")))
                .containsExactlyInAnyOrder("hierarchy:read", "volunteers:write", "requests:read", "requests:write");

        // The same person, logged in, opening the app on the other local name: a code at once.
        String app = "http://127.0.0.1:" + gateway.substring("localhost:".length()) + "/app/";
        assertThat(get(authorizeUri("practice-web", app, scope, challenge)).headers().firstValue("Location")
                .orElseThrow()).startsWith(app + "?code=");

        for (String elsewhere : List.of("http://evil.example/app/", "http://" + gateway + ".evil.example/app/",
                "https://" + gateway + "/app/", "http://" + gateway + "/dashboard/", "http://" + gateway
                        + "/app/other.html", "http://" + gateway + "/app/tv.html/..", "http://localhost:1/app/")) {
            HttpResponse<String> refused = get(authorizeUri("practice-web", elsewhere, scope, challenge));
            assertThat(refused.statusCode()).as(elsewhere).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).as("never sent to " + elsewhere).isEmpty();
        }
        HttpResponse<String> withoutPkce = get(base() + "/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "practice-web", "redirect_uri", app, "state", "people", "scope", scope)));
        assertThat(withoutPkce.headers().firstValue("Location").orElseThrow()).as("PKCE is required")
                .startsWith(app).contains("error=invalid_request").doesNotContain("code=");
        HttpResponse<String> reports = get(authorizeUri("practice-web", app, "openid reports:read", challenge));
        assertThat(reports.headers().firstValue("Location").orElseThrow())
                .as("the people's ends are not given the analysts' scopes").contains("error=invalid_scope")
                .doesNotContain("code=");
    }

    /**
     * The staff console's client (practice-staff): sent back only to /app/console.html; it may ask for hierarchy:admin
     * and reports:read, and a station admin's token holds them; the people's client may not come back to the console.
     */
    @Test
    void shouldLogStaffIntoTheConsoleWithItsOwnClientAndScopes() throws Exception {
        String gateway = "localhost:" + environment.getProperty("PRACTICE_GATEWAY_PORT", "8080");
        String console = "http://" + gateway + "/app/console.html";
        String verifier = "staff-" + "v".repeat(50);
        String challenge = challengeOf(verifier);
        String scope = "openid hierarchy:read hierarchy:admin volunteers:read volunteers:write requests:read "
                + "requests:write reports:read";

        assertThat(get(authorizeUri("practice-web", console, "openid requests:read", challenge)).statusCode())
                .as("the people's client is never sent back to the console").isEqualTo(400);
        HttpResponse<String> toLogin = get(authorizeUri("practice-staff", console, scope, challenge));
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loggedIn = logIn("admin-station", "practice-demo");
        String location = get(loggedIn.headers().firstValue("Location").orElseThrow()).headers()
                .firstValue("Location").orElseThrow();
        assertThat(location).startsWith(console + "?");
        HttpResponse<String> tokens = tokenRequest(null, null, Map.of("grant_type", "authorization_code",
                "code", URLDecoderHelper.parameter(location, "code"), "redirect_uri", console,
                "client_id", "practice-staff", "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        SignedJWT access = verified(json.readTree(tokens.body()).get("access_token").asText());
        assertThat(List.of(access.getJWTClaimsSet().getStringClaim("scope").split(" ")))
                .contains("hierarchy:admin", "reports:read", "requests:write").doesNotContain("people:admin");
        assertThat(get(authorizeUri("practice-staff", "http://" + gateway + "/app/", scope, challenge)).statusCode())
                .as("the console's client is sent back to the console only").isEqualTo(400);
    }

    /**
     * The local seed's city analyst (analyst-city, city cq) logs into the dashboard like everyone else
     * (practice-dashboard, PKCE, the password form) and gets the city and nothing of a district, as service-support
     * reads the token.
     */
    @Test
    void shouldLogTheCitysAnalystIntoTheDashboardWithTheCityAndNoDistrict() throws Exception {
        String dashboard = "http://localhost:" + environment.getProperty("PRACTICE_GATEWAY_PORT", "8080")
                + "/dashboard/";
        String verifier = "city-" + "v".repeat(50);
        HttpResponse<String> toLogin = get(authorizeUri("practice-dashboard", dashboard, "openid reports:read",
                challengeOf(verifier)));
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> loggedIn = logIn("analyst-city", "practice-demo");
        String location = get(loggedIn.headers().firstValue("Location").orElseThrow()).headers()
                .firstValue("Location").orElseThrow();
        assertThat(location).startsWith(dashboard + "?");
        HttpResponse<String> tokens = tokenRequest(null, null, Map.of("grant_type", "authorization_code",
                "code", URLDecoderHelper.parameter(location, "code"), "redirect_uri", dashboard,
                "client_id", "practice-dashboard", "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String token = json.readTree(tokens.body()).get("access_token").asText();
        SignedJWT access = verified(token);
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("analyst-city");
        assertThat(access.getJWTClaimsSet().getStringClaim("practice_role")).isEqualTo("CITY_ANALYST");
        assertThat(access.getJWTClaimsSet().getStringClaim("practice_city")).isEqualTo("cq");
        assertThat(access.getJWTClaimsSet().getClaims()).doesNotContainKeys("practice_district", "practice_unit",
                "practice_volunteer", "practice_grant");
        assertThat(access.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("reports:read");
        Caller caller = (Caller) new JwtCallers(SecuritySettings.Claims.of("sub", "practice_role",
                "practice_district", "practice_unit")).convert(decoder.decode(token)).getPrincipal();
        assertThat(caller.role()).isEqualTo(Role.CITY_ANALYST);
        assertThat(caller.cityId()).isEqualTo("cq");
        assertThat(caller.districtId()).isNull();
        HttpResponse<String> accounts = client.send(HttpRequest.newBuilder(URI.create(base()
                + "/api/v1/people/accounts?district=cq-jiulongpo")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accounts.statusCode()).as("reports only: no district's people").isEqualTo(403);
    }

    static String challengeOf(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    String authorizeUri(String clientId, String redirect, String scope, String challenge) {
        return base() + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", redirect, "state", "people", "scope", scope, "code_challenge", challenge,
                "code_challenge_method", "S256"));
    }

    HttpResponse<String> get(String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The login form as a browser submits it; answers the redirect to where the person was going. */
    HttpResponse<String> logIn(String username, String password) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(get(base() + "/login").body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> loggedIn = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return loggedIn;
    }

    @Test
    void shouldPublishDiscoveryAndKeepItsKeyAcrossRestarts() throws Exception {
        JsonNode discovery = json.readTree(client.send(HttpRequest.newBuilder(
                URI.create(base() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(discovery.get("issuer").asText()).isEqualTo("http://localhost:9000");
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo("http://localhost:9000/oauth2/jwks");
        assertThat(Files.readString(keyDirectory.resolve("signing-key.json"))).contains("\"kty\":\"RSA\"");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    static final class URLDecoderHelper {
        static String parameter(String uri, String name) {
            for (String pair : URI.create(uri).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name)) {
                    return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("no " + name + " in " + uri);
        }
    }
}
