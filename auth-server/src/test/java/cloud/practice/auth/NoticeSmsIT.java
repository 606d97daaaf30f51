package cloud.practice.auth;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notices by SMS over real HTTP (ADR 0023), with the local profile's seeded clients, real Kafka and the MongoDB-wire
 * stand-in: the seeded notification-service client texts an account's own number through the outbox, once per
 * reference; people's tokens, clients without people:notify, other districts, bad bodies, closed and numberless
 * accounts and the hourly cap are refused with nothing sent; a provider failure records nothing, so the retry sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@WithPlatformInfrastructure
class NoticeSmsIT {

    static final String D = "cq-jiulongpo";
    static final String OTHER = "cq-yuzhong";
    static final String TEXT = "您有一个新的服务订单：助老陪诊（九龙坡站），请在30分钟内回复";
    static final int CAP = 3;
    static Path outbox;
    static Path keyFile;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    MongoTemplate mongo;
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("notice-sms-it");
        outbox = dir.resolve("sms-outbox.jsonl");
        keyFile = dir.resolve("signing-key.json");
        registry.add("practice.auth.sms.outbox-file", outbox::toString);
        registry.add("practice.auth.key-file", keyFile::toString);
        registry.add("practice.auth.data-key-file", () -> dir.resolve("data-key").toString());
        registry.add("practice.auth.notices.per-account-per-hour", () -> Integer.toString(CAP));
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

    /** The notice's {@code districtId} goes into the call's {@code district} parameter (left out when null). */
    HttpResponse<String> sms(String token, String accountId, Map<String, Object> notice) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(notice);
        Object district = body.remove("districtId");
        String query = district == null ? "" : "?district=" + java.net.URLEncoder.encode(district.toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        return call("POST", "/api/v1/people/accounts/" + accountId + "/sms" + query, token,
                json.writeValueAsString(body));
    }

    static Map<String, Object> notice(String district, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("districtId", district);
        body.put("reference", reference);
        body.put("kind", "order-offered");
        body.put("text", TEXT);
        return body;
    }

