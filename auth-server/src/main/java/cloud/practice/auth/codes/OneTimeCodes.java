package cloud.practice.auth.codes;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.sms.SmsSender;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * One-time codes sent by SMS: six digits from {@link SecureRandom}, stored only as a salted SHA-256, alive for
 * {@code ttl}, dead after {@code maxAttempts} wrong tries, good once. A new code for the same number and purpose
 * replaces the old one. Sends are limited per number (one every {@code resendAfter}, {@code perNumberPerHour} an
 * hour) and per client address ({@code perAddressPerHour}); beyond, {@link TooManyCodes}. A code that the
 * {@link SmsSender} could not deliver is not stored and not counted. Numbers and addresses are stored only as keyed fingerprints here
 * ({@link PersonalDataSeal#fingerprint}).
 *
 * <p>{@code deliver = false} (a login code for a number without an account) goes through every limit and counts
 * like a real send but stores and sends nothing: the caller's answer is the same either way.
 */
public class OneTimeCodes {

    static final String CODES = "one_time_codes";
    static final String SENDS = "code_sends";
    private static final Duration HOUR = Duration.ofHours(1);

    /** What the caller is told: how long the code lives and when another may be asked for. */
    public record Issued(long expiresInSeconds, long resendAfterSeconds) {
    }

    private final MongoCollection<Document> codes;
    private final MongoCollection<Document> sends;
    private final AuthSettings.Codes settings;
    private final SmsSender sms;
    private final PersonalDataSeal seal;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param seal fingerprints numbers and addresses: neither is stored in clear or as a plain hash */
    public OneTimeCodes(MongoTemplate mongo, AuthSettings.Codes settings, SmsSender sms, PersonalDataSeal seal,
                        Clock clock) {
        this.codes = mongo.getDb().getCollection(CODES);
        this.sends = mongo.getDb().getCollection(SENDS);
        this.settings = settings;
        this.sms = sms;
        this.seal = seal;
        this.clock = clock;
    }

    public Issued issue(String mobile, CodePurpose purpose, String address, boolean deliver) {
        Instant now = clock.instant();
        String numberKey = "number:" + seal.fingerprint(mobile);
        String addressKey = "address:" + seal.fingerprint(address == null ? "unknown" : address);
        List<Instant> numberSends = recent(numberKey, now);
        if (!numberSends.isEmpty()) {
            Instant last = numberSends.get(numberSends.size() - 1);
            Instant next = last.plus(settings.resendAfter());
            if (now.isBefore(next)) {
                throw new TooManyCodes("A code was sent to this number just now; ask again in a moment",
                        Duration.between(now, next));
            }
        }
        if (numberSends.size() >= settings.perNumberPerHour()) {
            throw new TooManyCodes("Too many codes for this number in the last hour",
                    Duration.between(now, numberSends.get(0).plus(HOUR)));
        }
        List<Instant> addressSends = recent(addressKey, now);
        if (addressSends.size() >= settings.perAddressPerHour()) {
            throw new TooManyCodes("Too many codes asked for from this address in the last hour",
                    Duration.between(now, addressSends.get(0).plus(HOUR)));
        }
        if (deliver) {
            String code = "%06d".formatted(random.nextInt(1_000_000));
            String salt = HexFormat.of().formatHex(salt());
            String id = codeId(mobile, purpose);
            codes.replaceOne(eq("_id", id), new Document("_id", id).append("salt", salt)
                    .append("hash", hash(salt + ":" + code)).append("expiresAt", Date.from(now.plus(settings.ttl())))
                    .append("attempts", 0).append("sentAt", Date.from(now)), new ReplaceOptions().upsert(true));
            try {
                sms.send(new SmsSender.SmsMessage(mobile, code, "【新时代文明实践】您的" + purpose.words() + "验证码是"
                        + code + "，" + settings.ttl().toMinutes() + "分钟内有效。请勿告诉他人。"));
            } catch (RuntimeException e) {
                codes.deleteOne(and(eq("_id", id), eq("salt", salt)));
                throw e;
            }
        }
        remember(numberKey, numberSends, now);
        remember(addressKey, addressSends, now);
        return new Issued(settings.ttl().toSeconds(), settings.resendAfter().toSeconds());
    }

    /**
     * Whether {@code code} is the live code of the number for the purpose. A right code is used up; a wrong one
     * counts an attempt, and at {@code maxAttempts} the code is dead even for the right digits.
     */
    public boolean verify(String mobile, CodePurpose purpose, String code) {
        String id = codeId(mobile, purpose);
        Document stored = codes.find(eq("_id", id)).first();
        if (stored == null || code == null) {
            return false;
        }
        Instant now = clock.instant();
        if (!now.isBefore(stored.getDate("expiresAt").toInstant())) {
            codes.deleteOne(and(eq("_id", id), eq("salt", stored.getString("salt"))));
            return false;
        }
        if (stored.getInteger("attempts", 0) >= settings.maxAttempts()) {
            return false;
        }
        boolean right = MessageDigest.isEqual(hash(stored.getString("salt") + ":" + code).getBytes(StandardCharsets.UTF_8),
                stored.getString("hash").getBytes(StandardCharsets.UTF_8));
        if (!right) {
            codes.updateOne(and(eq("_id", id), eq("salt", stored.getString("salt"))), Updates.inc("attempts", 1));
            return false;
        }
        // Good once: of two requests racing with the right code, only the one that deletes it wins.
        return codes.deleteOne(and(eq("_id", id), eq("salt", stored.getString("salt")), eq("attempts",
                stored.getInteger("attempts", 0)))).getDeletedCount() == 1;
    }

    private List<Instant> recent(String key, Instant now) {
        Document track = sends.find(eq("_id", key)).first();
        List<Instant> times = new ArrayList<>();
        if (track != null) {
            for (Date at : track.getList("at", Date.class)) {
                if (at.toInstant().isAfter(now.minus(HOUR))) {
                    times.add(at.toInstant());
                }
            }
        }
        times.sort(null);
        return times;
    }

    private void remember(String key, List<Instant> recent, Instant now) {
        List<Date> times = new ArrayList<>(recent.stream().map(Date::from).toList());
        times.add(Date.from(now));
        sends.replaceOne(eq("_id", key), new Document("_id", key).append("at", times),
                new ReplaceOptions().upsert(true));
    }

    private byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    private String codeId(String mobile, CodePurpose purpose) {
        return purpose.name() + ":" + seal.fingerprint(mobile);
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
