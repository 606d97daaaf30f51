package cloud.practice.auth.notices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the notices' classes share: SHA-256 of a text, and the clock at the store's precision. */
public final class NoticeSupport {

    private NoticeSupport() {
    }

    /** SHA-256 of the text's UTF-8: a notice's outId, the report token's comparison. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Millisecond precision: what the store keeps, so a repeat answers the very same instant and a cursor names a
     * receipt's {@code reportedAt} exactly.
     */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
