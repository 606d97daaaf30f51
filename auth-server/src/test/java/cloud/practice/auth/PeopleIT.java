package cloud.practice.auth;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole issuer with real Kafka and the MongoDB-wire stand-in: residents sign up by code and log in by code and
 * password through the real login form (authorization code + PKCE), the tree's ManagerAssigned makes a station admin
 * and its ManagerRevoked stops the refresh, the registry's link and erasure reach the tokens and the account, and the
 * administration API answers each caller as the access table says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class PeopleIT {

    static final String D = "pd-" + UUID.randomUUID().toString().substring(0, 6);
    static final String E = "pe-" + UUID.randomUUID().toString().substring(0, 6);
    static final String REDIRECT = "http://127.0.0.1:8765/callback";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String WEB_SECRET = "web-app-secret";
    static Path outbox;
    static Path keyFile;

    @LocalServerPort
    int port;
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("people-it");
        outbox = dir.resolve("sms-outbox.jsonl");
        keyFile = dir.resolve("signing-key.json");
        String admin = "{bcrypt}" + new BCryptPasswordEncoder().encode(ADMIN_PASSWORD);
        registry.add("practice.auth.sms.outbox-file", outbox::toString);
        registry.add("practice.auth.key-file", keyFile::toString);
        registry.add("practice.auth.codes.resend-after", () -> "0s");
        registry.add("practice.auth.codes.per-number-per-hour", () -> "50");
        registry.add("practice.auth.codes.per-address-per-hour", () -> "500");
        // A confidential web app (authorization code + PKCE + refresh tokens; public clients get no refresh token).
        registry.add("practice.auth.clients[0].client-id", () -> "web-app");
        registry.add("practice.auth.clients[0].secret", () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(WEB_SECRET));
        registry.add("practice.auth.clients[0].grant-types[0]", () -> "authorization_code");
        registry.add("practice.auth.clients[0].redirect-uris[0]", () -> REDIRECT);
        for (int i = 0; i < cloud.practice.support.security.Scopes.ALL.size(); i++) {
            int index = i;
            registry.add("practice.auth.clients[0].scopes[" + i + "]", () -> cloud.practice.support.security.Scopes.ALL.get(index));
        }
        seedUser(registry, 0, "admin-d", admin, "DISTRICT_ADMIN", D, "center");
        seedUser(registry, 1, "admin-e", admin, "DISTRICT_ADMIN", E, "center");
        seedUser(registry, 2, "institute-d", admin, "INSTITUTE_ADMIN", D, "center");
    }

    static void seedUser(DynamicPropertyRegistry registry, int i, String name, String hash, String role,
                         String district, String unit) {
        registry.add("practice.auth.users[" + i + "].username", () -> name);
        registry.add("practice.auth.users[" + i + "].password", () -> hash);
        registry.add("practice.auth.users[" + i + "].role", () -> role);
        registry.add("practice.auth.users[" + i + "].district", () -> district);
        registry.add("practice.auth.users[" + i + "].unit", () -> unit);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    String base() {
        return "http://localhost:" + port;
    }

    static long treeSequence = 0;

    /** Publishes hierarchy facts of district D's tree in order, as hierarchy-service does (one aggregate per district). */
    static synchronized void tree(DomainEvent... events) {
        publish("OrgTree", D, treeSequence, List.of(events));
        treeSequence += events.length;
    }

    static void publish(String type, String aggregateId, long firstSequence, List<? extends DomainEvent> events) {
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(codec.encode(new GenericDomainEventMessage<>(type, aggregateId, firstSequence + i,
                        events.get(i))));
            }
        }
    }

    static OrgUnitEstablished unit(String district, String unitId, OrgTier tier, String parent) {
        return new OrgUnitEstablished(unitId, district, unitId.toUpperCase(), unitId + "新时代文明实践", tier, parent,
                "500107000000", "重庆市九龙坡区", new GeoPoint(29.5, 106.5), Set.of(ServicePlatform.CULTURE),
                List.of(), LocalDate.of(2026, 1, 1));
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** The code of the last message the outbox holds for the number. */
    String lastCodeFor(String mobile) throws Exception {
        List<String> lines = Files.readAllLines(outbox);
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode line = json.readTree(lines.get(i));
            if (line.get("mobile").asText().equals(mobile)) {
                assertThat(line.has("at")).isTrue();
                Matcher digits = Pattern.compile("[0-9]{6}").matcher(line.get("text").asText());
                assertThat(digits.find()).isTrue();
                return digits.group();
            }
        }
        throw new AssertionError("no message to " + mobile);
    }

    long messagesTo(String mobile) throws Exception {
        if (!Files.exists(outbox)) {
            return 0;
        }
        return Files.readAllLines(outbox).stream().filter(line -> line.contains("\"" + mobile + "\"")).count();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A browser with its own session, walking the authorization code flow with PKCE for client web-app. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();

        String startAndCsrf(String scope) throws Exception {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse<String> toLogin = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/authorize?"
                    + form(Map.of("response_type", "code", "client_id", "web-app", "redirect_uri", REDIRECT,
                    "state", "s", "scope", scope, "code_challenge", challenge, "code_challenge_method", "S256"))))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            return csrf();
        }

        String csrf() throws Exception {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).contains("text/html").contains("UTF-8");
            assertThat(page.body()).contains("lang=\"zh-CN\"", "<label for=\"username\">", "/login/code/send",
                    "action=\"/login/code\"").doesNotContain("http://", "https://");
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            return csrf.group(1);
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** After a successful login: back to the authorization request, the code to the app, tokens for it. */
        JsonNode finish(HttpResponse<String> loggedIn) throws Exception {
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            String location = loggedIn.headers().firstValue("Location").orElseThrow();
            assertThat(location).as("logged in").doesNotContain("error");
            HttpResponse<String> withCode = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String redirect = withCode.headers().firstValue("Location").orElseThrow();
            assertThat(redirect).startsWith(REDIRECT);
            HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code",
                    "code", parameter(redirect, "code"), "redirect_uri", REDIRECT, "code_verifier", verifier));
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            return json.readTree(tokens.body());
        }

        JsonNode passwordLogin(String name, String password, String scope) throws Exception {
            String csrf = startAndCsrf(scope);
            return finish(post("/login", Map.of("username", name, "password", password, "_csrf", csrf)));
        }

        JsonNode codeLogin(String mobile, String scope) throws Exception {
            String csrf = startAndCsrf(scope);
            HttpResponse<String> sent = post("/login/code/send", Map.of("mobile", mobile, "_csrf", csrf));
            assertThat(sent.statusCode()).isEqualTo(302);
            assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/login?sent");
            return finish(post("/login/code", Map.of("mobile", mobile, "code", lastCodeFor(mobile),
                    "_csrf", csrf())));
        }
    }

    HttpResponse<String> token(Map<String, String> form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("web-app:" + WEB_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String parameter(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    static JWTClaimsSet claims(JsonNode tokens) throws Exception {
        return SignedJWT.parse(tokens.get("access_token").asText()).getJWTClaimsSet();
    }

    static synchronized void ensureTree() {
        if (treeSequence == 0) {
            tree(unit(D, "center", OrgTier.CENTER, null), unit(D, "s-1", OrgTier.STATION, "center"),
                    unit(D, "i-1", OrgTier.INSTITUTE, "center"));
            publish("OrgTree", E, 0, List.of(unit(E, "center", OrgTier.CENTER, null)));
        }
    }

    /** A resident of D signed up by code; returns the account id. */
    String signUp(String mobile, String password) throws Exception {
        ensureTree();
        await().atMost(Duration.ofSeconds(60)).until(() -> call("POST", "/api/v1/people/codes", null,
                "{\"district\":\"" + D + "\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}").statusCode() == 202);
        String passwordField = password == null ? "" : ",\"password\":\"" + password + "\"";
        HttpResponse<String> created = call("POST", "/api/v1/people/residents", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"" + mobile + "\",\"code\":\"" + lastCodeFor(mobile) + "\"" + passwordField + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("accountId").asText();
    }

    static String mobile() {
        return "138" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    // --- tests ----------------------------------------------------------------------------------------------------

    @Test
    void shouldSignUpByCodeAndLogInByCodeAndByPassword() throws Exception {
        ensureTree();
        String mobile = mobile();
        await().atMost(Duration.ofSeconds(60)).until(() -> call("POST", "/api/v1/people/codes", null,
                "{\"district\":\"" + D + "\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}").statusCode() == 202);
        String code = lastCodeFor(mobile);
        HttpResponse<String> wrong = call("POST", "/api/v1/people/residents", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"" + mobile + "\",\"code\":\"" + (code.equals("000000") ? "000001" : "000000") + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(body(wrong).get("type").asText()).endsWith("/code-invalid");
        HttpResponse<String> unknownDistrict = call("POST", "/api/v1/people/codes", null,
                "{\"district\":\"nowhere-1\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}");
        assertThat(unknownDistrict.statusCode()).isEqualTo(422);
        HttpResponse<String> shortPassword = call("POST", "/api/v1/people/residents", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"" + mobile + "\",\"code\":\"" + code + "\",\"password\":\"short\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(body(shortPassword).get("field").asText()).isEqualTo("password");
        HttpResponse<String> created = call("POST", "/api/v1/people/residents", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"+86" + mobile + "\",\"code\":\"" + code + "\",\"password\":\"resident-pass-1\","
                + "\"name\":\"王小明\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String accountId = body(created).get("accountId").asText();
        assertThat(accountId).startsWith("acc-");
        assertThat(body(created).get("district").asText()).isEqualTo(D);

        call("POST", "/api/v1/people/codes", null,
                "{\"district\":\"" + D + "\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}");
        HttpResponse<String> again = call("POST", "/api/v1/people/residents", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"" + mobile + "\",\"code\":\"" + lastCodeFor(mobile) + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).get("type").asText()).endsWith("/mobile-taken");

        JsonNode byCode = new Browser().codeLogin(mobile, "openid requests:read requests:write reports:read");
        JWTClaimsSet claims = claims(byCode);
        assertThat(claims.getSubject()).isEqualTo(accountId);
        assertThat(claims.getStringClaim("practice_role")).isEqualTo("RESIDENT");
        assertThat(claims.getStringClaim("practice_district")).isEqualTo(D);
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder("requests:read", "requests:write");

        JsonNode byPassword = new Browser().passwordLogin(mobile, "resident-pass-1", "openid requests:read");
        assertThat(claims(byPassword).getSubject()).isEqualTo(accountId);

        JsonNode me = body(call("GET", "/api/v1/people/me", byPassword.get("access_token").asText(), null));
        assertThat(me.get("accountId").asText()).isEqualTo(accountId);
        assertThat(me.get("role").asText()).isEqualTo("RESIDENT");
        assertThat(me.get("mobile").asText()).as("masked").isEqualTo(mobile.substring(0, 3) + "*****"
                + mobile.substring(8));
        assertThat(me.get("name").asText()).isEqualTo("王*明");

        // A person changes their password: only with the current one; the old one stops working, the new one works.
        String token = byPassword.get("access_token").asText();
        HttpResponse<String> wrongCurrent = call("POST", "/api/v1/people/me/password", token,
                "{\"current\":\"not-the-password\",\"new\":\"resident-pass-2\"}");
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(body(wrongCurrent).get("field").asText()).isEqualTo("current");
        HttpResponse<String> changed = call("POST", "/api/v1/people/me/password", token,
                "{\"current\":\"resident-pass-1\",\"new\":\"resident-pass-2\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        Browser withOldPassword = new Browser();
        String oldCsrf = withOldPassword.startAndCsrf("openid");
        assertThat(withOldPassword.post("/login", Map.of("username", mobile, "password", "resident-pass-1",
                "_csrf", oldCsrf)).headers().firstValue("Location").orElseThrow()).as("the old password").contains("error");
        assertThat(claims(new Browser().passwordLogin(mobile, "resident-pass-2", "openid")).getSubject())
                .isEqualTo(accountId);

        long before = messagesTo("13700000009");
        Browser stranger = new Browser();
        String csrf = stranger.startAndCsrf("openid");
        assertThat(stranger.post("/login/code/send", Map.of("mobile", "13700000009", "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow()).as("the same answer for a number without account")
                .endsWith("/login?sent");
        assertThat(call("POST", "/api/v1/people/codes", null, "{\"district\":\"" + D
                + "\",\"mobile\":\"13700000009\",\"purpose\":\"LOGIN\"}").statusCode()).isEqualTo(202);
        assertThat(messagesTo("13700000009")).as("but nothing sent").isEqualTo(before);
    }

    @Test
    void shouldFollowTheTreeAndTheRegistryAndStopTheRefreshWhenTheManagerIsRevoked() throws Exception {
        String mobile = mobile();
        String accountId = signUp(mobile, "resident-pass-2");
        JsonNode first = new Browser().passwordLogin(mobile, "resident-pass-2", "openid hierarchy:read requests:read");
        String residentToken = first.get("access_token").asText();
        assertThat(first.has("refresh_token")).isTrue();

        tree(new ManagerAssigned("s-1", D, accountId, "VOLUNTEER", LocalDate.of(2026, 3, 1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "STATION_ADMIN".equals(
                body(call("GET", "/api/v1/people/me", residentToken, null)).path("role").asText()));
        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token",
                "refresh_token", first.get("refresh_token").asText()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JWTClaimsSet admin = claims(json.readTree(refreshed.body()));
        assertThat(admin.getStringClaim("practice_role")).as("the unit's tier decides").isEqualTo("STATION_ADMIN");
        assertThat(admin.getStringClaim("practice_unit")).isEqualTo("s-1");
        assertThat(admin.getStringClaim("practice_grant")).isEqualTo("manager");
        String refreshToken = json.readTree(refreshed.body()).path("refresh_token").asText(first.get("refresh_token").asText());

        tree(new ManagerRevoked("s-1", D, accountId, LocalDate.of(2026, 3, 2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "RESIDENT".equals(
                body(call("GET", "/api/v1/people/me", residentToken, null)).path("role").asText()));
        HttpResponse<String> refused = token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refused.statusCode()).as("refresh stops").isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
        assertThat(call("GET", "/api/v1/people/me", admin == null ? null
                : json.readTree(refreshed.body()).get("access_token").asText(), null).statusCode())
                .as("the revoked grant's token is refused by the API too").isEqualTo(401);

        publish("Volunteer", "vol-" + accountId, 0, List.of(new VolunteerAccountLinked("vol-" + accountId.substring(4, 12),
                D, accountId, Instant.now())));
        await().atMost(Duration.ofSeconds(60)).until(() -> "VOLUNTEER".equals(
                body(call("GET", "/api/v1/people/me", residentToken, null)).path("role").asText()));
        JWTClaimsSet volunteer = claims(new Browser().passwordLogin(mobile, "resident-pass-2", "openid requests:read"));
        assertThat(volunteer.getStringClaim("practice_role")).isEqualTo("VOLUNTEER");
        assertThat(volunteer.getStringClaim("practice_volunteer")).isEqualTo("vol-" + accountId.substring(4, 12));

        publish("Volunteer", "vol-" + accountId, 1, List.of(new VolunteerErased("vol-" + accountId.substring(4, 12), D,
                Instant.now())));
        await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", "/api/v1/people/me", residentToken, null)
                .statusCode() == 404);
        Browser closed = new Browser();
        String csrf = closed.startAndCsrf("openid");
        assertThat(closed.post("/login", Map.of("username", mobile, "password", "resident-pass-2", "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow()).as("a closed account cannot log in").endsWith("/login?error");
    }

    @Test
    void shouldLetOnlyTheDistrictsAdminsAdministerItsPeopleAndClients() throws Exception {
        ensureTree();
        await().atMost(Duration.ofSeconds(60)).until(() -> call("POST", "/api/v1/people/codes", null,
                "{\"district\":\"" + D + "\",\"mobile\":\"" + mobile() + "\",\"purpose\":\"SIGN_UP\"}").statusCode() == 202);
        String scopes = "openid people:admin requests:read";
        String adminD = new Browser().passwordLogin("admin-d", ADMIN_PASSWORD, scopes).get("access_token").asText();
        String adminE = new Browser().passwordLogin("admin-e", ADMIN_PASSWORD, scopes).get("access_token").asText();
        String institute = new Browser().passwordLogin("institute-d", ADMIN_PASSWORD, scopes).get("access_token").asText();
        String mobile = mobile();
        signUp(mobile, "resident-pass-3");
        String resident = new Browser().passwordLogin(mobile, "resident-pass-3", scopes).get("access_token").asText();

        String staffBody = "{\"loginName\":\"grid-" + UUID.randomUUID().toString().substring(0, 6)
                + "\",\"displayName\":\"李网格\",\"role\":\"GRID_WORKER\",\"unitId\":\"s-1\"}";
        assertThat(call("POST", "/api/v1/people/staff?district=" + D, null, staffBody).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/people/staff?district=" + D, resident, staffBody).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/people/staff?district=" + D, adminE, staffBody).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/people/staff?district=" + D, institute, staffBody).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/people/accounts?district=" + D, adminE, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/people/audit?district=" + D, resident, null).statusCode()).isEqualTo(403);
        HttpResponse<String> badUnit = call("POST", "/api/v1/people/staff?district=" + D, adminD,
                staffBody.replace("s-1", "s-404"));
        assertThat(badUnit.statusCode()).isEqualTo(422);
        HttpResponse<String> badRole = call("POST", "/api/v1/people/staff?district=" + D, adminD,
                staffBody.replace("GRID_WORKER", "KING"));
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("role");
        HttpResponse<String> invisible = call("POST", "/api/v1/people/staff?district=" + D, adminD,
                staffBody.replace("李网格", "李\u202e网格"));
        assertThat(invisible.statusCode()).isEqualTo(400);
        assertThat(invisible.body()).contains("displayName");

        HttpResponse<String> created = call("POST", "/api/v1/people/staff?district=" + D, adminD, staffBody);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String staffId = body(created).get("accountId").asText();
        String loginName = body(created).get("loginName").asText();
        String initial = body(created).get("initialPassword").asText();
        JWTClaimsSet staff = claims(new Browser().passwordLogin(loginName, initial, "openid requests:write"));
        assertThat(staff.getSubject()).isEqualTo(staffId);
        assertThat(staff.getStringClaim("practice_role")).isEqualTo("GRID_WORKER");
        assertThat(staff.getStringClaim("practice_unit")).isEqualTo("s-1");
        assertThat(call("POST", "/api/v1/people/staff?district=" + D, adminD, staffBody).statusCode())
                .as("a login name once").isEqualTo(409);

        assertThat(call("POST", "/api/v1/people/staff/" + staffId + "/reset?district=" + E, adminE, null).statusCode())
                .as("another district's account answers as missing").isEqualTo(404);
        HttpResponse<String> reset = call("POST", "/api/v1/people/staff/" + staffId + "/reset?district=" + D, adminD, null);
        assertThat(reset.statusCode()).isEqualTo(200);
        String newPassword = body(reset).get("password").asText();
        assertThat(claims(new Browser().passwordLogin(loginName, newPassword, "openid")).getSubject()).isEqualTo(staffId);
        assertThat(call("POST", "/api/v1/people/staff/" + staffId + "/disable?district=" + D, adminD, null).statusCode())
                .isEqualTo(204);
        Browser disabled = new Browser();
        String csrf = disabled.startAndCsrf("openid");
        assertThat(disabled.post("/login", Map.of("username", loginName, "password", newPassword, "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        JsonNode accounts = body(call("GET", "/api/v1/people/accounts?district=" + D + "&size=500", adminD, null));
        assertThat(accounts.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(accounts.toString()).as("mobiles masked").doesNotContain(mobile).contains(mobile.substring(0, 3) + "*****");
        assertThat(call("GET", "/api/v1/people/accounts?district=" + D + "&size=501", adminD, null).body())
                .contains("size");
        JsonNode audit = body(call("GET", "/api/v1/people/audit?district=" + D + "&size=500", adminD, null));
        assertThat(audit.toString()).contains("staff-created", "password-reset", "staff-disabled", "sign-up")
                .doesNotContain(mobile).doesNotContain(newPassword).doesNotContain(initial);

        HttpResponse<String> registered = call("POST", "/api/v1/clients?district=" + D, adminD,
                "{\"clientId\":\"hotline-" + D + "\",\"scopes\":[\"requests:read\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String secret = body(registered).get("secret").asText();
        assertThat(call("POST", "/api/v1/clients?district=" + D, adminD,
                "{\"clientId\":\"greedy-" + D + "\",\"scopes\":[\"reports:read\"]}").statusCode())
                .as("only scopes of the admin's own token").isEqualTo(422);
        assertThat(call("POST", "/api/v1/clients?district=" + D, adminE,
                "{\"clientId\":\"x-" + D + "\",\"scopes\":[\"requests:read\"]}").statusCode()).isEqualTo(403);
        assertThat(clientToken("hotline-" + D, secret).statusCode()).isEqualTo(200);
        JWTClaimsSet machine = SignedJWT.parse(json.readTree(clientToken("hotline-" + D, secret).body())
                .get("access_token").asText()).getJWTClaimsSet();
        assertThat(machine.getStringClaim("practice_role")).isEqualTo("SYSTEM");
        assertThat(machine.getStringClaim("practice_district")).isEqualTo(D);
        HttpResponse<String> rotated = call("POST", "/api/v1/clients/hotline-" + D + "/secret?district=" + D, adminD, null);
        String newSecret = body(rotated).get("secret").asText();
        assertThat(clientToken("hotline-" + D, secret).statusCode()).as("the old secret stops").isEqualTo(401);
        assertThat(clientToken("hotline-" + D, newSecret).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/clients?district=" + D, adminD, null).body()).contains("hotline-" + D)
                .doesNotContain(newSecret);
        assertThat(call("DELETE", "/api/v1/clients/hotline-" + D + "?district=" + E, adminE, null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/clients/hotline-" + D + "?district=" + D, adminD, null).statusCode())
                .isEqualTo(204);
        assertThat(clientToken("hotline-" + D, newSecret).statusCode()).as("revoked").isEqualTo(401);
    }

    @Test
    void shouldCheckApiTokensLikeTheServicesDo() throws Exception {
        String good = new Browser().passwordLogin("admin-d", ADMIN_PASSWORD, "openid people:admin")
                .get("access_token").asText();
        assertThat(call("GET", "/api/v1/people/me", good, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/people/me", null, null).statusCode()).isEqualTo(401);
        RSAKey key = RSAKey.parse(Files.readString(keyFile));
        JWTClaimsSet valid = SignedJWT.parse(good).getJWTClaimsSet();
        assertThat(call("GET", "/api/v1/people/me", sign(key, valid), null).statusCode())
                .as("re-signed as it was: accepted (the check below is not vacuous)").isEqualTo(200);
        Map<String, JWTClaimsSet> broken = Map.of(
                "wrong audience", new JWTClaimsSet.Builder(valid).audience("someone-else").build(),
                "wrong issuer", new JWTClaimsSet.Builder(valid).issuer("http://evil.example").build(),
                "expired", new JWTClaimsSet.Builder(valid).expirationTime(Date.from(Instant.now().minusSeconds(120))).build());
        for (Map.Entry<String, JWTClaimsSet> entry : broken.entrySet()) {
            assertThat(call("GET", "/api/v1/people/me", sign(key, entry.getValue()), null).statusCode())
                    .as(entry.getKey()).isEqualTo(401);
        }
        String foreign = sign(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(), valid);
        assertThat(call("GET", "/api/v1/people/me", foreign, null).statusCode()).as("foreign key").isEqualTo(401);
    }

    static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    HttpResponse<String> clientToken(String clientId, String secret) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
