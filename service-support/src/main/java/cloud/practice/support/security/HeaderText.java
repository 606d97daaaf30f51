package cloud.practice.support.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names, header values and parameter
 * names — assigned code points, no control characters (a tab allowed in values) — checked by a loop over the text
 * instead of the firewall's regular expression. The firewall checks a header each time it is read, and the bearer
 * token (about 900 characters) is read several times per request: through the expression that was a fifth of a
 * service's CPU on a request that does nothing else (docs/benchmarks.md, issue 24). Same answers for every text
 * ({@code HeaderTextTest} compares them with the firewall's expressions).
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** A header or parameter name: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    public static boolean allowedName(String text) {
        return allowed(text, false);
    }

    /** A header value: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    public static boolean allowedValue(String text) {
        return allowed(text, true);
    }

    /** The firewall with these checks, otherwise as strict as Spring Security's default. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        firewall.setAllowedParameterNames(HeaderText::allowedName);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII: the common case, all allowed
                i++;
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && c == '\t'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
