package cloud.practice.request.open311.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Webhook signatures: {@code X-Open311-Signature: sha256=<hex>} where the hex is HMAC-SHA256 with the
 * subscription's secret over {@code <X-Open311-Timestamp>.<body>}. Signing the timestamp with the body lets a
 * receiver refuse replays of old deliveries (it should accept only recent timestamps).
 */
public final class Signatures {

    public static final String SIGNATURE_HEADER = "X-Open311-Signature";
    public static final String TIMESTAMP_HEADER = "X-Open311-Timestamp";
    public static final String DELIVERY_HEADER = "X-Open311-Delivery";
    public static final String EVENT_HEADER = "X-Open311-Event";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check, as a receiver should do it. */
    public static boolean verify(String secret, long timestamp, String body, String signature) {
        return signature != null && MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** 256 random bits, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
