package cloud.practice.auth.people;

import cloud.practice.support.web.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;

/**
 * The password rules: at least {@code minLength} characters (length is what makes a password strong; no composition
 * rules), at most 72 bytes in UTF-8 (all that bcrypt reads; Spring refuses more); stored only as the
 * delegating encoder's adaptive hash. Passwords an admin hands out are generated here: 16 characters from an
 * alphabet without look-alikes, 80 bits.
 */
public final class Passwords {

    /** Bytes of UTF-8: bcrypt reads no more. */
    public static final int MAX_LENGTH = 72;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private final PasswordEncoder encoder;
    private final int minLength;
    private final SecureRandom random = new SecureRandom();

    public Passwords(PasswordEncoder encoder, int minLength) {
        this.encoder = encoder;
        this.minLength = minLength;
    }

    /** The hash of a password a person chose, or 400 naming {@code field}. */
    public String hashChosen(String field, String password) {
        if (password == null || password.length() < minLength) {
            throw ApiException.badRequest(field, field + " must have at least " + minLength + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ApiException.badRequest(field, field + " must have at most " + MAX_LENGTH + " bytes");
        }
        return encoder.encode(password);
    }

    public String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && encoder.matches(password, hash);
    }
}
