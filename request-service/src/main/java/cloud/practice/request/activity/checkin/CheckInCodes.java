package cloud.practice.request.activity.checkin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The codes staff show as a QR on an activity's page: {@code PCI1.<activityId>.<window>.<mac>}, where {@code window}
 * is {@code floor(epochSeconds / windowSeconds)} and {@code mac} the first 22 characters of base64url (no padding) of
 * HMAC-SHA256 over {@code PCI1|<district>|<activityId>|<window>}. Bound to the activity and its district, a code is
 * accepted during its own window and the next one (a scan may take a few seconds), never before and never later, so
 * a screenshot passed on stops working within two windows.
 */
public class CheckInCodes {

    public static final String VERSION = "PCI1";
    /** 22 base64 characters: 132 of the MAC's 256 bits. */
    static final int MAC_CHARACTERS = 22;

    public enum Verdict { VALID, INVALID, EXPIRED }

    /**
     * A code to show now; {@code refreshAt} starts the next window (show the next code then), {@code expiresAt} ends
     * the next window: the code is accepted before it.
     */
    public record IssuedCode(String activityId, String code, Instant issuedAt, Instant refreshAt, Instant expiresAt) {
    }

    private final CheckInSecret secret;
    private final long windowSeconds;
    private final Clock clock;

    public CheckInCodes(CheckInSecret secret, CheckInSettings settings, Clock clock) {
        this.secret = secret;
        this.windowSeconds = settings.window().toSeconds();
        this.clock = clock;
    }

    public IssuedCode issue(String districtId, String activityId) {
        Instant now = clock.instant();
        long window = windowOf(now);
        return new IssuedCode(activityId, String.join(".", VERSION, activityId, Long.toString(window),
                mac(districtId, activityId, window)), now, startOf(window + 1), startOf(window + 2));
    }

    /**
     * INVALID: not a code of this activity of this district (another activity's, tampered, signed with another key,
     * malformed) or one of a window still to come; EXPIRED: a true code of a window before the previous one.
     */
    public Verdict verify(String districtId, String activityId, String code) {
        String[] parts = code.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].equals(activityId)
                || !parts[2].matches("[0-9]{1,18}")) {
            return Verdict.INVALID;
        }
        long window = Long.parseLong(parts[2]);
        if (!MessageDigest.isEqual(mac(districtId, activityId, window).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.UTF_8))) {
            return Verdict.INVALID;
        }
        long current = windowOf(clock.instant());
        if (window > current) {
            return Verdict.INVALID;
        }
        return window >= current - 1 ? Verdict.VALID : Verdict.EXPIRED;
    }

    private long windowOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), windowSeconds);
    }

    private Instant startOf(long window) {
        return Instant.ofEpochSecond(window * windowSeconds);
    }

    private String mac(String districtId, String activityId, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] signed = mac.doFinal(String.join("|", VERSION, districtId, activityId, Long.toString(window))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed).substring(0, MAC_CHARACTERS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
