package cloud.practice.gateway.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data that may appear in a logged path: mainland China mobile numbers (11 digits, 1[3-9]…) keep
 * their first 3 and last 4 digits, resident ID numbers (18 characters, 17 digits and a digit or X; and the old
 * 15-digit form) keep their first 4 and last 4; client addresses lose their host part. Numbers inside longer digit
 * runs are left alone (they are not phone or ID numbers).
 */
public final class PersonalDataMask {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{4})(\\d{10}|\\d{7})(\\d{3}[\\dXx]|\\d{4})(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(ID_NUMBER, text, m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
        return replace(MOBILE, masked, m -> m.group(1) + "****" + m.group(3));
    }

    /** {@code 203.0.113.7} → {@code 203.0.113.x}; IPv6 keeps its first four groups. */
    public static String address(String address) {
        int lastDot = address.lastIndexOf('.');
        if (address.indexOf(':') < 0 && lastDot > 0) {
            return address.substring(0, lastDot) + ".x";
        }
        String[] groups = address.split(":");
        if (groups.length > 4) {
            return String.join(":", groups[0], groups[1], groups[2], groups[3]) + ":x";
        }
        return address;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
