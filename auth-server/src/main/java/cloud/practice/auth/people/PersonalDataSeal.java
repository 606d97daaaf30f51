package cloud.practice.auth.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Seals real-name details (name, ID number) before they are stored: AES-256-GCM with a random nonce per value, so a
 * dump of the store shows neither. The key lives in a file (mount it from a Secret, like the signing key); without
 * one a key is made per start and details sealed before a restart can no longer be opened — the issuer only ever
 * shows them masked, so nothing but that display is lost.
 */
public final class PersonalDataSeal {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSeal.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;
    /** Its own key for fingerprints, derived from the data key: sealing and fingerprinting never share one. */
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    PersonalDataSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.fingerprintKey = new SecretKeySpec(derive(key, "fingerprint"), "HmacSHA256");
    }

    public static PersonalDataSeal load(String keyFile) {
        byte[] key = new byte[32];
        if (keyFile == null || keyFile.isBlank()) {
            log.warn("practice.auth.data-key-file is not set: real-name details sealed now cannot be opened after a "
                    + "restart");
            new SecureRandom().nextBytes(key);
            return new PersonalDataSeal(key);
        }
        Path path = Path.of(keyFile);
        try {
            if (Files.exists(path)) {
                key = Base64.getDecoder().decode(Files.readString(path, StandardCharsets.US_ASCII).strip());
                if (key.length != 32) {
                    throw new IllegalStateException("data key file " + keyFile + " does not hold 32 bytes (base64)");
                }
                return new PersonalDataSeal(key);
            }
            new SecureRandom().nextBytes(key);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's protection has to do
            }
            return new PersonalDataSeal(key);
        } catch (IOException e) {
            throw new UncheckedIOException("data key file " + keyFile, e);
        }
    }

    /**
     * A keyed fingerprint of a number or an address (HMAC-SHA256 under a key derived from the data key): the same
     * text always gives the same fingerprint, so limits and look-ups work across instances, but a dump of the store
     * cannot be turned back into numbers by hashing every possible one.
     */
    public String fingerprint(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String text) {
        if (text == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, all, 0, nonce.length);
            System.arraycopy(sealed, 0, all, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text, or empty when it was sealed under another key (or is not sealed at all). */
    public Optional<String> open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return Optional.of(new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
