package cloud.practice.auth.notices;

import cloud.practice.auth.AuthSettings;
import cloud.practice.testing.MovableClock;
import cloud.practice.auth.StandInStore;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.sms.SmsSender;
import cloud.practice.support.security.Role;
import cloud.practice.support.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import cloud.practice.auth.sms.OutboxSmsSender;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The notice rules against the MongoDB-wire stand-in, time moved by the test, messages caught by a fake sender. */
class NoticeSmsTest {

    static final String D = "cq-jiulongpo";
    static final String OTHER = "cq-yuzhong";
    static final String CLIENT = "notification-service";
    static final String MOBILE = "13812345678";
    static final String TEXT = "您有一个新的服务订单：助老陪诊，请在30分钟内回复";

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00.123456789Z"));
    final MongoTemplate mongo = StandInStore.freshDatabase();
    final Accounts accounts = new Accounts(mongo);
    final PeopleAudit audit = new PeopleAudit(mongo, clock);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<SmsSender.SmsMessage> sent = new ArrayList<>();
    /** What the fake provider does with a message; records it by default. */
    Consumer<SmsSender.SmsMessage> provider = sent::add;
    /** How the fake provider answers a message it took: with its id, the delivery to be reported later. */
    SmsSender.Accepted accepted = SmsSender.Accepted.byProvider("900619746936498440^0");
    final NoticeReceipts receipts = new NoticeReceipts(mongo, clock, meters);
    final NoticeSms notices = new NoticeSms(mongo, new AuthSettings.Notices(3), accounts, message -> {
        provider.accept(message);
        return accepted;
    }, receipts, audit, clock, meters);

    String resident(String district, String mobile) {
        String id = "acc-" + java.util.UUID.randomUUID();
        accounts.create(new Account(id, district, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, mobile, null,
                null, null, null, null, false, clock.instant()));
        return id;
    }

    static NoticeSms.Notice notice(String reference) {
        return new NoticeSms.Notice(D, reference, "order-offered", TEXT);
    }

    List<Document> stored() {
        return mongo.getDb().getCollection(NoticeSms.COLLECTION).find().into(new ArrayList<>());
    }

    static ApiException apiError(Runnable call) {
        return catchThrowableOfType(ApiException.class, call::run);
    }

    static NoticeSms.RetryLater retryLater(Runnable call) {
        return catchThrowableOfType(NoticeSms.RetryLater.class, call::run);
    }

    @Test
    void shouldSendTheTextToTheAccountsOwnNumberAndKeepNeitherNumberNorText() {
        String account = resident(D, MOBILE);
        NoticeSms.NoticeSent answer = notices.send(CLIENT, null, account, notice("dlv-1"));

        assertThat(answer).isEqualTo(new NoticeSms.NoticeSent("dlv-1", "sent", Instant.parse("2026-03-01T08:00:00.123Z")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).mobile()).isEqualTo(MOBILE);
        assertThat(sent.get(0).text()).isEqualTo(TEXT);
        assertThat(sent.get(0).template()).isEqualTo(SmsSender.Template.NOTICE);
        assertThat(sent.get(0).kind()).isEqualTo("order-offered");
        assertThat(sent.get(0).code()).isNull();
        assertThat(stored()).hasSize(1);
        assertThat(stored().get(0).toJson()).as("the reference's record").contains("dlv-1", account, CLIENT, D)
                .doesNotContain(MOBILE).doesNotContain("助老");
        assertThat(audit.page(D, 0, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(CLIENT);
            assertThat(entry.action()).isEqualTo("notice-sms-sent");
            assertThat(entry.targetId()).isEqualTo(account);
        });
        assertThat(meters.counter("practice.auth.notice.sms", "outcome", "sent").count()).isEqualTo(1);
    }

    @Test
    void shouldGiveTheProviderTheNoticesOutIdAndKeepItWithTheProvidersIdForTheReport() {
        String account = resident(D, MOBILE);
        notices.send(CLIENT, null, account, notice("dlv-1"));

        String outId = NoticeReceipts.outIdOf("dlv-1");
        assertThat(sent.get(0).outId()).isEqualTo(outId);
        Document record = stored().get(0);
        assertThat(record.getString("outId")).isEqualTo(outId);
        assertThat(record.getString("bizId")).isEqualTo("900619746936498440^0");
        assertThat(record.containsKey("outcome")).as("the provider reports the delivery later").isFalse();

        clock.advance(Duration.ofSeconds(3));
        assertThat(receipts.record(new NoticeReceipts.Report(outId, false, "IC:0015 空号",
                Instant.parse("2026-03-01T08:00:02Z")))).isEqualTo(NoticeReceipts.Recorded.RECORDED);
        assertThat(stored().get(0).getString("outcome")).isEqualTo("undelivered");
        assertThat(stored().get(0).getString("reason")).isEqualTo("IC:0015 空号");
    }

