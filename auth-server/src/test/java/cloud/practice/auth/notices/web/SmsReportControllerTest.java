package cloud.practice.auth.notices.web;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.StandInStore;
import cloud.practice.auth.notices.NoticeReceipts;
import cloud.practice.auth.notices.NoticeSms;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.sms.SmsSender;
import cloud.practice.support.web.ApiException;
import cloud.practice.testing.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletInputStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The report endpoint's own rules without HTTP (SmsReceiptsIT has them over HTTP): no token configured is no
 * endpoint, times without a zone are Beijing time, reports of messages sent without an OutId are skipped, and the
 * body is not read before the token is checked, nor beyond its own cap.
 */
class SmsReportControllerTest {

    static final String TOKEN = "a-report-token-of-some-length";
    static final String D = "cq-jiulongpo";

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T02:00:00Z"));
    final MongoTemplate mongo = StandInStore.freshDatabase();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final NoticeReceipts receipts = new NoticeReceipts(mongo, clock, meters);
    final Accounts accounts = new Accounts(mongo);
    final NoticeSms notices = new NoticeSms(mongo, new AuthSettings.Notices(20), accounts,
            message -> SmsSender.Accepted.byProvider("biz-1"), receipts, new PeopleAudit(mongo, clock), clock,
            meters);

    SmsReportController controller(String token) {
        AuthSettings.Sms sms = AuthSettings.Sms.outbox("unused.jsonl");
        return new SmsReportController(receipts, new AuthSettings("http://localhost:9000", "practice-cloud",
                Duration.ofMinutes(10), "", "", 10, List.of(), List.of(), AuthSettings.Brake.defaults(),
                AuthSettings.Codes.defaults(), new AuthSettings.Sms(sms.provider(), sms.outboxFile(), sms.endpoint(),
                sms.regionId(), "", "", "", "", "", sms.timeout(), token), AuthSettings.Notices.defaults()), meters);
    }

    String sendNotice(String reference) {
        String account = "acc-" + reference;
        accounts.create(new Account(account, D, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, "13812345678",
                null, null, null, null, null, false, clock.instant()));
        notices.send("notification-service", null, account, new NoticeSms.Notice(D, reference, "order-offered",
                "您有一个新的服务订单"));
        return NoticeReceipts.outIdOf(reference);
    }

    Document record(String reference) {
        return mongo.getDb().getCollection("notice_sms").find(new Document("_id", reference)).first();
    }

    static byte[] batch(String... reports) {
        return ("[" + String.join(",", reports) + "]").getBytes(StandardCharsets.UTF_8);
    }

