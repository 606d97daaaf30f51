package cloud.practice.notification.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a call to the message push URL comes from WeChat: WeChat sends {@code signature}, {@code timestamp} and
 * {@code nonce} in the query of the URL check (GET, with {@code echostr}) and of every push (POST), and the signature
 * is the SHA-1, in hex, of the push token, the timestamp and the nonce sorted as strings and joined
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html, 第二步：验证消息的确来自微信服务器).
 * The signature covers neither the body nor the time it was made, so this also refuses a timestamp more than
 * {@link #MAX_SKEW} away from now: a signed query seen once (in a proxy's log, say) cannot be used for long.
 */
public final class WeChatPushSignature {

    /** How far a push's timestamp may be from now, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{40}");
    /** WeChat's nonces are a few digits; anything far longer is not one of them. */
    private static final int LONGEST_NONCE = 64;

    private final String token;

    public WeChatPushSignature(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a push token is needed to check WeChat's signatures");
        }
        this.token = token;
    }

    /** @return whether the three parameters are WeChat's, signed with this token, and made within the skew of now */
    public boolean verifies(String signature, String timestamp, String nonce, Instant now) {
        if (signature == null || timestamp == null || nonce == null || !SIGNATURE.matcher(signature).matches()
                || !TIMESTAMP.matcher(timestamp).matches() || nonce.isEmpty() || nonce.length() > LONGEST_NONCE) {
            return false;
        }
        Instant made = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(made, now).abs().compareTo(MAX_SKEW) > 0) {
            return false;
        }
        String[] parts = {token, timestamp, nonce};
        Arrays.sort(parts);
        byte[] expected = HexFormat.of().formatHex(sha1(String.join("", parts))).getBytes(StandardCharsets.US_ASCII);
        // In constant time: how much of a guess was right must not show in how long the answer took.
        return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
