package cloud.practice.support.privacy;

/**
 * How personal data looks once it leaves the service that owns it: in events, reports, logs and other services'
 * read models. One implementation, so every service masks the same way.
 */
public final class Masking {

    private Masking() {
    }

    /** 13812345678 → 138*****678; short numbers are masked whole. Null or blank stays null. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9+]", "");
        if (digits.length() <= 6) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 6) + digits.substring(digits.length() - 3);
    }

    /** 张小明 → 张*明, 李四 → 李*, a single character stays as it is. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        int[] chars = name.strip().codePoints().toArray();
        if (chars.length == 1) {
            return name.strip();
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(chars[0]);
        if (chars.length == 2) {
            return masked.append('*').toString();
        }
        masked.append("*".repeat(chars.length - 2));
        return masked.appendCodePoint(chars[chars.length - 1]).toString();
    }

    /** 500107199001011234 → 5001**********1234. */
    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String value = id.strip();
        if (value.length() <= 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }
}
