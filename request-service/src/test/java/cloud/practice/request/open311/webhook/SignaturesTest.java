package cloud.practice.request.open311.webhook;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented scheme: sha256=hex(HMAC-SHA256(secret, "<timestamp>.<body>")). */
class SignaturesTest {

    @Test
    void shouldSignTimestampDotBodyWithHmacSha256() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal("1764300000.{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(Signatures.sign("whsec_test", 1_764_300_000L, "{\"status\":\"closed\"}")).isEqualTo(expected);
    }

    @Test
    void shouldVerifyOnlyTheExactTimestampBodyAndSecret() {
        String secret = Signatures.newSecret();
        String signature = Signatures.sign(secret, 1_764_300_000L, "{\"status\":\"closed\"}");

        assertThat(Signatures.verify(secret, 1_764_300_000L, "{\"status\":\"closed\"}", signature)).isTrue();
        assertThat(Signatures.verify(secret, 1_764_300_001L, "{\"status\":\"closed\"}", signature)).isFalse();
        assertThat(Signatures.verify(secret, 1_764_300_000L, "{\"status\":\"open\"}", signature)).isFalse();
        assertThat(Signatures.verify(Signatures.newSecret(), 1_764_300_000L, "{\"status\":\"closed\"}", signature)).isFalse();
        assertThat(Signatures.verify(secret, 1_764_300_000L, "{\"status\":\"closed\"}", null)).isFalse();
        assertThat(secret).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(Signatures.newSecret());
    }
}
