package cloud.practice.auth;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.MovableClock;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery receipts over real HTTP (issue 26), with the {@code aliyun} provider against a local fake of SendSms that
 * keeps each notice's OutId, a report token, a clock the test moves, real Kafka and the MongoDB-wire stand-in: the
 * notification-service client sends notices, the "provider" pushes its reports as Alibaba does, and the client reads
 * its receipts — only its own, of the district asked, once settled, page by page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@WithPlatformInfrastructure
@Import(SmsReceiptsIT.MovableClockConfiguration.class)
class SmsReceiptsIT {

    static final String D = "cq-jiulongpo";
    static final String TOKEN = "report-" + UUID.randomUUID();
    /** Real time at the start (the tokens' expiry is checked by the real clock), moved by the tests. */
    static final MovableClock CLOCK = new MovableClock(Instant.now());
    /** The OutId of the last notice the fake provider took, by number. */
    static final Map<String, String> outIdTo = new ConcurrentHashMap<>();
    static HttpServer aliyun;
    static Path keyFile;

    @TestConfiguration
    static class MovableClockConfiguration {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    MongoTemplate mongo;
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        aliyun = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        aliyun.createContext("/", SmsReceiptsIT::sendSms);
        aliyun.start();
        Path dir = Files.createTempDirectory("sms-receipts-it");
        keyFile = dir.resolve("signing-key.json");
        registry.add("practice.auth.key-file", keyFile::toString);
        registry.add("practice.auth.data-key-file", () -> dir.resolve("data-key").toString());
        registry.add("practice.auth.sms.provider", () -> "aliyun");
        registry.add("practice.auth.sms.endpoint", () -> "http://127.0.0.1:" + aliyun.getAddress().getPort() + "/");
        registry.add("practice.auth.sms.access-key-id", () -> "LTAI-test");
        registry.add("practice.auth.sms.access-key-secret", () -> "test-secret");
        registry.add("practice.auth.sms.sign-name", () -> "新时代文明实践");
        registry.add("practice.auth.sms.template-code", () -> "SMS_1");
        registry.add("practice.auth.sms.notice-template-code", () -> "SMS_2");
        registry.add("practice.auth.sms.report-token", () -> TOKEN);
        registry.add("practice.auth.notices.per-account-per-hour", () -> "1000");
    }

    @AfterAll
    static void stopTheFake() {
        aliyun.stop(0);
    }

