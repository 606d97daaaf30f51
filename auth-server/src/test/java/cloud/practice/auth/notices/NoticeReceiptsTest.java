package cloud.practice.auth.notices;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.StandInStore;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Delivery reports and the receipts feed against the MongoDB-wire stand-in, with notices sent by {@link NoticeSms}
 * through a fake provider and time moved by the test.
 */
class NoticeReceiptsTest {

    static final String D = "cq-jiulongpo";
    static final String OTHER = "cq-yuzhong";
    static final String CLIENT = "notification-service";

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T02:00:00.123456Z"));
    final MongoTemplate mongo = StandInStore.freshDatabase();
    final Accounts accounts = new Accounts(mongo);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<SmsSender.SmsMessage> sent = new ArrayList<>();
    final NoticeReceipts receipts = new NoticeReceipts(mongo, clock, meters);
    final NoticeSms notices = new NoticeSms(mongo, new AuthSettings.Notices(1000), accounts, message -> {
        sent.add(message);
        return SmsSender.Accepted.byProvider("biz-" + sent.size());
    }, receipts, new PeopleAudit(mongo, clock), clock, meters);

    int residents;

    String resident(String district) {
        String id = "acc-" + UUID.randomUUID();
        accounts.create(new Account(id, district, AccountKind.RESIDENT, AccountStatus.ACTIVE, null,
                "139" + String.format("%08d", ++residents), null, null, null, null, null, false, clock.instant()));
        return id;
    }

    /** Sends a notice and answers its outId, as the provider got it. */
    String sendNotice(String client, String district, String reference) {
        notices.send(client, null, resident(district),
                new NoticeSms.Notice(district, reference, "order-offered", "您有一个新的服务订单"));
        return sent.get(sent.size() - 1).outId();
    }

    NoticeReceipts.Recorded report(String outId, boolean delivered) {
        return receipts.record(new NoticeReceipts.Report(outId, delivered, delivered ? null : "IC:0015 空号",
                Instant.parse("2026-12-07T10:00:03+08:00")));
    }

    Document record(String reference) {
        return mongo.getDb().getCollection(NoticeSms.COLLECTION).find(new Document("_id", reference)).first();
    }

