package cloud.practice.request.activity.checkin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The activities' QR check-in codes ({@code practice.request.check-in.*}).
 *
 * @param window how long one code is shown (whole seconds, at least 5 s); a code is accepted during its own window
 *               and the next, so a scan taking a few seconds still counts and a screenshot stops working soon after
 * @param secret the HMAC key, base64 of at least 32 bytes, the same on every replica (a Kubernetes Secret in
 *               production); blank: one is generated once and kept in MongoDB ({@link CheckInSecret})
 */
@ConfigurationProperties("practice.request.check-in")
public record CheckInSettings(@DefaultValue("30s") Duration window, String secret) {

    public static final Duration MIN_WINDOW = Duration.ofSeconds(5);
    public static final int MIN_SECRET_BYTES = 32;

    public CheckInSettings {
        if (window.compareTo(MIN_WINDOW) < 0 || window.getNano() != 0) {
            throw new IllegalArgumentException("practice.request.check-in.window must be whole seconds, at least "
                    + MIN_WINDOW.toSeconds() + " s (was " + window + ")");
        }
        secret = secret == null || secret.isBlank() ? null : secret.strip();
        if (secret != null) {
            decode(secret);
        }
    }

    /** The configured key, if one is. */
    public Optional<byte[]> configuredKey() {
        return Optional.ofNullable(secret).map(CheckInSettings::decode);
    }

    static byte[] decode(String secret) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("practice.request.check-in.secret must be base64");
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("practice.request.check-in.secret must hold at least "
                    + MIN_SECRET_BYTES + " bytes (was " + key.length + "): openssl rand -base64 32");
        }
        return key;
    }
}