    /** The fake SendSms: takes everything (AliyunSmsSenderTest checks the signature), keeps the OutId. */
    static void sendSms(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        if (parameters.containsKey("OutId")) {
            outIdTo.put(parameters.get("PhoneNumbers"), parameters.get("OutId"));
        }
        byte[] answer = ("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"" + UUID.randomUUID()
                + "^0\",\"RequestId\":\"r-1\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    IssuerCalls issuer() {
        return new IssuerCalls("http://localhost:" + port, keyFile);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** A district of this test's own, so that other tests' receipts never mix in. */
    static String freshDistrict() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String resident(String district) {
        String mobile = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        String id = "acc-" + UUID.randomUUID();
        accounts.create(new Account(id, district, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, mobile, null,
                null, null, null, null, false, Instant.now()));
        return id;
    }

    /** Sends a notice to a new resident of the district; answers the OutId the provider got. */
    String sendNotice(String token, String district, String reference) throws Exception {
        String account = resident(district);
        HttpResponse<String> sent = issuer().call("POST", "/api/v1/people/accounts/" + account + "/sms?district="
                + district, token, json.writeValueAsString(Map.of("reference", reference, "kind", "order-offered",
                "text", "您有一个新的服务订单")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        return outIdTo.get(accounts.byId(account).orElseThrow().mobile());
    }

    ObjectNode report(String outId, boolean success, String errCode, String errMsg) {
        ObjectNode report = json.createObjectNode();
        report.put("phone_number", "13812345678");
        report.put("send_time", "2026-12-07 10:00:00");
        report.put("report_time", "2026-12-07 10:00:03");
        report.put("success", success);
        report.put("err_code", errCode);
        report.put("err_msg", errMsg);
        report.put("sms_size", "1");
        report.put("biz_id", "900619746936498440^0");
        report.put("out_id", outId);
        return report;
    }

    HttpResponse<String> push(String token, String body) throws Exception {
        return issuer().call("POST", "/api/v1/people/sms/reports" + (token == null ? "" : "?token=" + token), null,
                body);
    }

    HttpResponse<String> receipts(String token, String district, String after, Integer limit) throws Exception {
        return issuer().call("GET", "/api/v1/people/sms/receipts?district=" + district
                + (after == null ? "" : "&after=" + after) + (limit == null ? "" : "&limit=" + limit), token, null);
    }

    Document record(String reference) {
        return mongo.getDb().getCollection("notice_sms").find(new Document("_id", reference)).first();
    }

    /** A machine client of the district with people:notify, registered through the API; its token. */
    String boundClient(String district) throws Exception {
        String clientId = "notifier-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = issuer().call("POST", "/api/v1/clients?district=" + district,
                issuer().clientToken("local-ops", "local-ops-secret"),
                "{\"clientId\":\"" + clientId + "\",\"scopes\":[\"" + Scopes.PEOPLE_NOTIFY + "\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return issuer().clientToken(clientId, body(registered).get("secret").asText());
    }

    // --- tests ----------------------------------------------------------------------------------------------------

    @Test
    void shouldRecordTheProvidersReportsAndListThemToTheSenderOnceSettled() throws Exception {
        String notifier = issuer().notifier();
        String here = freshDistrict();
        String elsewhere = freshDistrict();
        String delivered = sendNotice(notifier, here, here + "|order-offered|req-1|sms");
        String undelivered = sendNotice(notifier, here, here + "|order-offered|req-2|sms");
        String otherDistrict = sendNotice(notifier, elsewhere, elsewhere + "|order-offered|req-3|sms");
        assertThat(delivered).as("the provider got the notice's OutId").matches("n[a-z2-7]{14}");
        assertThat(record(here + "|order-offered|req-1|sms").getString("bizId")).endsWith("^0");

        ArrayNode batch = json.createArrayNode();
        batch.add(report(delivered, true, "DELIVERED", "用户接收成功"));
        batch.add(report(undelivered, false, "IC:0015", "空号"));
        batch.add(report(otherDistrict, true, "DELIVERED", "用户接收成功"));
        batch.add(report("", true, "DELIVERED", "用户接收成功"));
        batch.add(report("nzzzzzzzzzzzzzz", false, "MN:0001", "关机"));
        HttpResponse<String> pushed = push(TOKEN, batch.toString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        assertThat(body(pushed)).as("Alibaba's expected answer").isEqualTo(json.readTree(
                "{\"code\":0,\"msg\":\"接收成功\"}"));
        assertThat(pushed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

        HttpResponse<String> unsettled = receipts(notifier, here, null, null);
        assertThat(unsettled.statusCode()).as(unsettled.body()).isEqualTo(200);
        assertThat(body(unsettled).get("receipts")).as("recorded a moment ago").isEmpty();
        String beginning = body(unsettled).get("next").asText();
        assertThat(beginning).isNotBlank();

        CLOCK.advance(Duration.ofSeconds(5));
        JsonNode page = body(receipts(notifier, here, beginning, null));
        assertThat(page).isEqualTo(json.readTree("""
                {"receipts": [
                  {"reference": "%1$s|order-offered|req-1|sms", "outcome": "delivered", "reason": null,
                   "at": "2026-12-07T02:00:03Z"},
                  {"reference": "%1$s|order-offered|req-2|sms", "outcome": "undelivered", "reason": "IC:0015 空号",
                   "at": "2026-12-07T02:00:03Z"}],
                 "next": "%2$s"}""".formatted(here, page.get("next").asText())));
        assertThat(body(receipts(notifier, elsewhere, null, null)).get("receipts"))
                .extracting(receipt -> receipt.get("reference").asText())
                .containsExactly(elsewhere + "|order-offered|req-3|sms");

        // Alibaba pushes the batch again (our answer was lost), now saying otherwise: the first report stands.
        batch.set(0, report(delivered, false, "MK:0001", "失败"));
        assertThat(push(TOKEN, batch.toString()).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(5));
        JsonNode after = body(receipts(notifier, here, page.get("next").asText(), null));
        assertThat(after.get("receipts")).as("nothing new").isEmpty();
        assertThat(after.get("next").asText()).isEqualTo(page.get("next").asText());
        assertThat(record(here + "|order-offered|req-1|sms").getString("outcome")).isEqualTo("delivered");
    }

    @Test
    void shouldListOnlyTheCallingClientsReceiptsOfItsOwnDistrict() throws Exception {
        String bound = boundClient(D);
        String notifier = issuer().notifier();
        String byBound = sendNotice(bound, D, "bound|" + UUID.randomUUID());
        String byNotifier = sendNotice(notifier, D, "notifier|" + UUID.randomUUID());
        ArrayNode batch = json.createArrayNode();
        batch.add(report(byBound, true, "DELIVERED", "用户接收成功"));
        batch.add(report(byNotifier, true, "DELIVERED", "用户接收成功"));
        assertThat(push(TOKEN, batch.toString()).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(5));

        HttpResponse<String> own = receipts(bound, D, null, 1000);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(body(own).get("receipts")).as("a new client: its one receipt, not the other client's")
                .extracting(receipt -> receipt.get("reference").asText()).singleElement().asString()
                .startsWith("bound|");
        HttpResponse<String> otherDistrict = receipts(bound, "cq-yuzhong", null, null);
        assertThat(otherDistrict.statusCode()).as(otherDistrict.body()).isEqualTo(404);
        assertThat(IssuerCalls.type(body(otherDistrict))).isEqualTo("not-found");
    }

    @Test
    void shouldRefuseReportsWithoutTheRightTokenAndRecordNothing() throws Exception {
        String reference = "token|" + UUID.randomUUID();
        String outId = sendNotice(issuer().notifier(), freshDistrict(), reference);
        String batch = json.createArrayNode().add(report(outId, true, "DELIVERED", "用户接收成功")).toString();

        for (String wrong : new String[]{null, "", "x".repeat(TOKEN.length()), TOKEN + "x", TOKEN.toUpperCase()}) {
            HttpResponse<String> refused = push(wrong, batch);
            assertThat(refused.statusCode()).as(wrong + ": " + refused.body()).isEqualTo(401);
            assertThat(IssuerCalls.type(body(refused))).isEqualTo("unauthenticated");
            assertThat(refused.body()).doesNotContain(TOKEN);
        }
        // Over the report body's own cap, under the shared limit: refused for the token, not for the size.
        HttpResponse<String> large = push(TOKEN + "x", batch + " ".repeat(600 * 1024));
        assertThat(large.statusCode()).as(large.body()).isEqualTo(401);
        assertThat(record(reference).containsKey("outcome")).as("nothing recorded").isFalse();

        assertThat(push(TOKEN, batch).statusCode()).isEqualTo(200);
        assertThat(record(reference).getString("outcome")).as("the same batch with the token").isEqualTo("delivered");
    }

    @Test
    void shouldRefuseMalformedBatchesWholeAndRecordNothing() throws Exception {
        String reference = "malformed|" + UUID.randomUUID();
        String outId = sendNotice(issuer().notifier(), freshDistrict(), reference);
        ObjectNode good = report(outId, true, "DELIVERED", "用户接收成功");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("not JSON", "[" + good + ",");
        bad.put("two documents", "[" + good + "] []");
        bad.put("an object, not an array", good.toString());
        bad.put("an empty body", "");
        bad.put("a report that is no object", "[" + good + ", 7]");
        bad.put("without out_id", "[" + good + ", " + good.deepCopy().without("out_id") + "]");
        bad.put("out_id not a string", "[" + good + ", " + good.deepCopy().put("out_id", 42) + "]");
        bad.put("success a string", "[" + good + ", " + good.deepCopy().put("success", "true") + "]");
        bad.put("without success", "[" + good + ", " + good.deepCopy().without("success") + "]");
        bad.put("an unreadable report_time", "[" + good + ", " + good.deepCopy().put("report_time", "昨天") + "]");
        List<JsonNode> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add(good);
        }
        bad.put("1001 reports", json.writeValueAsString(many));
        bad.put("over 512 KB", "[" + good + "]" + " ".repeat(512 * 1024));
        for (Map.Entry<String, String> body : bad.entrySet()) {
            HttpResponse<String> refused = push(TOKEN, body.getValue());
            assertThat(refused.statusCode()).as(body.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                    .contains("application/problem+json");
        }
        assertThat(body(push(TOKEN, "[" + good + ", " + good.deepCopy().without("out_id") + "]")).get("field")
                .asText()).isEqualTo("[1].out_id");
        assertThat(record(reference).containsKey("outcome")).as("nothing recorded").isFalse();

        many.remove(0);
        assertThat(push(TOKEN, json.writeValueAsString(many)).statusCode()).as("1000 reports").isEqualTo(200);
        assertThat(record(reference).getString("outcome")).isEqualTo("delivered");
    }

    @Test
    void shouldPageThroughMoreReceiptsThanALimitWithoutLossOrRepeat() throws Exception {
        String notifier = issuer().notifier();
        String district = freshDistrict();
        ArrayNode batch = json.createArrayNode();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String reference = district + "|order-offered|req-" + i + "|sms";
            references.add(reference);
            batch.add(report(sendNotice(notifier, district, reference), i % 3 != 0, "IC:0015", "空号"));
        }
        assertThat(push(TOKEN, batch.toString()).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(5));

        List<String> listed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 6; page++) {
            HttpResponse<String> answer = receipts(notifier, district, cursor, 3);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode receipts = body(answer).get("receipts");
            sizes.add(receipts.size());
            receipts.forEach(receipt -> listed.add(receipt.get("reference").asText()));
            if (receipts.isEmpty()) {
                break;
            }
            cursor = body(answer).get("next").asText();
        }
        assertThat(sizes).containsExactly(3, 3, 1, 0);
        assertThat(listed).as("one instant: in reference order").containsExactlyElementsOf(references);
    }

    @Test
    void shouldRefuseBadCursorsLimitsAndPeoplesTokens() throws Exception {
        String notifier = issuer().notifier();
        for (String after : new String[]{"not-a-cursor!", "bm9jb2xvbg", "MTIzOnJlZi93aXRoL3NsYXNoZXM"}) {
            HttpResponse<String> refused = receipts(notifier, D, after, null);
            assertThat(refused.statusCode()).as(after + ": " + refused.body()).isEqualTo(400);
            assertThat(body(refused).get("field").asText()).isEqualTo("after");
        }
        for (String limit : new String[]{"0", "1001", "-3", "many"}) {
            HttpResponse<String> refused = issuer().call("GET", "/api/v1/people/sms/receipts?district=" + D
                    + "&limit=" + limit, notifier, null);
            assertThat(refused.statusCode()).as(limit + ": " + refused.body()).isEqualTo(400);
            assertThat(body(refused).get("field").asText()).isEqualTo("limit");
        }
        String person = issuer().withNotifyScope(issuer().districtAdminToken());
        HttpResponse<String> asPerson = receipts(person, D, null, null);
        assertThat(asPerson.statusCode()).as(asPerson.body()).isEqualTo(403);
        assertThat(IssuerCalls.type(body(asPerson))).isEqualTo("forbidden");
        HttpResponse<String> withoutScope = receipts(issuer().clientToken("local-ops", "local-ops-secret"), D, null,
                null);
        assertThat(withoutScope.statusCode()).isEqualTo(403);
        assertThat(IssuerCalls.type(body(withoutScope))).isEqualTo("insufficient-scope");
        assertThat(receipts(null, D, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldDocumentBothEndpointsInTheApiDocument() throws Exception {
        JsonNode document = body(issuer().call("GET", "/v3/api-docs", null, null));
        JsonNode reports = document.path("paths").path("/api/v1/people/sms/reports").path("post");
        assertThat(reports.isMissingNode()).as(document.path("paths").toString()).isFalse();
        assertThat(reports.path("security").isArray() && reports.path("security").isEmpty())
                .as("no bearer token: the shared secret instead").isTrue();
        assertThat(reports.toString()).contains("AliyunSmsReport", "token");
        assertThat(document.path("components").path("schemas").path("AliyunSmsReport").path("properties")
                .fieldNames()).toIterable().contains("phone_number", "report_time", "success", "err_code", "out_id");
        JsonNode receipts = document.path("paths").path("/api/v1/people/sms/receipts").path("get");
        assertThat(receipts.isMissingNode()).isFalse();
        assertThat(receipts.toString()).contains("ReceiptPage", "after", "limit");
        assertThat(document.path("components").path("schemas").path("Receipt").path("properties").fieldNames())
                .toIterable().containsExactly("reference", "outcome", "reason", "at");
    }
}