    @Test
    void shouldRecordANoticeAsDeliveredAtOnceWhenTheAdapterIsTheHandset() {
        accepted = SmsSender.Accepted.deliveredAtOnce();
        String account = resident(D, MOBILE);
        NoticeSms.NoticeSent answer = notices.send(CLIENT, null, account, notice("dlv-1"));

        Document record = stored().get(0);
        assertThat(record.getString("outcome")).isEqualTo("delivered");
        assertThat(record.get("reason")).isNull();
        assertThat(record.getDate("reportTime").toInstant()).isEqualTo(answer.sentAt());
        assertThat(record.getDate("reportedAt").toInstant()).isEqualTo(answer.sentAt());
        assertThat(record.get("bizId")).isNull();
        assertThat(meters.counter("practice.auth.notice.sms.reports", "outcome", "delivered").count()).isEqualTo(1);
    }

    @Test
    void shouldRecordANoticeTheRealOutboxWroteAsDeliveredAtOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sms-outbox.jsonl");
        NoticeSms throughTheOutbox = new NoticeSms(mongo, new AuthSettings.Notices(3), accounts,
                new OutboxSmsSender(file, clock), receipts, audit, clock, meters);
        String account = resident(D, MOBILE);
        throughTheOutbox.send(CLIENT, null, account, notice("dlv-1"));