    static ApiException badRequest(Runnable call) {
        ApiException refused = catchThrowableOfType(ApiException.class, call::run);
        assertThat(refused).isNotNull();
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.type()).isEqualTo("invalid-field");
        return refused;
    }

    @Test
    void shouldDeriveAShortStableOutIdOfLettersAndDigits() {
        String reference = "cq-jiulongpo|order-offered|req-" + "x".repeat(80) + "|acc-1:sms";
        assertThat(NoticeReceipts.outIdOf(reference)).matches("n[a-z2-7]{14}")
                .isEqualTo(NoticeReceipts.outIdOf(reference));
        Set<String> distinct = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> distinct.add(NoticeReceipts.outIdOf("dlv-" + i)));
        assertThat(distinct).hasSize(10_000);
    }

    @Test
    void shouldRecordTheFirstReportOnlyAndCountTheRest() {
        String delivered = sendNotice(CLIENT, D, "dlv-1");
        String undelivered = sendNotice(CLIENT, D, "dlv-2");
        clock.advance(Duration.ofSeconds(3));

        assertThat(report(delivered, true)).isEqualTo(NoticeReceipts.Recorded.RECORDED);
        assertThat(report(undelivered, false)).isEqualTo(NoticeReceipts.Recorded.RECORDED);
        Document first = record("dlv-1");
        assertThat(first.getString("outcome")).isEqualTo("delivered");
        assertThat(first.get("reason")).isNull();
        assertThat(first.getDate("reportTime").toInstant()).isEqualTo(Instant.parse("2026-12-07T02:00:03Z"));
        assertThat(first.getDate("reportedAt").toInstant()).isEqualTo(Instant.parse("2026-12-07T02:00:03.123Z"));
        assertThat(record("dlv-2").getString("outcome")).isEqualTo("undelivered");
        assertThat(record("dlv-2").getString("reason")).isEqualTo("IC:0015 空号");

        clock.advance(Duration.ofMinutes(1));
        assertThat(report(delivered, false)).as("a second report, even another outcome").isEqualTo(
                NoticeReceipts.Recorded.REPEATED);
        assertThat(record("dlv-1")).as("first one wins").isEqualTo(first);
        assertThat(report("nunknown0000000", true)).isEqualTo(NoticeReceipts.Recorded.UNMATCHED);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "delivered").count()).isEqualTo(1);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "undelivered").count())
                .isEqualTo(1);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "repeated").count()).isEqualTo(1);
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "unmatched").count()).isEqualTo(1);
    }

    @Test
    void shouldListAReceiptOnlyOnceItHasSettled() {
        report(sendNotice(CLIENT, D, "dlv-1"), true);
        NoticeReceipts.ReceiptPage fresh = receipts.after(CLIENT, D, null, 10);
        assertThat(fresh.receipts()).isEmpty();

        clock.advance(NoticeReceipts.SETTLE.minusMillis(1));
        assertThat(receipts.after(CLIENT, D, null, 10).receipts()).as("4.999 s old").isEmpty();
        clock.advance(Duration.ofMillis(1));
        NoticeReceipts.ReceiptPage settled = receipts.after(CLIENT, D, fresh.next(), 10);
        assertThat(settled.receipts()).containsExactly(new NoticeReceipts.Receipt("dlv-1", "delivered", null,
                Instant.parse("2026-12-07T02:00:03Z")));
        assertThat(settled.next()).isNotEqualTo(fresh.next());
    }

    @Test
    void shouldListOnlyTheCallersOwnReceiptsOfTheDistrictAsked() {
        report(sendNotice(CLIENT, D, "dlv-mine"), true);
        report(sendNotice("another-client", D, "dlv-theirs"), true);
        report(sendNotice(CLIENT, OTHER, "dlv-elsewhere"), false);
        sendNotice(CLIENT, D, "dlv-unreported");
        clock.advance(NoticeReceipts.SETTLE);

        assertThat(receipts.after(CLIENT, D, null, 10).receipts()).extracting(NoticeReceipts.Receipt::reference)
                .containsExactly("dlv-mine");
        assertThat(receipts.after(CLIENT, OTHER, null, 10).receipts()).extracting(NoticeReceipts.Receipt::reference)
                .containsExactly("dlv-elsewhere");
        assertThat(receipts.after("another-client", D, null, 10).receipts())
                .extracting(NoticeReceipts.Receipt::reference).containsExactly("dlv-theirs");
    }

    @Test
    void shouldPageInOrderWithoutLossOrRepeatAcrossTiesAndNewReceipts() {
        // Seven receipts recorded at one instant (ties broken by reference), three more a second later.
        List<String> outIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outIds.add(sendNotice(CLIENT, D, "dlv-" + (char) ('j' - i)));
        }
        for (int i = 0; i < 7; i++) {
            report(outIds.get(i), true);
        }
        clock.advance(Duration.ofSeconds(1));
        for (int i = 7; i < 10; i++) {
            report(outIds.get(i), i % 2 == 0);
        }
        clock.advance(NoticeReceipts.SETTLE);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            NoticeReceipts.ReceiptPage answer = receipts.after(CLIENT, D, cursor, 3);
            sizes.add(answer.receipts().size());
            answer.receipts().forEach(receipt -> listed.add(receipt.reference()));
            if (answer.receipts().isEmpty()) {
                assertThat(answer.next()).as("nothing new: the same cursor").isEqualTo(cursor);
                break;
            }
            cursor = answer.next();
            if (page == 1) {
                // Recorded while the caller is paging: it comes after everything listed so far.
                report(sendNotice(CLIENT, D, "dlv-a-late"), true);
                clock.advance(NoticeReceipts.SETTLE);
            }
        }
        assertThat(listed).containsExactly("dlv-d", "dlv-e", "dlv-f", "dlv-g", "dlv-h", "dlv-i", "dlv-j",
                "dlv-a", "dlv-b", "dlv-c", "dlv-a-late");
        assertThat(sizes).containsExactly(3, 3, 3, 2, 0);
    }

    @Test
    void shouldAnswerTheBeginningWhenThereIsNeitherCursorNorReceipt() {
        NoticeReceipts.ReceiptPage empty = receipts.after(CLIENT, D, null, 10);
        assertThat(empty.receipts()).isEmpty();
        assertThat(empty.next()).isNotBlank();

        report(sendNotice(CLIENT, D, "dlv-1"), true);
        clock.advance(NoticeReceipts.SETTLE);
        assertThat(receipts.after(CLIENT, D, empty.next(), 10).receipts()).hasSize(1);
    }

    @Test
    void shouldRefuseCursorsItDidNotGiveAndLimitsOutOfRange() {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "1765072800000:dlv-1".getBytes(StandardCharsets.UTF_8));
        assertThat(receipts.after(CLIENT, D, encoded, 10).receipts()).as("a well-formed cursor").isEmpty();
        for (String bad : List.of("", "not base64!", base64("no-colon"), base64(":dlv-1"), base64("12x:dlv-1"),
                base64("1765072800000:dlv/1"), base64("99999999999999999999:dlv-1"),
                base64("1:" + "r".repeat(121)), base64("1:{\"$gt\":\"\"}"))) {
            assertThat(badRequest(() -> receipts.after(CLIENT, D, bad, 10)).properties())
                    .as(bad).containsEntry("field", "after");
        }
        for (int limit : new int[]{0, -1, 1001}) {
            assertThat(badRequest(() -> receipts.after(CLIENT, D, null, limit)).properties())
                    .containsEntry("field", "limit");
        }
        assertThat(receipts.after(CLIENT, D, null, 1000).receipts()).isEmpty();
    }

    static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
