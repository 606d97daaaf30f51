package cloud.practice.auth.codes;

import cloud.practice.auth.AuthSettings;
import cloud.practice.testing.MovableClock;
import cloud.practice.auth.StandInStore;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.sms.SmsSender;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code rules against the MongoDB-wire stand-in, time moved by the test. */
class OneTimeCodesTest {

    static final String MOBILE = "13812345678";

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final List<SmsSender.SmsMessage> sent = new ArrayList<>();
    final MongoTemplate mongo = StandInStore.freshDatabase();
    boolean smsDown;
    final OneTimeCodes codes = new OneTimeCodes(mongo, AuthSettings.Codes.defaults(), message -> {
        if (smsDown) {
            throw new SmsSender.SmsFailure("provider refused");
        }
        sent.add(message);
        return SmsSender.Accepted.byProvider(null);
    }, PersonalDataSeal.load(""), clock);

    String lastCode() {
        Matcher digits = Pattern.compile("([0-9]{6})").matcher(sent.get(sent.size() - 1).text());
        assertThat(digits.find()).isTrue();
        assertThat(sent.get(sent.size() - 1).code()).isEqualTo(digits.group(1));
        return digits.group(1);
    }

    static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void shouldSendSixRandomDigitsStoredOnlyAsAHashAndGoodOnce() {
        OneTimeCodes.Issued issued = codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.1", true);
        assertThat(issued.expiresInSeconds()).isEqualTo(300);
        assertThat(issued.resendAfterSeconds()).isEqualTo(60);
        String code = lastCode();
        assertThat(sent.get(0).mobile()).isEqualTo(MOBILE);
        assertThat(mongo.getDb().getCollection(OneTimeCodes.CODES).find().first().toJson())
                .as("neither the code nor the number in the store").doesNotContain(code).doesNotContain(MOBILE);
        for (String collection : List.of(OneTimeCodes.CODES, OneTimeCodes.SENDS)) {
            mongo.getDb().getCollection(collection).find().forEach(stored -> assertThat(stored.toJson())
                    .as("no number, address or plain hash of either in " + collection)
                    .doesNotContain(MOBILE, "198.51.100.1", OneTimeCodes.hash(MOBILE), OneTimeCodes.hash("198.51.100.1")));
        }
        assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, code)).as("another purpose").isFalse();
        assertThat(codes.verify(MOBILE, CodePurpose.SIGN_UP, code)).isTrue();
        assertThat(codes.verify(MOBILE, CodePurpose.SIGN_UP, code)).as("good once").isFalse();
    }

    @Test
    void shouldRefuseACodeOnceItExpired() {
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", true);
        String code = lastCode();
        clock.advance(Duration.ofMinutes(5));
        assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, code)).as("5 minutes on: dead").isFalse();

        clock.advance(Duration.ofMinutes(1));
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", true);
        String next = lastCode();
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, next)).as("just inside its life").isTrue();
    }

    @Test
    void shouldKillACodeAfterFiveWrongAttempts() {
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", true);
        String code = lastCode();
        for (int i = 0; i < 4; i++) {
            assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, wrong(code))).isFalse();
        }
        clock.advance(Duration.ofMinutes(1));
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", true);
        String second = lastCode();
        for (int i = 0; i < 4; i++) {
            assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, wrong(second))).isFalse();
        }
        assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, second)).as("four wrong tries leave it alive").isTrue();

        clock.advance(Duration.ofMinutes(1));
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", true);
        String third = lastCode();
        for (int i = 0; i < 5; i++) {
            assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, wrong(third))).isFalse();
        }
        assertThat(codes.verify(MOBILE, CodePurpose.LOGIN, third)).as("the fifth wrong try killed it").isFalse();
    }

    @Test
    void shouldSpaceResendsAndCapThemPerNumberAndPerAddress() {
        codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.1", true);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.2", true))
                .isInstanceOfSatisfying(TooManyCodes.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        for (int i = 1; i < 5; i++) {
            clock.advance(Duration.ofSeconds(61));
            codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.1", true);
        }
        assertThat(sent).hasSize(5);
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.3", true))
                .as("the sixth in an hour").isInstanceOf(TooManyCodes.class);
        clock.advance(Duration.ofMinutes(56));
        codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.3", true);
        assertThat(sent).as("an hour after the first, one more").hasSize(6);

        for (int i = 0; i < 20; i++) {
            codes.issue("139000000%02d".formatted(i), CodePurpose.SIGN_UP, "203.0.113.9", true);
        }
        assertThatThrownBy(() -> codes.issue("13700000000", CodePurpose.SIGN_UP, "203.0.113.9", true))
                .as("the 21st from one address in an hour").isInstanceOf(TooManyCodes.class);
        codes.issue("13700000000", CodePurpose.SIGN_UP, "203.0.113.10", true);
    }

    @Test
    void shouldCountButNeitherStoreNorSendALoginCodeForANumberWithoutAccount() {
        codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", false);
        assertThat(sent).isEmpty();
        assertThat(mongo.getDb().getCollection(OneTimeCodes.CODES).countDocuments()).isZero();
        assertThatThrownBy(() -> codes.issue(MOBILE, CodePurpose.LOGIN, "198.51.100.1", false))
                .as("limited exactly like a real send").isInstanceOf(TooManyCodes.class);
    }

    @Test
    void shouldNeitherKeepNorCountACodeTheProviderRefused() {
        smsDown = true;
        assertThatThrownBy(() -> codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.1", true))
                .isInstanceOf(SmsSender.SmsFailure.class);
        assertThat(mongo.getDb().getCollection(OneTimeCodes.CODES).countDocuments()).isZero();
        smsDown = false;
        codes.issue(MOBILE, CodePurpose.SIGN_UP, "198.51.100.1", true);
        assertThat(codes.verify(MOBILE, CodePurpose.SIGN_UP, lastCode())).isTrue();
    }
}