    static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/people/sms/reports");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    /** A request whose body fails the test if anything reads it, of the length declared. */
    static MockHttpServletRequest unreadable(long declaredLength) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/people/sms/reports") {
            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("the body was read");
            }

            @Override
            public BufferedReader getReader() {
                throw new AssertionError("the body was read");
            }

            @Override
            public long getContentLengthLong() {
                return declaredLength;
            }
        };
        request.setContentType("application/json");
        return request;
    }

    /** A request without a Content-Length (chunked) whose stream counts what is read of it. */
    static MockHttpServletRequest chunked(byte[] body, AtomicLong read) {
        InputStream counting = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                int n = super.read(into, offset, length);
                read.addAndGet(Math.max(n, 0));
                return n;
            }

            @Override
            public synchronized int read() {
                int b = super.read();
                read.addAndGet(b < 0 ? 0 : 1);
                return b;
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/people/sms/reports") {
            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(counting);
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContentType("application/json");
        return request;
    }

    /** One report padded with spaces after the array to exactly {@code size} bytes (still one JSON document). */
    static byte[] paddedTo(String report, int size) {
        byte[] batch = batch(report);
        byte[] padded = new byte[size];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(batch, 0, padded, 0, batch.length);
        return padded;
    }

    static String report(String outId, String reportTime) {
        return "{\"phone_number\":\"13812345678\",\"send_time\":\"2026-12-07 10:00:00\",\"report_time\":\""
                + reportTime + "\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                + "\"sms_size\":\"1\",\"biz_id\":\"1^0\",\"out_id\":" + outId + "}";
    }

    @Test
    void shouldBeNoEndpointWithoutAConfiguredTokenAndRecordNothing() throws Exception {
        String outId = sendNotice("dlv-1");
        for (String token : new String[]{null, "", TOKEN}) {
            ApiException missing = catchThrowableOfType(ApiException.class, () -> controller("")
                    .reports(token, post(batch(report("\"" + outId + "\"", "2026-12-07 10:00:03")))));
            assertThat(missing.status().value()).isEqualTo(404);
            assertThat(missing.type()).isEqualTo("not-found");
        }
        assertThat(record("dlv-1").containsKey("outcome")).isFalse();

        assertThat(controller(TOKEN).reports(TOKEN,
                post(batch(report("\"" + outId + "\"", "2026-12-07 10:00:03")))))
                .isEqualTo(new SmsReportController.Received(0, "接收成功"));
        assertThat(record("dlv-1").getString("outcome")).isEqualTo("delivered");
    }

    @Test
    void shouldAnswerAWrongOrMissingTokenWithoutReadingTheBody() throws Exception {
        String outId = sendNotice("dlv-1");
        for (String wrong : new String[]{null, "", TOKEN + "x"}) {
            for (long declared : new long[]{-1, 300, SmsReportController.MAX_BODY + 1L, 1024 * 1024}) {
                ApiException refused = catchThrowableOfType(ApiException.class,
                        () -> controller(TOKEN).reports(wrong, unreadable(declared)));
                assertThat(refused).as(wrong + ", " + declared + " bytes").isNotNull();
                assertThat(refused.status().value()).as("401, not 400 for the size").isEqualTo(401);
                assertThat(refused.type()).isEqualTo("unauthenticated");
            }
        }
        ApiException none = catchThrowableOfType(ApiException.class,
                () -> controller("").reports(TOKEN, unreadable(1024 * 1024)));
        assertThat(none.status().value()).isEqualTo(404);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "refused").count()).isEqualTo(12);

        // Over the cap, from a caller that is not the provider: refused for who it is, nothing of it read.
        AtomicLong read = new AtomicLong();
        byte[] overCap = paddedTo(report("\"" + outId + "\"", "2026-12-07 10:00:03"),
                SmsReportController.MAX_BODY + 1);
        ApiException wrong = catchThrowableOfType(ApiException.class,
                () -> controller(TOKEN).reports("wrong-" + TOKEN, chunked(overCap, read)));
        assertThat(wrong.status().value()).isEqualTo(401);
        assertThat(read.get()).isZero();
        assertThat(record("dlv-1").containsKey("outcome")).as("nothing recorded").isFalse();
    }

    @Test
    void shouldRefuseABodyOverItsCapWithTheRightTokenAndRecordNothing() throws Exception {
        String outId = sendNotice("dlv-1");
        String good = report("\"" + outId + "\"", "2026-12-07 10:00:03");
        byte[] overCap = paddedTo(good, SmsReportController.MAX_BODY + 1);

        // Declared over the cap: refused before reading.
        ApiException declared = catchThrowableOfType(ApiException.class, () -> controller(TOKEN)
                .reports(TOKEN, unreadable(SmsReportController.MAX_BODY + 1L)));
        assertThat(declared.status().value()).isEqualTo(400);
        assertThat(declared.properties()).containsEntry("field", "body");

        // Declared over the cap with the body in hand (a valid batch, but too long): the same.
        ApiException byLength = catchThrowableOfType(ApiException.class,
                () -> controller(TOKEN).reports(TOKEN, post(overCap)));
        assertThat(byLength.status().value()).isEqualTo(400);
        assertThat(byLength.properties()).containsEntry("field", "body");

        // Chunked, no length: read one byte past the cap and no further.
        AtomicLong read = new AtomicLong();
        ApiException streamed = catchThrowableOfType(ApiException.class, () -> controller(TOKEN)
                .reports(TOKEN, chunked(paddedTo(good, 2 * SmsReportController.MAX_BODY), read)));
        assertThat(streamed.status().value()).isEqualTo(400);
        assertThat(streamed.type()).isEqualTo("invalid-field");
        assertThat(streamed.properties()).containsEntry("field", "body");
        assertThat(read.get()).isEqualTo(SmsReportController.MAX_BODY + 1L);
        assertThat(record("dlv-1").containsKey("outcome")).as("nothing recorded").isFalse();

        // Exactly at the cap, chunked: taken.
        assertThat(controller(TOKEN).reports(TOKEN, chunked(paddedTo(good, SmsReportController.MAX_BODY),
                new AtomicLong()))).isEqualTo(new SmsReportController.Received(0, "接收成功"));
        assertThat(record("dlv-1").getString("outcome")).isEqualTo("delivered");
    }

    @Test
    void shouldReadTimesWithoutAZoneAsBeijingTime() {
        assertThat(SmsReportController.reportTime("2026-12-07 10:00:03", "[0]"))
                .isEqualTo(Instant.parse("2026-12-07T02:00:03Z"));
        assertThat(SmsReportController.reportTime("2026-12-07T10:00:03", "[0]"))
                .isEqualTo(Instant.parse("2026-12-07T02:00:03Z"));
        assertThat(SmsReportController.reportTime("2026-12-07T10:00:03Z", "[0]"))
                .isEqualTo(Instant.parse("2026-12-07T10:00:03Z"));
        for (String bad : new String[]{"2026-12-07", "2026-13-07 10:00:03", "1765072803", ""}) {
            assertThatThrownBy(() -> SmsReportController.reportTime(bad, "[2]")).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, refused ->
                            assertThat(refused.properties()).containsEntry("field", "[2].report_time"));
        }
    }

    @Test
    void shouldSkipReportsOfMessagesSentWithoutAnOutIdAndCountThem() throws Exception {
        String outId = sendNotice("dlv-1");
        assertThat(controller(TOKEN).reports(TOKEN, post(batch(report("\"\"", "2026-12-07 10:00:03"),
                report("null", "2026-12-07 10:00:03"), report("\"nunknown0000000\"", "2026-12-07 10:00:03"),
                report("\"" + outId + "\"", "2026-12-07 10:00:03"))))).isEqualTo(
                new SmsReportController.Received(0, "接收成功"));
        assertThat(record("dlv-1").getString("outcome")).isEqualTo("delivered");
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "not-a-notice").count())
                .isEqualTo(2);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "unmatched").count()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAReportTokenAnyoneCouldGuess() {
        assertThatThrownBy(() -> controller("short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRACTICE_AUTH_SMS_REPORT_TOKEN");
    }
}
