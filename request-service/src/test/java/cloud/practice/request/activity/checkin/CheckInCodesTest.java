package cloud.practice.request.activity.checkin;

import cloud.practice.request.activity.checkin.CheckInCodes.IssuedCode;
import cloud.practice.request.activity.checkin.CheckInCodes.Verdict;
import cloud.practice.testing.MovableClock;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Check-in codes at exact window boundaries, on a clock the test moves: accepted in their own window and the next,
 * never one window early nor two windows later, and only for the activity and district they were made for with the
 * key they were signed with.
 */
class CheckInCodesTest {

    static final String D = "cq-jiulongpo";
    static final String ACTIVITY = "act-1f0c";
    static final Duration WINDOW = Duration.ofSeconds(30);
    /** The start of window 58,000,000 (30 s windows). */
    static final Instant START = Instant.ofEpochSecond(58_000_000L * 30);
    static final byte[] KEY = key('k');

    final MovableClock clock = new MovableClock(START.plusSeconds(7));
    final CheckInCodes codes = codes(KEY, WINDOW, clock);

    @Test
    void shouldIssueTheCodeOfTheCurrentWindowSignedAsTheFormatSays() throws Exception {
        IssuedCode issued = codes.issue(D, ACTIVITY);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expectedMac = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                ("PCI1|" + D + "|" + ACTIVITY + "|58000000").getBytes(StandardCharsets.UTF_8))).substring(0, 22);
        assertThat(issued.code()).isEqualTo("PCI1." + ACTIVITY + ".58000000." + expectedMac);
        assertThat(issued.activityId()).isEqualTo(ACTIVITY);
        assertThat(issued.issuedAt()).isEqualTo(START.plusSeconds(7));
        assertThat(issued.refreshAt()).isEqualTo(START.plus(WINDOW));
        assertThat(issued.expiresAt()).isEqualTo(START.plus(WINDOW.multipliedBy(2)));
    }

    @Test
    void shouldAcceptACodeFromTheFirstInstantOfItsWindowToTheLastOfTheNext() {
        String code = codes.issue(D, ACTIVITY).code();
        for (Instant at : new Instant[]{START, START.plusSeconds(29), START.plus(WINDOW),
                START.plus(WINDOW.multipliedBy(2)).minusNanos(1)}) {
            clock.set(at);
            assertThat(codes.verify(D, ACTIVITY, code)).as("at %s", at).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void shouldRefuseACodeAsExpiredFromTheStartOfTheWindowAfterTheNext() {
        IssuedCode issued = codes.issue(D, ACTIVITY);
        for (Instant at : new Instant[]{issued.expiresAt(), issued.expiresAt().plusSeconds(15),
                START.plus(Duration.ofDays(1))}) {
            clock.set(at);
            assertThat(codes.verify(D, ACTIVITY, issued.code())).as("at %s", at).isEqualTo(Verdict.EXPIRED);
        }
    }

    @Test
    void shouldRefuseACodeOfAWindowStillToCome() {
        String code = codes.issue(D, ACTIVITY).code();
        clock.set(START.minusNanos(1));
        assertThat(codes.verify(D, ACTIVITY, code)).isEqualTo(Verdict.INVALID);
        clock.set(START.minus(WINDOW.multipliedBy(5)));
        assertThat(codes.verify(D, ACTIVITY, code)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void shouldRefuseAnotherActivitysOrDistrictsCode() {
        String code = codes.issue(D, ACTIVITY).code();
        assertThat(codes.verify(D, "act-other", code)).as("shown at another activity").isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, "act-other", code.replace(ACTIVITY, "act-other")))
                .as("renamed for another activity").isEqualTo(Verdict.INVALID);
        assertThat(codes.verify("cq-yuzhong", ACTIVITY, code)).as("another district's activity of that id")
                .isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, codes.issue("cq-yuzhong", ACTIVITY).code()))
                .as("made for another district").isEqualTo(Verdict.INVALID);
    }

    @Test
    void shouldRefuseATamperedOrForeignCodeAsInvalidNeverAsExpired() {
        String code = codes.issue(D, ACTIVITY).code();
        String mac = code.substring(code.lastIndexOf('.') + 1);
        String flipped = code.substring(0, code.length() - 1) + (code.endsWith("A") ? "B" : "A");
        assertThat(codes.verify(D, ACTIVITY, flipped)).isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, "PCI1." + ACTIVITY + ".58000001." + mac)).as("moved a window on")
                .isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, "PCI1." + ACTIVITY + ".57999990." + mac)).as("an old window, not its MAC")
                .isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, code + "x")).as("a longer MAC").isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, code.substring(0, code.length() - 1))).as("a shorter MAC")
                .isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, code.replace("PCI1.", "PCI2."))).isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, code.replace(".58000000.", ".5800000x."))).isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, code.replace(".58000000.", ".-1."))).isEqualTo(Verdict.INVALID);
        assertThat(codes.verify(D, ACTIVITY, codes(key('z'), WINDOW, clock).issue(D, ACTIVITY).code()))
                .as("signed with another key").isEqualTo(Verdict.INVALID);
    }

    @Test
    void shouldKeepBoundariesExactWithTheShortestWindow() {
        Duration five = Duration.ofSeconds(5);
        clock.set(Instant.ofEpochSecond(1_000_000_000L));
        CheckInCodes fast = codes(KEY, five, clock);
        IssuedCode issued = fast.issue(D, ACTIVITY);
        assertThat(issued.code()).contains(".200000000.");
        assertThat(issued.refreshAt()).isEqualTo(Instant.ofEpochSecond(1_000_000_005L));
        assertThat(issued.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_000_000_010L));
        clock.set(issued.expiresAt().minusNanos(1));
        assertThat(fast.verify(D, ACTIVITY, issued.code())).isEqualTo(Verdict.VALID);
        clock.set(issued.expiresAt());
        assertThat(fast.verify(D, ACTIVITY, issued.code())).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void shouldRefuseSettingsThatWouldWeakenTheCodes() {
        String good = Base64.getEncoder().encodeToString(KEY);
        assertThatThrownBy(() -> new CheckInSettings(Duration.ofSeconds(4), good)).hasMessageContaining("window");
        assertThatThrownBy(() -> new CheckInSettings(Duration.ofMillis(7500), good)).hasMessageContaining("window");
        assertThatThrownBy(() -> new CheckInSettings(WINDOW, Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CheckInSettings(WINDOW, "not base64!")).hasMessageContaining("base64");
        assertThat(new CheckInSettings(WINDOW, "  ").configuredKey()).isEmpty();
        assertThat(new CheckInSettings(WINDOW, " " + good + " ").configuredKey()).hasValueSatisfying(
                key -> assertThat(key).isEqualTo(KEY));
    }

    static CheckInCodes codes(byte[] key, Duration window, Clock clock) {
        CheckInSettings settings = new CheckInSettings(window, Base64.getEncoder().encodeToString(key));
        return new CheckInCodes(new CheckInSecret(settings, null), settings, clock);
    }

    static byte[] key(char fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
