package cloud.practice.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loop answers exactly what Spring Security's StrictHttpFirewall expressions answer. */
class HeaderTextTest {

    /** StrictHttpFirewall's expressions (spring-security-web 6.5), for header and parameter names and for values. */
    static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void shouldAnswerWhatTheFirewallsExpressionsAnswerForEveryCodePoint() {
        int refusedNames = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = new String(Character.toChars(c));
            boolean name = NAME.matcher(text).matches();
            assertThat(HeaderText.allowedName(text)).as("name U+%04X", c).isEqualTo(name);
            assertThat(HeaderText.allowedValue(text)).as("value U+%04X", c).isEqualTo(VALUE.matcher(text).matches());
            refusedNames += name ? 0 : 1;
        }
        assertThat(refusedNames).as("the expressions refuse controls and unassigned code points").isGreaterThan(1000);
    }

    @Test
    void shouldAnswerWhatTheExpressionsAnswerForMixedTexts() {
        Random random = new Random(42);
        int[] pool = {'a', 'Z', ' ', '\t', '\n', 0x7f, 0x85, 0x378, '中', 0xd83d, 0xde00, 0x1f600, 0xe0000, 0x10ffff,
                0xfffe, '.', '-', '='};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String s = text.toString();
            assertThat(HeaderText.allowedName(s)).as(s).isEqualTo(NAME.matcher(s).matches());
            assertThat(HeaderText.allowedValue(s)).as(s).isEqualTo(VALUE.matcher(s).matches());
        }
        assertThat(HeaderText.allowedValue("")).isTrue();
    }

    @Test
    void shouldLetABearerTokenThroughTheFirewallAndRefuseAControlCharacter() {
        String token = "Bearer eyJhbGciOiJSUzI1NiJ9." + "eyJzdWIiOiJsb2NhbC1vcHMifQ".repeat(30) + ".c2ln";
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/requests");
        request.addHeader("Authorization", token);
        request.addHeader("X-Evil", "a\u0007b");
        FirewalledRequest checked = HeaderText.firewall().getFirewalledRequest(request);
        assertThat(checked.getHeader("Authorization")).isEqualTo(token);
        assertThatThrownBy(() -> checked.getHeader("X-Evil")).isInstanceOf(RequestRejectedException.class);
    }
}
