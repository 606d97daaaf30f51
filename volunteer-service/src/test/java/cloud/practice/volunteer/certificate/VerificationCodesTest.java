package cloud.practice.volunteer.certificate;

import cloud.practice.volunteer.certificate.api.VerificationCodes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationCodesTest {

    @Test
    void shouldDrawSixteenCrockfordCharactersEveryTimeAnew() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = VerificationCodes.generate();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{16}");
            codes.add(code);
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void shouldReadCodesBackAsPeopleTypeThem() {
        String code = VerificationCodes.generate();
        assertThat(VerificationCodes.grouped(code)).matches("(\\w{4}-){3}\\w{4}");
        assertThat(VerificationCodes.normalise(VerificationCodes.grouped(code).toLowerCase())).contains(code);
        assertThat(VerificationCodes.normalise("7kq2 m9xd 3ht5 wbLr")).contains("7KQ2M9XD3HT5WB1R");
        assertThat(VerificationCodes.normalise("OOOO-OOOO-OOOO-OOOO")).contains("0000000000000000");
    }

    @Test
    void shouldRefuseWhatCannotBeACode() {
        assertThat(VerificationCodes.normalise(null)).isEmpty();
        assertThat(VerificationCodes.normalise("7KQ2-M9XD-3HT5")).isEmpty();
        assertThat(VerificationCodes.normalise("7KQ2-M9XD-3HT5-WB1RX")).isEmpty();
        assertThat(VerificationCodes.normalise("7KQ2-M9XD-3HT5-WBUR")).as("U is not Crockford").isEmpty();
        assertThat(VerificationCodes.normalise("../../etc/passwd")).isEmpty();
        assertThat(VerificationCodes.normalise("A".repeat(41))).isEmpty();
    }
}