        assertThat(Files.readAllLines(file)).singleElement().asString().contains(MOBILE);
        assertThat(stored().get(0).getString("outcome")).isEqualTo("delivered");
        clock.advance(NoticeReceipts.SETTLE);
        assertThat(receipts.after(CLIENT, D, null, 10).receipts()).singleElement().satisfies(receipt -> {
            assertThat(receipt.reference()).isEqualTo("dlv-1");
            assertThat(receipt.outcome()).isEqualTo("delivered");
        });
    }

    @Test
    void shouldAnswerARepeatAsTheFirstTimeAndSendNothingAgain() {
        String account = resident(D, MOBILE);
        NoticeSms.NoticeSent first = notices.send(CLIENT, null, account, notice("dlv-1"));
        clock.advance(Duration.ofMinutes(10));
        accounts.closeAndAnonymise(account);

        assertThat(notices.send(CLIENT, null, account, notice("dlv-1"))).as("even once the account closed")
                .isEqualTo(first);
        assertThat(sent).hasSize(1);
        assertThat(audit.count(D)).isEqualTo(1);

        ApiException otherAccount = apiError(() -> notices.send(CLIENT, null, resident(D, "13900000001"),
                notice("dlv-1")));
        assertThat(otherAccount.status().value()).isEqualTo(409);
        assertThat(otherAccount.type()).isEqualTo("conflict");
        ApiException otherClient = apiError(() -> notices.send("another-client", null, account, notice("dlv-1")));
        assertThat(otherClient.type()).isEqualTo("conflict");
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldAnswerAccountsOfAnotherDistrictAndUnknownOnesAlike() {
        String elsewhere = resident(OTHER, MOBILE);
        String here = resident(D, "13900000002");
        List<ApiException> refusals = List.of(
                apiError(() -> notices.send(CLIENT, null, elsewhere, notice("dlv-1"))),
                apiError(() -> notices.send(CLIENT, null, "acc-nobody", notice("dlv-2"))),
                // A client bound to another district than the one named: not even its own accounts are found there.
                apiError(() -> notices.send("district-client", OTHER, here, notice("dlv-3"))),
                apiError(() -> notices.send("district-client", OTHER, elsewhere, notice("dlv-4"))));
        for (ApiException refusal : refusals) {
            assertThat(refusal.status().value()).isEqualTo(404);
            assertThat(refusal.type()).isEqualTo("not-found");
            assertThat(refusal.getMessage()).doesNotContain(OTHER, D);
        }
        assertThat(notices.send("district-client", D, here, notice("dlv-5")).status()).isEqualTo("sent");
        assertThat(sent).hasSize(1);
        assertThat(stored()).as("refusals record nothing").hasSize(1);
    }

    @Test
    void shouldRefuseClosedDisabledAndNumberlessAccountsAsPermanent() {
        String closed = resident(D, MOBILE);
        accounts.closeAndAnonymise(closed);
        String disabled = resident(D, "13900000003");
        accounts.setStatus(disabled, AccountStatus.DISABLED);
        String staff = "acc-staff";
        accounts.create(new Account(staff, D, AccountKind.STAFF, AccountStatus.ACTIVE, "grid-1", null, "{bcrypt}x",
                Role.GRID_WORKER, "s-1", null, null, false, clock.instant()));

        assertThat(apiError(() -> notices.send(CLIENT, null, closed, notice("dlv-1"))).type())
                .isEqualTo("account-closed");
        assertThat(apiError(() -> notices.send(CLIENT, null, disabled, notice("dlv-2"))).type())
                .isEqualTo("account-disabled");
        ApiException numberless = apiError(() -> notices.send(CLIENT, null, staff, notice("dlv-3")));
        assertThat(numberless.status().value()).isEqualTo(409);
        assertThat(numberless.type()).isEqualTo("no-mobile");
        assertThat(sent).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void shouldRecordNothingWhenTheProviderFailsSoThatTheRetrySends() {
        String account = resident(D, MOBILE);
        provider = message -> {
            throw new SmsSender.SmsFailure("provider down");
        };
        NoticeSms.RetryLater down = retryLater(() -> notices.send(CLIENT, null, account, notice("dlv-1")));
        assertThat(down.status().value()).isEqualTo(503);
        assertThat(down.type()).isEqualTo("sms-unavailable");
        assertThat(down.retryAfterSeconds()).isEqualTo(30);
        assertThat(stored()).isEmpty();
        assertThat(audit.count(D)).isZero();

        provider = sent::add;
        assertThat(notices.send(CLIENT, null, account, notice("dlv-1")).status()).isEqualTo("sent");
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldCapTheNoticesToOneAccountInAnyHour() {
        String account = resident(D, MOBILE);
        String other = resident(D, "13900000004");
        for (int i = 1; i <= 3; i++) {
            notices.send(CLIENT, null, account, notice("dlv-" + i));
            clock.advance(Duration.ofMinutes(10));
        }
        NoticeSms.RetryLater capped = retryLater(() -> notices.send(CLIENT, null, account, notice("dlv-4")));
        assertThat(capped.status().value()).isEqualTo(429);
        assertThat(capped.type()).isEqualTo("too-many-messages");
        assertThat(capped.retryAfterSeconds()).as("until the first of the three is an hour old")
                .isEqualTo(Duration.ofMinutes(30).toSeconds());
        assertThat(sent).hasSize(3);
        assertThat(notices.send(CLIENT, null, other, notice("dlv-5")).status()).as("another account").isEqualTo("sent");
        assertThat(notices.send(CLIENT, null, account, notice("dlv-2")).status()).as("a repeat is no new message")
                .isEqualTo("sent");

        clock.advance(Duration.ofMinutes(30));
        assertThat(notices.send(CLIENT, null, account, notice("dlv-4")).status()).as("the hour moved on")
                .isEqualTo("sent");
        assertThat(sent).hasSize(5);
    }

    @Test
    void shouldAskARepeatToWaitWhileTheFirstIsBeingSent() {
        String account = resident(D, MOBILE);
        List<NoticeSms.RetryLater> during = new ArrayList<>();
        provider = message -> {
            // The same reference arrives while the first request is still with the provider.
            during.add(retryLater(() -> notices.send(CLIENT, null, account, notice("dlv-1"))));
            sent.add(message);
        };
        notices.send(CLIENT, null, account, notice("dlv-1"));
        assertThat(during).singleElement().satisfies(wait -> {
            assertThat(wait.status().value()).isEqualTo(503);
            assertThat(wait.type()).isEqualTo("send-in-progress");
        });
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldTakeOverAClaimACrashedSendLeftBehind() {
        String account = resident(D, MOBILE);
        // What a send that died between its claim and the provider's answer leaves.
        mongo.getDb().getCollection(NoticeSms.COLLECTION).insertOne(new Document("_id", "dlv-1")
                .append("state", "PENDING").append("clientId", CLIENT).append("accountId", account)
                .append("districtId", D).append("kind", "order-offered").append("at", Date.from(clock.instant())));
        assertThat(retryLater(() -> notices.send(CLIENT, null, account, notice("dlv-1"))).type())
                .isEqualTo("send-in-progress");
        assertThat(sent).isEmpty();

        clock.advance(NoticeSms.ABANDONED_AFTER);
        assertThat(notices.send(CLIENT, null, account, notice("dlv-1")).status()).isEqualTo("sent");
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldForgetAReferenceAfterTheRetention() {
        String account = resident(D, MOBILE);
        notices.send(CLIENT, null, account, notice("dlv-1"));
        clock.advance(NoticeSms.RETENTION.minusSeconds(1));
        notices.send(CLIENT, null, account, notice("dlv-1"));
        assertThat(sent).as("still remembered").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        notices.send(CLIENT, null, account, notice("dlv-1"));
        assertThat(sent).as("forgotten: a new message").hasSize(2);
        assertThat(mongo.getDb().getCollection(NoticeSms.COLLECTION).listIndexes().into(new ArrayList<>()).stream()
                .filter(index -> index.containsKey("expireAfterSeconds"))
                .map(index -> index.get("expireAfterSeconds", Number.class).longValue()).toList())
                .as("MongoDB forgets by itself").containsExactly(NoticeSms.RETENTION.toSeconds());
    }
}
