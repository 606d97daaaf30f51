package cloud.practice.volunteer.certificate;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.Platform;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service certificates over HTTP against real Kafka and MongoDB: who may issue them, what they count, the PDF read
 * back (text, embedded font, QR code), the public verification without a token, and how revoked hours, a staff
 * revocation and erasure end them.
 */
class CertificateIT extends PlatformTestBase {

    private static final String UNIT_NAME = "盘龙社区志愿服务站";
    private static final Set<String> PUBLIC_FIELDS = Set.of("code", "valid", "invalidReason", "maskedName", "hours",
            "sessions", "from", "to", "platform", "issuingUnitName", "issuedAt", "checkedAt");

    @LocalServerPort
    private int port;

    private final HttpClient anonymous = HttpClient.newHttpClient();

    @Test
    void shouldIssueCountRenderAndVerifyACertificate() throws Exception {
        String district = districtWithChineseStation();
        LocalDate born = LocalDate.of(2001, 7, 9);
        String idNumber = Registrations.idNumber(born, 527);
        String v = register(district, Registrations.registration(Registrations.personal("欧阳娜娜", uniquePhone(),
                born, idNumber), "s-cert"));
        String other = register(district, Registrations.adult("张伟", uniquePhone(), "s-cert"));
        Http admin = http.as("admin-jl", "INSTITUTE_ADMIN", district, "i-jl");
        Http own = http.as(v, "VOLUNTEER", district, null);
        String base = "/api/v1/volunteers/" + v;
        String grant = honour(admin, district, v, 10, "2020年防汛志愿服务补录");
        honour(admin, district, v, 2.5, "社区文明创建补录");
        // 09:00-11:00 in Chongqing on 14 March: a credited CARE session of 2 hours
        String request = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", request, 3, List.of(new RequestCheckedOut(request, district, v, "s-cert",
                ServicePlatform.CARE, Instant.parse("2026-03-14T01:00:00Z"), Instant.parse("2026-03-14T03:00:00Z"),
                120)));
        awaitJson(base + "/hours?district=" + district, node -> node.get("totalHalfHours").asInt() == 29);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        ResponseEntity<String> issued = own.post(certificates(v, district), Map.of());
        assertThat(issued.getStatusCode().value()).as(issued.getBody()).isEqualTo(201);
        JsonNode all = http.read(issued);
        String certificateId = all.get("certificateId").asText();
        String code = all.get("verificationCode").asText();
        assertThat(issued.getHeaders().getLocation().getPath()).isEqualTo(base + "/certificates/" + certificateId);
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(all.get("hours").asDouble()).isEqualTo(14.5);
        assertThat(all.get("sessions").asInt()).isEqualTo(3);
        assertThat(all.get("issuingUnitId").asText()).isEqualTo("s-cert");
        assertThat(all.get("issuingUnitName").asText()).isEqualTo(UNIT_NAME);
        assertThat(all.get("issuedBy").asText()).isEqualTo(v);
        assertThat(all.get("valid").asBoolean()).isTrue();
        assertThat(all.get("from").isNull()).isTrue();
        assertThat(all.get("verifyUrl").asText()).isEqualTo("http://localhost:8080/app/#/verify/"
                + code.replace("-", ""));

        // Staff in scope, by platform, once per Idempotency-Key
        Http keyed = admin.with("Idempotency-Key", "cert-" + UUID.randomUUID());
        ResponseEntity<String> care = keyed.post(certificates(v, district), Map.of("platform", "CARE"));
        ResponseEntity<String> replay = keyed.post(certificates(v, district), Map.of("platform", "CARE"));
        assertThat(care.getStatusCode().value()).as(care.getBody()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.read(replay).get("certificateId")).isEqualTo(http.read(care).get("certificateId"));
        assertThat(http.read(care).get("hours").asDouble()).isEqualTo(2.0);
        assertThat(http.read(care).get("sessions").asInt()).isEqualTo(1);
        assertThat(http.read(care).get("issuedBy").asText()).isEqualTo("admin-jl");
        JsonNode march = http.read(own.post(certificates(v, district), Map.of("from", "2026-03-01",
                "to", "2026-03-31")));
        assertThat(march.get("hours").asDouble()).isEqualTo(2.0);
        assertThat(march.get("from").asText()).isEqualTo("2026-03-01");

        assertThat(problem(own.post(certificates(v, district), Map.of("from", "2001-01-01", "to", "2001-12-31")),
                422)).isEqualTo("no-hours-in-range");
        assertThat(problem(own.post(certificates(v, district), Map.of("from", "2026-12-31", "to", "2026-01-01")),
                400)).isEqualTo("invalid-field");
        Http analyst = http.as("analyst-1", "ANALYST", district, "center");
        assertThat(problem(analyst.post(certificates(v, district), Map.of()), 403)).isEqualTo("insufficient-scope");
        assertThat(problem(analyst.get(certificates(v, district)), 403))
                .as("a masked reader sees the volunteer, may not hold their certificates").isEqualTo("forbidden");
        assertThat(problem(http.as(other, "VOLUNTEER", district, null).post(certificates(v, district), Map.of()),
                404)).as("another volunteer: out of sight is missing").isEqualTo("not-found");
        assertThat(problem(http.as("admin-yj", "STATION_ADMIN", district, "s-yj").post(certificates(v, district),
                Map.of()), 404)).isEqualTo("not-found");
        assertThat(problem(http.as("admin-x", "DISTRICT_ADMIN", "other-" + district, "center")
                .post("/api/v1/volunteers/" + v + "/certificates?district=other-" + district, Map.of()), 404))
                .as("another district").isEqualTo("not-found");
        assertThat(problem(http.as("admin-x", "DISTRICT_ADMIN", "other-" + district, "center")
                .get(certificates(v, district)), 404)).isEqualTo("not-found");

        // Listed newest first, read alone, for the volunteer and staff alike
        JsonNode listed = awaitJson(certificates(v, district), node -> node.size() == 3);
        assertThat(listed.get(0).get("certificateId").asText()).isEqualTo(march.get("certificateId").asText());
        assertThat(listed.get(2).get("certificateId").asText()).isEqualTo(certificateId);
        JsonNode one = http.read(own.get(base + "/certificates/" + certificateId + "?district=" + district));
        assertThat(one.get("verificationCode").asText()).isEqualTo(code);
        assertThat(one.get("issuedAt")).isEqualTo(all.get("issuedAt"));
        assertThat(one.get("verifyUrl")).isEqualTo(all.get("verifyUrl"));
        assertThat(one.get("valid").asBoolean()).isTrue();
        assertThat(problem(own.get(base + "/certificates/cert-nope?district=" + district), 404))
                .isEqualTo("not-found");
        assertThat(problem(http.as(other, "VOLUNTEER", district, null).get(base + "/certificates/" + certificateId
                + "?district=" + district), 404)).isEqualTo("not-found");

        // The PDF, read back
        ResponseEntity<byte[]> pdf = rest.exchange(base + "/certificates/" + certificateId + "/pdf?district="
                + district, org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(
                bearer(v, district)), byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"certificate-" + certificateId + ".pdf\"");
        assertThat(pdf.getBody().length).as("a subset of the 4 MB font").isLessThan(300_000);
        PdfPages.Read read = PdfPages.read(pdf.getBody());
        assertThat(read.text()).contains("志愿服务证明", "姓名：欧阳娜娜", "身份证号：5001**********" + idNumber.substring(14),
                "服务期间：2026-03-14 至 " + today, "服务类别：全部", "累计服务时长：14.5 小时", "服务次数：3 次",
                "出具单位：" + UNIT_NAME, "出具日期：" + today, "验证码：" + code).doesNotContain(idNumber, "已失效");
        assertThat(read.fonts()).anyMatch(font -> font.isEmbedded() && font.getName().matches("[A-Z]{6}\\+.*"));
        assertThat(read.qr()).isEqualTo(all.get("verifyUrl").asText());

        // Public verification: no token, masked facts only, every check an event
        HttpResponse<String> checked = verify(code.toLowerCase().replace("-", ""));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        JsonNode answer = json.readTree(checked.body());
        assertThat(iterable(answer.fieldNames())).containsExactlyInAnyOrderElementsOf(PUBLIC_FIELDS);
        assertThat(answer.get("code").asText()).isEqualTo(code);
        assertThat(answer.get("valid").asBoolean()).isTrue();
        assertThat(answer.get("maskedName").asText()).isEqualTo("欧**娜");
        assertThat(answer.get("hours").asDouble()).isEqualTo(14.5);
        assertThat(answer.get("sessions").asInt()).isEqualTo(3);
        assertThat(answer.get("issuingUnitName").asText()).isEqualTo(UNIT_NAME);
        assertThat(checked.body()).doesNotContain(v, idNumber, "欧阳娜娜", "s-cert");
        assertThat(verifiedEvents(certificateId)).isEqualTo(1);
        verify(code);
        assertThat(verifiedEvents(certificateId)).isEqualTo(2);
        assertThat(verify("0000-0000-0000-0000").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = verify("not-a-code");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(json.readTree(malformed.body()).get("type").asText()).endsWith("/not-found");
        assertThat(anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + certificates(v, district))).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("only verification is open").isEqualTo(401);

        // Revoking a counted grant ends the certificate; the one by platform did not count it and holds
        ResponseEntity<String> revoked = admin.post(base + "/honour-hours/" + grant + "/revoke?district=" + district,
                Map.of("reason", "与活动记录重复"));
        assertThat(revoked.getStatusCode().value()).as(revoked.getBody()).isEqualTo(200);
        JsonNode after = await().atMost(PATIENCE).until(() -> json.readTree(verify(code).body()),
                node -> !node.get("valid").asBoolean());
        assertThat(after.get("invalidReason").asText()).isEqualTo("hours-revoked");
        assertThat(http.read(own.get(base + "/certificates/" + certificateId + "?district=" + district))
                .get("invalidReason").asText()).isEqualTo("hours-revoked");
        String careCode = http.read(care).get("verificationCode").asText();
        assertThat(json.readTree(verify(careCode).body()).get("valid").asBoolean()).isTrue();
        assertThat(PdfPages.read(pdf(v, district, certificateId)).text()).contains("已失效", "本证明所计服务时长已被撤销");
        Document event = mongo.getDb().getCollection("domain_events").find(and(eq("aggregateIdentifier",
                certificateId), regex("payloadType", "CertificateVerified$"))).sort(new Document("sequenceNumber", -1))
                .first();
        assertThat(event.get("payload").toString()).contains("hours-revoked");
    }

    @Test
    void shouldLetStaffRevokeACertificateButNotTheVolunteer() throws Exception {
        String district = districtWithChineseStation();
        String v = register(district, Registrations.adult("张伟", uniquePhone(), "s-cert"));
        Http admin = http.as("admin-jl", "INSTITUTE_ADMIN", district, "i-jl");
        honour(admin, district, v, 3, "敬老院助老服务补录");
        awaitJson("/api/v1/volunteers/" + v + "/hours?district=" + district,
                node -> node.get("totalHalfHours").asInt() == 6);
        JsonNode issued = http.read(admin.post(certificates(v, district), Map.of()));
        String certificateId = issued.get("certificateId").asText();
        String revoke = "/api/v1/volunteers/" + v + "/certificates/" + certificateId + "/revoke?district=" + district;
        awaitJson(certificates(v, district), node -> node.size() == 1);

        assertThat(problem(http.as(v, "VOLUNTEER", district, null).post(revoke, Map.of("reason", "不想要了")), 403))
                .isEqualTo("forbidden");
        assertThat(problem(admin.post(revoke, Map.of("reason", " ")), 400)).isEqualTo("invalid-field");
        ResponseEntity<String> revoked = admin.post(revoke, Map.of("reason", "信息有误，重新出具"));
        assertThat(revoked.getStatusCode().value()).as(revoked.getBody()).isEqualTo(200);
        assertThat(http.read(revoked).get("invalidReason").asText()).isEqualTo("revoked");
        assertThat(problem(admin.post(revoke, Map.of("reason", "again")), 409)).isEqualTo("already-revoked");

        JsonNode answer = await().atMost(PATIENCE).until(() -> json.readTree(verify(issued.get("verificationCode")
                .asText()).body()), node -> !node.get("valid").asBoolean());
        assertThat(answer.get("invalidReason").asText()).isEqualTo("revoked");
        assertThat(answer.get("maskedName").asText()).isEqualTo("张*");
        assertThat(PdfPages.read(pdf(v, district, certificateId)).text()).contains("已失效", "本证明已被出具单位撤销",
                "姓名：张伟");
    }

    @Test
    void shouldEndTheCertificatesOfAnErasedVolunteerAndKeepNoNameBehind() throws Exception {
        String district = districtWithChineseStation();
        String v = register(district, Registrations.adult("欧阳娜娜", uniquePhone(), "s-cert"));
        Http admin = http.as("admin-jl", "INSTITUTE_ADMIN", district, "i-jl");
        honour(admin, district, v, 4, "文明实践志愿服务补录");
        awaitJson("/api/v1/volunteers/" + v + "/hours?district=" + district,
                node -> node.get("totalHalfHours").asInt() == 8);
        JsonNode issued = http.read(http.as(v, "VOLUNTEER", district, null).post(certificates(v, district), Map.of()));
        String certificateId = issued.get("certificateId").asText();
        String code = issued.get("verificationCode").asText();
        awaitJson(certificates(v, district), node -> node.size() == 1);
        assertThat(json.readTree(verify(code).body()).get("maskedName").asText()).isEqualTo("欧**娜");

        ResponseEntity<String> erased = http.as(v, "VOLUNTEER", district, null)
                .post("/api/v1/volunteers/" + v + "/erase?district=" + district, null);
        assertThat(erased.getStatusCode().value()).as(erased.getBody()).isEqualTo(200);
        awaitVolunteer(district, v, node -> node.get("erased").asBoolean());

        JsonNode answer = json.readTree(verify(code).body());
        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("invalidReason").asText()).isEqualTo("volunteer-erased");
        assertThat(answer.get("maskedName").isNull()).isTrue();
        assertThat(answer.get("hours").asDouble()).as("the facts certified stay").isEqualTo(4.0);
        assertThat(problem(admin.post(certificates(v, district), Map.of()), 409)).isEqualTo("volunteer-erased");
        PdfPages.Read read = PdfPages.read(pdf(v, district, certificateId));
        assertThat(read.text()).contains("已失效", "该志愿者的信息已注销").doesNotContain("欧阳", "娜娜");
        for (String collection : List.of("volunteer_certificates", "certificate_codes")) {
            for (Document document : mongo.getDb().getCollection(collection).find()) {
                assertThat(document.toJson()).as(collection).doesNotContain("欧阳娜娜", "欧**娜");
            }
        }
        for (Document event : mongo.getDb().getCollection("domain_events").find(eq("aggregateIdentifier",
                certificateId))) {
            assertThat(event.toJson()).doesNotContain("欧阳娜娜", "欧**娜");
        }
    }

    private String districtWithChineseStation() {
        String district = newDistrict("cert");
        treeOf(district);
        Platform.publish("OrgTree", district, 9, List.of(new OrgUnitEstablished("s-cert", district, "S-CERT",
                UNIT_NAME, OrgTier.STATION, "i-jl", null, null, new GeoPoint(29.51, 106.51),
                Set.of(ServicePlatform.CARE), List.of(), LocalDate.of(2026, 1, 1))));
        await().atMost(PATIENCE).until(() -> units.unit(district, "s-cert").isPresent());
        return district;
    }

    private String honour(Http admin, String district, String volunteerId, double hours, String reason) {
        ResponseEntity<String> granted = admin.post("/api/v1/volunteers/" + volunteerId + "/honour-hours?district="
                + district, Map.of("hours", hours, "reason", reason));
        assertThat(granted.getStatusCode().value()).as(granted.getBody()).isEqualTo(201);
        return http.read(granted).get("grantId").asText();
    }

    private HttpResponse<String> verify(String code) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/certificates/verify/" + code)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] pdf(String volunteerId, String district, String certificateId) {
        ResponseEntity<byte[]> pdf = rest.exchange("/api/v1/volunteers/" + volunteerId + "/certificates/"
                        + certificateId + "/pdf?district=" + district, org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer(volunteerId, district)), byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        return pdf.getBody();
    }

    private static HttpHeaders bearer(String volunteerId, String district) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(cloud.practice.testing.TestIdentity.get().token(volunteerId, "VOLUNTEER", district,
                null, cloud.practice.support.security.Scopes.forRole(cloud.practice.support.security.Role.VOLUNTEER)));
        return headers;
    }

    private long verifiedEvents(String certificateId) {
        return mongo.getDb().getCollection("domain_events").countDocuments(and(eq("aggregateIdentifier",
                certificateId), regex("payloadType", "CertificateVerified$")));
    }

    private String problem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        String type = http.read(response).get("type").asText();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private static String certificates(String volunteerId, String district) {
        return "/api/v1/volunteers/" + volunteerId + "/certificates?district=" + district;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
