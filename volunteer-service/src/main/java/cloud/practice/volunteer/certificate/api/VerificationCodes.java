package cloud.practice.volunteer.certificate.api;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Verification codes: 80 random bits as 16 characters of Crockford's base32 (no I, L, O, U), shown in groups of
 * four ({@code 7KQ2-M9XD-…}). Read back leniently as Crockford intends: any case, hyphens and spaces ignored, O read
 * as 0, I and L as 1. Unguessable by size alone: the public page needs no other secret.
 */
public final class VerificationCodes {

    public static final int LENGTH = 16;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCodes() {
    }

    public static String generate() {
        byte[] bits = new byte[LENGTH * 5 / 8];
        RANDOM.nextBytes(bits);
        StringBuilder code = new StringBuilder(LENGTH);
        int buffer = 0;
        int held = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xFF);
            held += 8;
            while (held >= 5) {
                code.append(ALPHABET.charAt((buffer >> (held - 5)) & 31));
                held -= 5;
            }
        }
        return code.toString();
    }

    /** The canonical 16 characters, or empty when the text cannot be a code. */
    public static Optional<String> normalise(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> {
                    continue;
                }
                case 'O' -> c = '0';
                case 'I', 'L' -> c = '1';
                default -> {
                }
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            code.append(c);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** {@code 7KQ2M9XD…} → {@code 7KQ2-M9XD-…}. */
    public static String grouped(String code) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < code.length(); i += 4) {
            if (i > 0) {
                shown.append('-');
            }
            shown.append(code, i, Math.min(code.length(), i + 4));
        }
        return shown.toString();
    }
}
