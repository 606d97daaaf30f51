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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The report endpoint's own rules without HTTP (SmsReceiptsIT has them over HTTP): no token configured is no
 * endpoint, times without a zone are Beijing time, reports of messages sent without an OutId are skipped.
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

    static String report(String outId, String reportTime) {
        return "{\"phone_number\":\"13812345678\",\"send_time\":\"2026-12-07 10:00:00\",\"report_time\":\""
                + reportTime + "\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                + "\"sms_size\":\"1\",\"biz_id\":\"1^0\",\"out_id\":" + outId + "}";
    }

    @Test
    void shouldBeNoEndpointWithoutAConfiguredTokenAndRecordNothing() {
        String outId = sendNotice("dlv-1");
        for (String token : new String[]{null, "", TOKEN}) {
            ApiException missing = catchThrowableOfType(ApiException.class, () -> controller("")
                    .reports(token, batch(report("\"" + outId + "\"", "2026-12-07 10:00:03"))));
            assertThat(missing.status().value()).isEqualTo(404);
            assertThat(missing.type()).isEqualTo("not-found");
        }
        assertThat(record("dlv-1").containsKey("outcome")).isFalse();

        assertThat(controller(TOKEN).reports(TOKEN, batch(report("\"" + outId + "\"", "2026-12-07 10:00:03"))))
                .isEqualTo(new SmsReportController.Received(0, "接收成功"));
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
    void shouldSkipReportsOfMessagesSentWithoutAnOutIdAndCountThem() {
        String outId = sendNotice("dlv-1");
        assertThat(controller(TOKEN).reports(TOKEN, batch(report("\"\"", "2026-12-07 10:00:03"),
                report("null", "2026-12-07 10:00:03"), report("\"nunknown0000000\"", "2026-12-07 10:00:03"),
                report("\"" + outId + "\"", "2026-12-07 10:00:03")))).isEqualTo(
                new SmsReportController.Received(0, "接收成功"));
        assertThat(record("dlv-1").getString("outcome")).isEqualTo("delivered");
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "not-a-notice").count())
                .isEqualTo(2);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "unmatched").count()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAReportTokenAnyoneCouldGuess() {
        assertThatThrownBy(() -> controller("short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRACTICE_SMS_REPORT_TOKEN");
    }
}
