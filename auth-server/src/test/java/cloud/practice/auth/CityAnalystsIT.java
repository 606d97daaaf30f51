package cloud.practice.auth;

import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.JwtCallers;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.security.SecuritySettings;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cities' analysts (issue 25) over real HTTP, with real Kafka and the MongoDB-wire stand-in: only a platform-wide
 * machine client administers them (a district's admin and a district's client with {@code people:admin} are refused,
 * and so is the analyst); a bad or taken field stores nothing; the analyst logs in through the login form
 * (authorization code + PKCE) and gets the city and nothing of a district — in the token, to the services' reading of
 * it, on a refresh and on their own page — and is in no district's list; the tree's grant naming the account changes
 * nothing; a reset password replaces the old one; once disabled, the next login and refresh fail; every change is
 * audited in the city.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class CityAnalystsIT {

    static final String D = "ca-" + UUID.randomUUID().toString().substring(0, 6);
    static final String REDIRECT = "http://127.0.0.1:8765/callback";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String WEB_SECRET = "web-app-secret";
    static final String OPS_SECRET = "ops-secret-1";
    static final String DISTRICT_CLIENT_SECRET = "district-client-secret-1";
    static final String ALL_SCOPES = String.join(" ", Scopes.ALL);
    static Path keyFile;

    @LocalServerPort
    int port;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("city-analysts-it");
        keyFile = dir.resolve("signing-key.json");
        registry.add("practice.auth.key-file", keyFile::toString);
        registry.add("practice.auth.sms.outbox-file", () -> dir.resolve("sms-outbox.jsonl").toString());
        // A confidential web app (authorization code + PKCE + refresh tokens; public clients get no refresh token).
        registry.add("practice.auth.clients[0].client-id", () -> "web-app");
        registry.add("practice.auth.clients[0].secret", () -> hash(WEB_SECRET));
        registry.add("practice.auth.clients[0].grant-types[0]", () -> "authorization_code");
        registry.add("practice.auth.clients[0].redirect-uris[0]", () -> REDIRECT);
        for (int i = 0; i < Scopes.ALL.size(); i++) {
            int index = i;
            registry.add("practice.auth.clients[0].scopes[" + i + "]", () -> Scopes.ALL.get(index));
        }
        // The platform's operators' tool (no district) and a district's own client, both with people:admin.
        registry.add("practice.auth.clients[1].client-id", () -> "platform-ops");
        registry.add("practice.auth.clients[1].secret", () -> hash(OPS_SECRET));
        registry.add("practice.auth.clients[1].scopes[0]", () -> Scopes.PEOPLE_ADMIN);
        registry.add("practice.auth.clients[2].client-id", () -> "district-ops");
        registry.add("practice.auth.clients[2].secret", () -> hash(DISTRICT_CLIENT_SECRET));
        registry.add("practice.auth.clients[2].district", () -> D);
        registry.add("practice.auth.clients[2].scopes[0]", () -> Scopes.PEOPLE_ADMIN);
        registry.add("practice.auth.users[0].username", () -> "admin-" + D);
        registry.add("practice.auth.users[0].password", () -> hash(ADMIN_PASSWORD));
        registry.add("practice.auth.users[0].role", () -> "DISTRICT_ADMIN");
        registry.add("practice.auth.users[0].district", () -> D);
        registry.add("practice.auth.users[0].unit", () -> "center");
    }

    static String hash(String secret) {
        return "{bcrypt}" + new BCryptPasswordEncoder().encode(secret);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    String base() {
        return "http://localhost:" + port;
    }

    IssuerCalls issuer() {
        return new IssuerCalls(base(), keyFile);
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return issuer().call(method, path, token, body);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return issuer().body(response);
    }

    String ops() throws Exception {
        return issuer().clientToken("platform-ops", OPS_SECRET);
    }

    static String city() {
        return "ct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newAnalyst(String loginName, String city) {
        return "{\"loginName\":\"" + loginName + "\",\"displayName\":\"陈分析\",\"cityId\":\"" + city + "\"}";
    }

    /** Creates a city's analyst with the platform's client; answers {accountId, loginName, initialPassword}. */
    JsonNode create(String city) throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/people/city-analysts", ops(),
                newAnalyst("city-" + UUID.randomUUID().toString().substring(0, 8), city));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created);
    }

    /** The city's list as the platform's client reads it. */
    JsonNode list(String city) throws Exception {
        HttpResponse<String> page = call("GET", "/api/v1/people/city-analysts?city=" + city + "&size=500", ops(), null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return body(page);
    }

    /** A browser with its own session, walking the authorization code flow with PKCE for client web-app. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();

        /** The login form's answer: a redirect back to the authorization request, or to {@code /login?error}. */
        HttpResponse<String> logIn(String name, String password, String scope) throws Exception {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                    .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse<String> toLogin = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/authorize?"
                    + IssuerCalls.form(Map.of("response_type", "code", "client_id", "web-app", "redirect_uri",
                    REDIRECT, "state", "s", "scope", scope, "code_challenge", challenge,
                    "code_challenge_method", "S256")))).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            String page = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(IssuerCalls.form(Map.of("username", name,
                            "password", password, "_csrf", csrf.group(1))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            return loggedIn;
        }

        /** Logs in and takes the code to the token endpoint: the tokens (access, refresh, id). */
        JsonNode tokens(String name, String password, String scope) throws Exception {
            String location = logIn(name, password, scope).headers().firstValue("Location").orElseThrow();
            assertThat(location).as("logged in").doesNotContain("error");
            String redirect = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
            assertThat(redirect).startsWith(REDIRECT);
            HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code",
                    "code", IssuerCalls.parameter(redirect, "code"), "redirect_uri", REDIRECT,
                    "code_verifier", verifier));
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            return issuer().body(tokens);
        }
    }

    HttpResponse<String> token(Map<String, String> form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("web-app:" + WEB_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(IssuerCalls.form(form))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    /** The token is a city's analyst's of that city, with nothing of a district, and only reports:read. */
    void assertCityAnalyst(String token, String accountId, String city) throws Exception {
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo(accountId);
        assertThat(claims.getStringClaim("practice_role")).isEqualTo("CITY_ANALYST");
        assertThat(claims.getStringClaim("practice_city")).isEqualTo(city);
        assertThat(claims.getClaims()).as("nothing of a district").doesNotContainKeys("practice_district",
                "practice_unit", "practice_volunteer", "practice_grant");
        assertThat(claims.getStringClaim("scope")).as("cut to the role's scopes, whatever was asked for")
                .isEqualTo(Scopes.REPORTS_READ);
        // How every service reads it: checked by the issuer's decoder, mapped by service-support's JwtCallers.
        Caller caller = (Caller) new JwtCallers(SecuritySettings.Claims.of("sub", "practice_role",
                "practice_district", "practice_unit")).convert(decoder.decode(token)).getPrincipal();
        assertThat(caller.role()).isEqualTo(Role.CITY_ANALYST);
        assertThat(caller.cityId()).isEqualTo(city);
        assertThat(caller.districtId()).isNull();
        assertThat(caller.unitId()).isNull();
        assertThat(caller.analysesCity(city)).isTrue();
    }

    /** Publishes a hierarchy fact of district D, as hierarchy-service does. */
    static void tree(ManagerAssigned event) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new CloudEventCodec().encode(new GenericDomainEventMessage<>("OrgTree", D, 0, event)));
        }
    }

    List<Document> auditOf(String accountId) {
        return mongo.getDb().getCollection("people_audit").find(eq("targetId", accountId))
                .into(new ArrayList<>());
    }

    // --- tests ----------------------------------------------------------------------------------------------------

    @Test
    void shouldLetOnlyThePlatformsOperatorsAdministerCitiesAnalysts() throws Exception {
        String city = city();
        String ops = ops();
        String districtAdmin = new Browser().tokens("admin-" + D, ADMIN_PASSWORD, "openid people:admin")
                .get("access_token").asText();
        String districtClient = issuer().clientToken("district-ops", DISTRICT_CLIENT_SECRET);
        assertThat(claims(districtAdmin).getStringClaim("scope")).contains(Scopes.PEOPLE_ADMIN);
        assertThat(claims(districtClient).getStringClaim("scope")).contains(Scopes.PEOPLE_ADMIN);
        JsonNode analyst = create(city);
        String analystId = analyst.get("accountId").asText();
        String analystToken = new Browser().tokens(analyst.get("loginName").asText(),
                analyst.get("initialPassword").asText(), "openid " + ALL_SCOPES).get("access_token").asText();
        String analystWithAdminScope = issuer().withScope(analystToken, Scopes.PEOPLE_ADMIN);

        String body = newAnalyst("city-" + UUID.randomUUID().toString().substring(0, 8), city);
        assertThat(call("POST", "/api/v1/people/city-analysts", null, body).statusCode()).isEqualTo(401);
        Map<String, String> refused = Map.of("a district's admin", districtAdmin, "a district's client",
                districtClient, "a city's analyst, with the scope", analystWithAdminScope);
        for (Map.Entry<String, String> caller : refused.entrySet()) {
            for (String[] request : List.of(new String[] {"POST", "/api/v1/people/city-analysts", body},
                    new String[] {"GET", "/api/v1/people/city-analysts?city=" + city, null},
                    new String[] {"POST", "/api/v1/people/city-analysts/" + analystId + "/reset", null},
                    new String[] {"POST", "/api/v1/people/city-analysts/" + analystId + "/disable", null})) {
                HttpResponse<String> answer = call(request[0], request[1], caller.getValue(), request[2]);
                assertThat(answer.statusCode()).as(caller.getKey() + ": " + request[0] + " " + request[1])
                        .isEqualTo(403);
                assertThat(IssuerCalls.type(body(answer))).as(caller.getKey()).isEqualTo("not-people-admin");
            }
        }
        HttpResponse<String> withoutScope = call("POST", "/api/v1/people/city-analysts", analystToken, body);
        assertThat(withoutScope.statusCode()).as("a city's analyst's own token").isEqualTo(403);
        assertThat(IssuerCalls.type(body(withoutScope))).isEqualTo("insufficient-scope");
        JsonNode listed = list(city);
        assertThat(listed.get("total").asLong()).as("none of the refused calls stored one").isEqualTo(1);
        assertThat(listed.get("items").get(0).get("accountId").asText()).isEqualTo(analystId);
        assertThat(listed.get("items").get(0).get("status").asText()).as("none disabled it").isEqualTo("ACTIVE");
        assertThat(listed.toString()).as("no mobiles, no passwords").doesNotContain("mobile")
                .doesNotContain(analyst.get("initialPassword").asText());

        // Bad fields: 400 naming the field, a taken login name: 409; nothing stored either way.
        String other = city();
        Map<String, String> bad = Map.of(
                "loginName", newAnalyst("bad name", other),
                "displayName", newAnalyst("city-ok-1", other).replace("陈分析", ""),
                "cityId", newAnalyst("city-ok-2", "Chongqing"));
        for (Map.Entry<String, String> field : bad.entrySet()) {
            HttpResponse<String> answer = call("POST", "/api/v1/people/city-analysts", ops, field.getValue());
            assertThat(answer.statusCode()).as(field.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(field.getKey()).contains("\"field\":\"" + field.getKey() + "\"");
        }
        for (String badCity : List.of("c", "cq_1", "-cq", "cq/../d")) {
            HttpResponse<String> answer = call("POST", "/api/v1/people/city-analysts", ops,
                    newAnalyst("city-ok-3", badCity));
            assertThat(answer.statusCode()).as(badCity).isEqualTo(400);
            assertThat(answer.body()).as(badCity).contains("cityId");
        }
        HttpResponse<String> control = call("POST", "/api/v1/people/city-analysts", ops,
                newAnalyst("city-ok-4", other).replace("陈分析", "陈\\u0007分析"));
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(control.body()).contains("displayName");
        HttpResponse<String> noCity = call("POST", "/api/v1/people/city-analysts", ops,
                "{\"loginName\":\"city-ok-5\",\"displayName\":\"陈分析\"}");
        assertThat(noCity.statusCode()).isEqualTo(400);
        assertThat(noCity.body()).contains("cityId");
        for (String taken : List.of("admin-" + D, analyst.get("loginName").asText())) {
            HttpResponse<String> answer = call("POST", "/api/v1/people/city-analysts", ops, newAnalyst(taken, other));
            assertThat(answer.statusCode()).as(taken).isEqualTo(409);
            assertThat(IssuerCalls.type(body(answer))).isEqualTo("login-name-taken");
        }
        assertThat(list(other).get("total").asLong()).as("nothing stored").isZero();
        assertThat(list(city).get("total").asLong()).isEqualTo(1);
        assertThat(call("GET", "/api/v1/people/city-analysts?city=Chongqing", ops, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/people/city-analysts?city=" + city + "&size=501", ops, null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/v1/people/city-analysts", ops, null).statusCode()).as("the city is required")
                .isEqualTo(400);

        String adminId = claims(districtAdmin).getSubject();
        for (String notOne : List.of(adminId, "acc-" + UUID.randomUUID())) {
            assertThat(call("POST", "/api/v1/people/city-analysts/" + notOne + "/reset", ops, null).statusCode())
                    .as("not a city's analyst: " + notOne).isEqualTo(404);
            assertThat(call("POST", "/api/v1/people/city-analysts/" + notOne + "/disable", ops, null).statusCode())
                    .as("not a city's analyst: " + notOne).isEqualTo(404);
        }
        assertThat(call("GET", "/api/v1/people/me", districtAdmin, null).statusCode())
                .as("the district's admin was not disabled").isEqualTo(200);
    }

    @Test
    void shouldLogACityAnalystInWithTheCityAndNothingOfADistrictUntilDisabled() throws Exception {
        String city = city();
        JsonNode created = create(city);
        String analystId = created.get("accountId").asText();
        String loginName = created.get("loginName").asText();
        String initial = created.get("initialPassword").asText();
        assertThat(analystId).startsWith("acc-");

        JsonNode first = new Browser().tokens(loginName, initial, "openid " + ALL_SCOPES);
        assertCityAnalyst(first.get("access_token").asText(), analystId, city);
        JWTClaimsSet id = claims(first.get("id_token").asText());
        assertThat(id.getStringClaim("practice_city")).isEqualTo(city);
        assertThat(id.getClaims()).doesNotContainKey("practice_district");
        JsonNode me = body(call("GET", "/api/v1/people/me", first.get("access_token").asText(), null));
        assertThat(me.get("role").asText()).isEqualTo("CITY_ANALYST");
        assertThat(me.get("city").asText()).isEqualTo(city);
        assertThat(me.hasNonNull("district")).as("no district").isFalse();
        assertThat(me.get("mustChangePassword").asBoolean()).isTrue();

        // The analyst changes the password handed out; the old one stops.
        HttpResponse<String> changed = call("POST", "/api/v1/people/me/password", first.get("access_token").asText(),
                "{\"current\":\"" + initial + "\",\"new\":\"city-analyst-pass-1\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(new Browser().logIn(loginName, initial, "openid").headers().firstValue("Location").orElseThrow())
                .as("the first password").endsWith("/login?error");
        JsonNode second = new Browser().tokens(loginName, "city-analyst-pass-1", "openid reports:read");
        assertCityAnalyst(second.get("access_token").asText(), analystId, city);
        assertThat(body(call("GET", "/api/v1/people/me", second.get("access_token").asText(), null))
                .get("mustChangePassword").asBoolean()).isFalse();

        // The tree names the account as a manager of D: once that is recorded, the analyst is still only that.
        String districtAdmin = new Browser().tokens("admin-" + D, ADMIN_PASSWORD, "openid people:admin")
                .get("access_token").asText();
        tree(new ManagerAssigned("center", D, analystId, "DISTRICT_ADMIN", LocalDate.of(2026, 3, 1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> body(call("GET", "/api/v1/people/audit?district=" + D
                + "&size=500", districtAdmin, null)).toString().contains("\"targetId\":\"" + analystId + "\""));
        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token",
                "refresh_token", second.get("refresh_token").asText()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode refreshedTokens = body(refreshed);
        assertCityAnalyst(refreshedTokens.get("access_token").asText(), analystId, city);
        JsonNode accounts = body(call("GET", "/api/v1/people/accounts?district=" + D + "&size=500", districtAdmin,
                null));
        assertThat(accounts.get("total").asLong()).as("the district's own admin is listed").isGreaterThanOrEqualTo(1);
        assertThat(accounts.toString()).as("in no district's list").doesNotContain(analystId);

        // A new password from the platform's operators: shown once; the analyst's chosen one stops.
        HttpResponse<String> reset = call("POST", "/api/v1/people/city-analysts/" + analystId + "/reset", ops(), null);
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        String newPassword = body(reset).get("password").asText();
        assertThat(newPassword).hasSize(16);
        assertThat(new Browser().logIn(loginName, "city-analyst-pass-1", "openid").headers().firstValue("Location")
                .orElseThrow()).endsWith("/login?error");
        JsonNode third = new Browser().tokens(loginName, newPassword, "openid reports:read");
        assertCityAnalyst(third.get("access_token").asText(), analystId, city);

        // Disabled: the next login and the next refresh fail, the API no longer knows the account.
        String refreshToken = refreshedTokens.path("refresh_token").asText(second.get("refresh_token").asText());
        assertThat(call("POST", "/api/v1/people/city-analysts/" + analystId + "/disable", ops(), null).statusCode())
                .isEqualTo(204);
        assertThat(new Browser().logIn(loginName, newPassword, "openid").headers().firstValue("Location")
                .orElseThrow()).as("a disabled analyst cannot log in").endsWith("/login?error");
        HttpResponse<String> refused = token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refused.statusCode()).as("refresh stops").isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
        assertThat(call("GET", "/api/v1/people/me", third.get("access_token").asText(), null).statusCode())
                .isEqualTo(404);
        assertThat(list(city).get("items").get(0).get("status").asText()).isEqualTo("DISABLED");

        List<Document> audit = auditOf(analystId);
        assertThat(audit).extracting(d -> d.getString("action")).contains("city-analyst-created", "password-set",
                "password-reset", "city-analyst-disabled");
        assertThat(audit).filteredOn(d -> !"hierarchy".equals(d.getString("actor"))).allSatisfy(d -> {
            assertThat(d.getString("cityId")).isEqualTo(city);
            assertThat(d.getString("districtId")).isNull();
        });
        assertThat(audit).filteredOn(d -> d.getString("action").startsWith("city-analyst-")
                || d.getString("action").equals("password-reset")).extracting(d -> d.getString("actor"))
                .containsOnly("platform-ops");
        assertThat(audit.toString()).doesNotContain(initial).doesNotContain(newPassword)
                .doesNotContain("city-analyst-pass-1");
    }
}