    static String reference() {
        return D + "|order-offered|req-" + UUID.randomUUID() + "|sms";
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    static String type(JsonNode problem) {
        return IssuerCalls.type(problem);
    }

    String clientToken(String clientId, String secret) throws Exception {
        return issuer().clientToken(clientId, secret);
    }

    String notifier() throws Exception {
        return issuer().notifier();
    }

    String resident(String district) {
        String mobile = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        String id = "acc-" + UUID.randomUUID();
        accounts.create(new Account(id, district, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, mobile, null,
                null, null, null, null, false, Instant.now()));
        return id;
    }

    String mobileOf(String accountId) {
        return accounts.byId(accountId).orElseThrow().mobile();
    }

    List<JsonNode> outboxLinesTo(String mobile) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(outbox)) {
            for (String line : Files.readAllLines(outbox)) {
                JsonNode parsed = json.readTree(line);
                if (parsed.path("mobile").asText().equals(mobile)) {
                    lines.add(parsed);
                }
            }
        }
        return lines;
    }

    String districtAdminToken() throws Exception {
        return issuer().districtAdminToken();
    }

    String withNotifyScope(String token) throws Exception {
        return issuer().withNotifyScope(token);
    }

    // --- tests ----------------------------------------------------------------------------------------------------

    @Test
    void shouldTextTheAccountsOwnNumberOncePerReference() throws Exception {
        String token = notifier();
        String account = resident(D);
        String mobile = mobileOf(account);
        String reference = reference();

        HttpResponse<String> first = sms(token, account, notice(D, reference));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode sent = body(first);
        assertThat(sent.get("reference").asText()).isEqualTo(reference);
        assertThat(sent.get("status").asText()).isEqualTo("sent");
        assertThat(Instant.parse(sent.get("sentAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(outboxLinesTo(mobile)).singleElement().satisfies(line -> {
            assertThat(line.get("text").asText()).isEqualTo(TEXT);
            assertThat(line.get("kind").asText()).isEqualTo("order-offered");
        });

        HttpResponse<String> repeat = sms(token, account, notice(D, reference));
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(body(repeat)).as("the first answer again").isEqualTo(sent);
        assertThat(outboxLinesTo(mobile)).as("nothing sent again").hasSize(1);

        String other = resident(D);
        HttpResponse<String> otherAccount = sms(token, other, notice(D, reference));
        assertThat(otherAccount.statusCode()).as(otherAccount.body()).isEqualTo(409);
        assertThat(type(body(otherAccount))).isEqualTo("conflict");
        assertThat(outboxLinesTo(mobileOf(other))).isEmpty();

        // Audited under the client, to the account; neither the number nor the text in the audit or the references.
        JsonNode audit = body(call("GET", "/api/v1/people/audit?district=" + D + "&size=500",
                clientToken("local-ops", "local-ops-secret"), null));
        List<JsonNode> entries = new ArrayList<>();
        audit.get("items").forEach(entry -> {
            if (entry.get("targetId").asText().equals(account)) {
                entries.add(entry);
            }
        });
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("notice-sms-sent");
            assertThat(entry.get("actor").asText()).isEqualTo("notification-service");
        });
        assertThat(audit.toString()).doesNotContain(mobile).doesNotContain("助老陪诊");
        List<String> stored = new ArrayList<>();
        mongo.getDb().getCollection("notice_sms").find().forEach(document -> stored.add(document.toJson()));
        assertThat(stored).anySatisfy(document -> assertThat(document).contains(reference, account));
        assertThat(String.join("\n", stored)).doesNotContain(mobile).doesNotContain("助老陪诊");
    }

    @Test
    void shouldReceiptAnOutboxNoticeAsDeliveredOnceItSettled() throws Exception {
        // Locally the outbox is the handset: the notice is delivered when written, and the feed says so once the
        // receipt is 5 s old (real time here; SmsReceiptsIT moves a clock instead).
        String district = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String token = notifier();
        String reference = district + "|order-offered|req-1|sms";
        assertThat(sms(token, resident(district), notice(district, reference)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> feed = call("GET", "/api/v1/people/sms/receipts?district=" + district, token,
                    null);
            assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
            JsonNode receipts = body(feed).get("receipts");
            assertThat(receipts).hasSize(1);
            assertThat(receipts.get(0).get("reference").asText()).isEqualTo(reference);
            assertThat(receipts.get(0).get("outcome").asText()).isEqualTo("delivered");
            assertThat(receipts.get(0).get("reason").isNull()).isTrue();
        });
    }

    @Test
    void shouldDocumentTheEndpointInTheApiDocument() throws Exception {
        JsonNode document = json.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base() + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode post = document.path("paths").path("/api/v1/people/accounts/{accountId}/sms").path("post");
        assertThat(post.isMissingNode()).as(document.path("paths").toString()).isFalse();
        assertThat(post.toString()).contains("NoticeRequest", "NoticeSent");
        assertThat(document.path("components").path("schemas").path("NoticeSent").path("properties").toString())
                .contains("reference", "status", "sentAt");
    }

    @Test
    void shouldRefusePeoplesTokensWhateverTheirScopesAndClientsWithoutTheScope() throws Exception {
        String account = resident(D);
        String admin = districtAdminToken();
        assertThat(SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("practice_role"))
                .isEqualTo("DISTRICT_ADMIN");

        HttpResponse<String> asAdmin = sms(admin, account, notice(D, reference()));
        assertThat(asAdmin.statusCode()).as(asAdmin.body()).isEqualTo(403);
        assertThat(type(body(asAdmin))).as("no person's role carries people:notify").isEqualTo("insufficient-scope");

        String widened = withNotifyScope(admin);
        assertThat(call("GET", "/api/v1/people/me", widened, null).statusCode())
                .as("the widened token is a valid token of the issuer (the refusal below is not about the token)")
                .isEqualTo(200);
        HttpResponse<String> asPerson = sms(widened, account, notice(D, reference()));
        assertThat(asPerson.statusCode()).as(asPerson.body()).isEqualTo(403);
        assertThat(type(body(asPerson))).isEqualTo("forbidden");

        HttpResponse<String> withoutScope = sms(clientToken("local-ops", "local-ops-secret"), account,
                notice(D, reference()));
        assertThat(withoutScope.statusCode()).as("every API scope but not people:notify").isEqualTo(403);
        assertThat(type(body(withoutScope))).isEqualTo("insufficient-scope");
        HttpResponse<String> hotline = sms(clientToken("demo-hotline", "demo-hotline-secret"), account,
                notice(D, reference()));
        assertThat(hotline.statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/people/accounts/" + account + "/sms", null,
                json.writeValueAsString(notice(D, reference()))).statusCode()).isEqualTo(401);

        assertThat(outboxLinesTo(mobileOf(account))).as("nothing sent").isEmpty();
    }

    @Test
    void shouldKeepEachClientToItsDistrictAndAnswerOtherDistrictsAsMissing() throws Exception {
        String ops = clientToken("local-ops", "local-ops-secret");
        String clientId = "jlp-notifier-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> badScope = call("POST", "/api/v1/clients?district=" + D, ops,
                "{\"clientId\":\"" + clientId + "\",\"scopes\":[\"people:notifyx\"]}");
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(body(badScope).get("detail").asText()).contains("people:admin", Scopes.PEOPLE_NOTIFY);
        HttpResponse<String> registered = call("POST", "/api/v1/clients?district=" + D, ops,
                "{\"clientId\":\"" + clientId + "\",\"scopes\":[\"" + Scopes.PEOPLE_NOTIFY + "\"]}");
        assertThat(registered.statusCode()).as("a machine-only scope may be registered").isEqualTo(201);
        String bound = clientToken(clientId, body(registered).get("secret").asText());
        HttpResponse<String> byAdmin = call("POST", "/api/v1/clients?district=" + D, districtAdminToken(),
                "{\"clientId\":\"" + clientId + "-2\",\"scopes\":[\"" + Scopes.PEOPLE_NOTIFY + "\"]}");
        assertThat(byAdmin.statusCode()).as("a district admin's token never holds it to give").isEqualTo(422);
        assertThat(type(body(byAdmin))).isEqualTo("scope-not-yours");

        String here = resident(D);
        String elsewhere = resident(OTHER);
        Map<String, HttpResponse<String>> missing = new LinkedHashMap<>();
        missing.put("the bound client, an account of another district named as such",
                sms(bound, elsewhere, notice(OTHER, reference())));
        missing.put("the bound client, an account of another district named as its own",
                sms(bound, elsewhere, notice(D, reference())));
        missing.put("the platform-wide client, an account of another district than named",
                sms(notifier(), elsewhere, notice(D, reference())));
        missing.put("the platform-wide client, an account of the district named as another",
                sms(notifier(), here, notice(OTHER, reference())));
        missing.put("an unknown account", sms(notifier(), "acc-" + UUID.randomUUID(), notice(D, reference())));
        for (Map.Entry<String, HttpResponse<String>> answer : missing.entrySet()) {
            assertThat(answer.getValue().statusCode()).as(answer.getKey()).isEqualTo(404);
            assertThat(type(body(answer.getValue()))).as(answer.getKey()).isEqualTo("not-found");
        }
        assertThat(outboxLinesTo(mobileOf(elsewhere))).isEmpty();
        assertThat(outboxLinesTo(mobileOf(here))).isEmpty();

        HttpResponse<String> own = sms(bound, here, notice(D, reference()));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(outboxLinesTo(mobileOf(here))).hasSize(1);
    }

    @Test
    void shouldRefuseEachBadFieldSendingAndRecordingNothing() throws Exception {
        String token = notifier();
        String account = resident(D);
        String reference = reference();
        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry("district", with(reference, "districtId", null)),
                Map.entry("district", with(reference, "districtId", "cq jiulongpo")),
                Map.entry("reference", with(reference, "reference", null)),
                Map.entry("reference", with(reference, "reference", "r".repeat(121))),
                Map.entry("reference", with(reference, "reference", "ref/with/slashes")),
                Map.entry("kind", with(reference, "kind", "Order_Offered")),
                Map.entry("kind", with(reference, "kind", "k".repeat(41))),
                Map.entry("text", with(reference, "text", "   ")),
                Map.entry("text", with(reference, "text", "字".repeat(301))),
                Map.entry("text", with(reference, "text", "第一行\n第二行")),
                Map.entry("text", with(reference, "text", "订单\u202e已取消")),
                Map.entry("text", with(reference, "text", Map.of("zh", TEXT))));
        for (Map.Entry<String, Map<String, Object>> entry : bad) {
            HttpResponse<String> refused = sms(token, account, entry.getValue());
            assertThat(refused.statusCode()).as(entry.getValue() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
            assertThat(body(refused).path("field").asText()).as(entry.getValue().toString())
                    .isEqualTo(entry.getKey());
        }
        HttpResponse<String> badAccount = sms(token, "acc%20one", notice(D, reference));
        assertThat(badAccount.statusCode()).isEqualTo(400);
        assertThat(body(badAccount).path("field").asText()).isEqualTo("accountId");
        HttpResponse<String> notJson = call("POST", "/api/v1/people/accounts/" + account + "/sms", token, "{");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(outboxLinesTo(mobileOf(account))).as("nothing sent").isEmpty();

        HttpResponse<String> good = sms(token, account, notice(D, reference));
        assertThat(good.statusCode()).as("the reference was not taken by the refusals: " + good.body())
                .isEqualTo(200);
        assertThat(outboxLinesTo(mobileOf(account))).hasSize(1);
    }

    static Map<String, Object> with(String reference, String field, Object value) {
        Map<String, Object> body = notice(D, reference);
        body.put(field, value);
        return body;
    }

    @Test
    void shouldRefuseClosedAndNumberlessAccountsAsPermanent() throws Exception {
        String token = notifier();
        String closed = resident(D);
        String mobile = mobileOf(closed);
        accounts.closeAndAnonymise(closed);
        HttpResponse<String> toClosed = sms(token, closed, notice(D, reference()));
        assertThat(toClosed.statusCode()).as(toClosed.body()).isEqualTo(409);
        assertThat(type(body(toClosed))).isEqualTo("account-closed");
        assertThat(outboxLinesTo(mobile)).isEmpty();

        // The local profile's seeded district admin: a staff account without a number.
        HttpResponse<String> numberless = sms(token, "admin-district", notice(D, reference()));
        assertThat(numberless.statusCode()).as(numberless.body()).isEqualTo(409);
        assertThat(type(body(numberless))).isEqualTo("no-mobile");
    }

    @Test
    void shouldCapTheMessagesToOneAccountInAnHour() throws Exception {
        String token = notifier();
        String account = resident(D);
        for (int i = 0; i < CAP; i++) {
            assertThat(sms(token, account, notice(D, reference())).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> capped = sms(token, account, notice(D, reference()));
        assertThat(capped.statusCode()).as(capped.body()).isEqualTo(429);
        assertThat(type(body(capped))).isEqualTo("too-many-messages");
        assertThat(Long.parseLong(capped.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(outboxLinesTo(mobileOf(account))).hasSize(CAP);

        String other = resident(D);
        assertThat(sms(token, other, notice(D, reference())).statusCode()).as("another account").isEqualTo(200);
    }

    @Test
    void shouldRecordNothingWhenTheMessageCannotGoOutSoTheRetrySendsIt() throws Exception {
        String token = notifier();
        String account = resident(D);
        String reference = reference();
        // The outbox cannot be written while a directory stands in its place: the provider "fails".
        Path aside = outbox.resolveSibling("sms-outbox.aside");
        boolean existed = Files.exists(outbox);
        if (existed) {
            Files.move(outbox, aside);
        }
        HttpResponse<String> failed;
        try {
            Files.createDirectory(outbox);
            failed = sms(token, account, notice(D, reference));
        } finally {
            Files.deleteIfExists(outbox);
            if (existed) {
                Files.move(aside, outbox);
            }
        }
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(type(body(failed))).isEqualTo("sms-unavailable");
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> retried = sms(token, account, notice(D, reference));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(outboxLinesTo(mobileOf(account))).hasSize(1);
    }
}
