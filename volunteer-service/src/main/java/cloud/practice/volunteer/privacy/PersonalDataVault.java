package cloud.practice.volunteer.privacy;

import cloud.practice.support.json.EventJson;
import cloud.practice.volunteer.config.VolunteerSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;

/**
 * Crypto-shredding: each volunteer's personal data is sealed with a key of their own (AES-256-GCM, the volunteer id
 * as associated data, a fresh 96-bit nonce per seal). Keys live in this service's {@code volunteer_keys} collection,
 * wrapped with the master key when one is configured. Erasure deletes the key: every sealed copy in the immutable
 * event store becomes unreadable, while events, hours and the opaque id stay.
 */
@Component
public class PersonalDataVault {

    static final String KEYS = "volunteer_keys";
    static final String FORMAT = "a256gcm.v1:";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataVault.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MongoCollection<Document> keys;
    private final SecretKey masterKey;
    private final ObjectMapper json = EventJson.mapper();
    private final SecureRandom random = new SecureRandom();

    @org.springframework.beans.factory.annotation.Autowired
    public PersonalDataVault(MongoTemplate mongo, VolunteerSettings settings) {
        this(mongo.getDb(), settings.masterKey());
    }

    public PersonalDataVault(MongoDatabase database, String masterKeyBase64) {
        this.keys = database.getCollection(KEYS);
        if (masterKeyBase64 == null || masterKeyBase64.isBlank()) {
            log.warn("No practice.volunteer.master-key: volunteers' data keys are stored unwrapped (local use only)");
            this.masterKey = null;
        } else {
            byte[] raw = Base64.getDecoder().decode(masterKeyBase64.strip());
            if (raw.length != 32) {
                throw new IllegalArgumentException("practice.volunteer.master-key must be 32 bytes, base64");
            }
            this.masterKey = new SecretKeySpec(raw, "AES");
        }
    }

    /** Encrypts the data under the volunteer's key, creating the key on first use. */
    public String seal(String districtId, String volunteerId, PersonalData data) {
        return seal(districtId, volunteerId, data, false);
    }

    /**
     * A new volunteer's (or applicant's) first seal: their key is created without looking for one first (a retried
     * command finds it on the duplicate).
     */
    public String sealNew(String districtId, String volunteerId, PersonalData data) {
        return seal(districtId, volunteerId, data, true);
    }

    private String seal(String districtId, String volunteerId, PersonalData data, boolean fresh) {
        try {
            return FORMAT + Base64.getEncoder().encodeToString(encrypt(keyOf(districtId, volunteerId, fresh),
                    json.writeValueAsBytes(data), volunteerId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise personal data", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    /** The data, or empty when the volunteer's key is gone (erased) or the text is not ours. */
    public Optional<PersonalData> open(String volunteerId, String sealed) {
        try {
            Optional<byte[]> plain = openBytes(volunteerId, sealed);
            return plain.isEmpty() ? Optional.empty() : Optional.of(json.readValue(plain.get(), PersonalData.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open personal data of " + volunteerId, e);
        }
    }

    /**
     * Encrypts bytes under the key of {@code keyId}, creating the key on first use: a volunteer's, or a roster import's
     * while its rows wait (shredded when it is done).
     */
    public String sealBytes(String districtId, String keyId, byte[] plain) {
        try {
            return FORMAT + Base64.getEncoder().encodeToString(encrypt(keyOf(districtId, keyId, false), plain, keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    /** The bytes, or empty when the key is gone (shredded) or the text is not ours. */
    public Optional<byte[]> openBytes(String keyId, String sealed) {
        if (sealed == null || !sealed.startsWith(FORMAT)) {
            return Optional.empty();
        }
        Optional<SecretKey> key = existingKey(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decrypt(key.get(), Base64.getDecoder().decode(sealed.substring(FORMAT.length())), keyId));
        } catch (AEADBadTagException e) {
            log.warn("Sealed personal data of {} does not open with its key; ignored", keyId);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open personal data of " + keyId, e);
        }
    }

    public boolean hasKey(String volunteerId) {
        return keys.find(eq("_id", volunteerId)).first() != null;
    }

    /** Erasure: deletes the key; nothing sealed with it can be read again. */
    public void shred(String volunteerId) {
        keys.deleteOne(eq("_id", volunteerId));
    }

    private SecretKey keyOf(String districtId, String volunteerId, boolean fresh) {
        Optional<SecretKey> existing = fresh ? Optional.empty() : existingKey(volunteerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey key = generator.generateKey();
            byte[] stored = masterKey == null ? key.getEncoded() : encrypt(masterKey, key.getEncoded(), volunteerId);
            keys.insertOne(new Document("_id", volunteerId).append("districtId", districtId)
                    .append("key", new Binary(stored)).append("wrapped", masterKey != null)
                    .append("createdAt", new Date()));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return existingKey(volunteerId).orElseThrow(() -> e);
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a data key", e);
        }
    }

    private Optional<SecretKey> existingKey(String volunteerId) {
        Document document = keys.find(eq("_id", volunteerId)).first();
        if (document == null) {
            return Optional.empty();
        }
        byte[] stored = document.get("key", Binary.class).getData();
        try {
            byte[] raw = document.getBoolean("wrapped", false) ? unwrap(stored, volunteerId) : stored;
            return Optional.of(new SecretKeySpec(raw, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap the data key of " + volunteerId
                    + " (is practice.volunteer.master-key the one it was wrapped with?)", e);
        }
    }

    private byte[] unwrap(byte[] stored, String volunteerId) throws GeneralSecurityException {
        if (masterKey == null) {
            throw new GeneralSecurityException("the key is wrapped but no master key is configured");
        }
        return decrypt(masterKey, stored, volunteerId);
    }

    private byte[] encrypt(SecretKey key, byte[] plain, String associated) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, String associated) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
