package cloud.practice.support.privacy;

import cloud.practice.support.web.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for real-name details wherever a person gives them (the volunteer registry, the issuer's accounts): a
 * mainland mobile number and the 18-character resident ID number of GB 11643 with its check character and the birth
 * date it encodes.
 */
public final class RealName {

    /** A mainland mobile number, optionally with +86 (for {@code @Pattern}). */
    public static final String PHONE = "(\\+86)?1[3-9][0-9]{9}";
    /** An 18-character resident ID number (for {@code @Pattern}); {@link #checkIdNumber} checks the rest. */
    public static final String ID_NUMBER = "[1-9][0-9]{16}[0-9Xx]";

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private RealName() {
    }

    /** The number without +86: one person, one spelling (what is stored and compared). */
    public static String mobile(String phone) {
        return phone.startsWith("+86") ? phone.substring(3) : phone;
    }

    /**
     * An ID number in its stored form (upper-case X), or 400 naming {@code field}: wrong shape, wrong ISO 7064 MOD
     * 11-2 check character, no valid birth date in it, or — when {@code birthDate} is given — another one.
     */
    public static String checkIdNumber(String field, String idNumber, LocalDate birthDate) {
        String normal = idNumber.toUpperCase(Locale.ROOT);
        if (!normal.matches(ID_NUMBER)) {
            throw ApiException.badRequest(field, "idNumber is not an 18-character resident ID number");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (normal.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        if (ID_CHECK.charAt(sum % 11) != normal.charAt(17)) {
            throw ApiException.badRequest(field, "idNumber has a wrong check character");
        }
        LocalDate encoded = birthDate(normal)
                .orElseThrow(() -> ApiException.badRequest(field, "idNumber encodes no valid birth date"));
        if (birthDate != null && !encoded.equals(birthDate)) {
            throw ApiException.badRequest(field, "idNumber does not match birthDate");
        }
        return normal;
    }

    private static Optional<LocalDate> birthDate(String idNumber) {
        try {
            return Optional.of(LocalDate.parse(idNumber.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
