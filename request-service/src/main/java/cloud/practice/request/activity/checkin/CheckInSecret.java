package cloud.practice.request.activity.checkin;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * The key check-in codes are signed with: the configured one, else one generated once and kept in this service's
 * database ({@value #COLLECTION}, {@code _id} {@value #ID}) so that every replica signs and checks with the same key.
 * Replicas starting together each try to insert theirs; the unique {@code _id} lets one win and all read that one
 * back. Looked up on first use, not at start-up, so the service starts while MongoDB is still coming up.
 */
public class CheckInSecret {

    static final String COLLECTION = "request_secrets";
    static final String ID = "check-in";
    private static final Logger log = LoggerFactory.getLogger(CheckInSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private volatile byte[] key;

    /** {@code mongo} is used only when no secret is configured. */
    public CheckInSecret(CheckInSettings settings, MongoTemplate mongo) {
        this.mongo = mongo;
        this.key = settings.configuredKey().orElse(null);
    }

    byte[] key() {
        byte[] known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = stored();
                }
                known = key;
            }
        }
        return known;
    }

    private byte[] stored() {
        byte[] generated = new byte[CheckInSettings.MIN_SECRET_BYTES];
        RANDOM.nextBytes(generated);
        boolean ours = true;
        try {
            mongo.insert(new Document("_id", ID).append("secret", Base64.getEncoder().encodeToString(generated))
                    .append("createdAt", java.util.Date.from(Instant.now())), COLLECTION);
        } catch (DuplicateKeyException alreadyThere) {
            ours = false;
        }
        Document kept = mongo.findById(ID, Document.class, COLLECTION);
        if (kept == null) {
            throw new IllegalStateException("The check-in secret is neither configured nor readable from "
                    + COLLECTION);
        }
        log.warn("practice.request.check-in.secret is not configured: check-in codes are signed with a secret {}, "
                + "kept in MongoDB ({}, _id '{}'); configure one (base64 of 32 bytes, from a Secret) in production",
                ours ? "generated now" : "generated earlier (by this or another replica)", COLLECTION, ID);
        return CheckInSettings.decode(kept.getString("secret"));
    }
}
