package cloud.practice.notification.channel.wechat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WeChat's signature of its pushes: sha1 of the token, timestamp and nonce sorted as strings and joined, in hex. The
 * expected signatures below were worked out apart from the code: sorted by hand, hashed with {@code sha1sum}.
 */
class WeChatPushSignatureTest {

    /** Sorted "1714000000", "2468", "pushToken1": {@code printf 17140000002468pushToken1 | sha1sum}. */
    private static final String SIGNATURE = "9df3ee69d444c2302f4bfb1379cfdaf0dbf2fe75";
    private static final Instant AT = Instant.ofEpochSecond(1_714_000_000L);
    private final WeChatPushSignature signatures = new WeChatPushSignature("pushToken1");

    @Test
    void shouldTakeWeChatsSignatureInEitherCaseWithinFiveMinutes() {
        String signature = SIGNATURE;
        assertThat(signatures.verifies(signature, "1714000000", "2468", AT)).isTrue();
        assertThat(signatures.verifies(signature.toUpperCase(Locale.ROOT), "1714000000", "2468", AT)).isTrue();
        assertThat(signatures.verifies(signature, "1714000000", "2468", AT.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(signatures.verifies(signature, "1714000000", "2468", AT.minus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void shouldRefuseAnotherTokenAChangedParameterAnOldOrFutureTimeAndWhatIsNoSignatureAtAll() {
        String signature = SIGNATURE;
        assertThat(new WeChatPushSignature("pushToken2").verifies(signature, "1714000000", "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000001", "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", "2469", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", "2468", AT.plus(Duration.ofSeconds(301)))).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", "2468", AT.minus(Duration.ofSeconds(301)))).isFalse();
        assertThat(signatures.verifies(null, "1714000000", "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, null, "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", null, AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", "", AT)).isFalse();
        assertThat(signatures.verifies(signature.substring(1), "1714000000", "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000.0", "2468", AT)).isFalse();
        assertThat(signatures.verifies(signature, "1714000000", "9".repeat(65), AT)).isFalse();
        assertThatThrownBy(() -> new WeChatPushSignature(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
