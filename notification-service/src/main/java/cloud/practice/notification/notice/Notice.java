package cloud.practice.notification.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * A notice for one recipient about one cause: what the inbox shows and what the channels send.
 *
 * @param id         derived from district, kind, cause and recipient ({@link #idOf}): raising it again is a no-op
 * @param cause      what raised it, unique per kind and recipient ({@code req-1@7}: the request's event at sequence 7;
 *                   {@code req-1|ACCEPT|2026-12-07T02:00:00Z}: a clock)
 * @param title      the headline, at most 20 characters
 * @param body       the text, at most 200 characters
 * @param link       the people's ends' page it points to, or null
 * @param at         when the cause happened
 * @param fields     the facts the text was made of, for channels whose templates take fields
 */
public record Notice(String id, String districtId, Recipient recipient, NoticeKind kind, String cause, String title,
                     String body, String link, Instant at, Map<String, String> fields) {

    public Notice {
        fields = Map.copyOf(fields);
    }

    public static Notice of(String districtId, Recipient recipient, NoticeKind kind, String cause, String title,
                            String body, String link, Instant at, Map<String, String> fields) {
        return new Notice(idOf(districtId, kind, cause, recipient), districtId, recipient, kind, cause,
                clip(title, 20), clip(body, 200), link, at, fields);
    }

    /** {@code ntc-} and 32 hex digits of SHA-256 over the parts: stable, opaque, no personal value readable in it. */
    static String idOf(String districtId, NoticeKind kind, String cause, Recipient recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    String.join("|", districtId, kind.name(), cause, recipient.key()).getBytes(StandardCharsets.UTF_8));
            return "ntc-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cut to {@code max} code points, ending with … when cut. */
    static String clip(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end) + "…";
    }
}
