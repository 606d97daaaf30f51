package cloud.practice.volunteer.privacy;

import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.tenancy.DistrictLookups;
import cloud.practice.volunteer.config.VolunteerSettings;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;

/**
 * The set-based rule "one volunteer per phone number and per ID number in a district", closed against races by the
 * unique {@code _id} of {@code volunteer_identities}: the first registration to insert a number's row owns it, a
 * second one gets duplicate-key and answers 409. Rows hold keyed hashes (HMAC-SHA-256 with a secret pepper), never the
 * numbers. A reservation whose owner never reached the event store (a crash between reserving and appending) is taken
 * over after {@link #STALE_AFTER}. Erasure deletes the volunteer's rows, and so does the refusal of an application.
 * The same rows hold "one volunteer (or pending application) per account" ({@link Kind#ACCOUNT}).
 */
@Component
@DistrictLookups
public class IdentityIndex {

    static final String COLLECTION = "volunteer_identities";
    static final String SECRETS = "volunteer_secrets";
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** What a row reserves: a phone number, an ID number, or the account of someone who registered themselves. */
    public enum Kind { PHONE, ID_NUMBER, ACCOUNT }

    private final MongoCollection<Document> rows;
    private final byte[] pepper;
    private final Clock clock;
    private final Predicate<String> ownerExists;

    /** @param eventStore tells whether the owner of a reservation reached the event store */
    @Autowired
    public IdentityIndex(MongoTemplate mongo, VolunteerSettings settings, Clock clock,
                         ObjectProvider<EventStore> eventStore) {
        this(mongo.getDb(), settings.identityPepper(), clock,
                owner -> eventStore.getObject().lastSequenceNumberFor(owner).isPresent());
    }

    public IdentityIndex(MongoDatabase database, String pepper, Clock clock, Predicate<String> ownerExists) {
        this.rows = database.getCollection(COLLECTION);
        this.clock = clock;
        this.ownerExists = ownerExists;
        this.pepper = pepper == null || pepper.isBlank() ? storedPepper(database)
                : pepper.getBytes(StandardCharsets.UTF_8);
        rows.createIndex(Indexes.ascending("volunteerId"), new IndexOptions().name("by_volunteer"));
    }

    /**
     * Reserves the volunteer's phone and ID number in the district.
     *
     * @return the rows newly inserted (release them if the command fails)
     * @throws RuleViolation conflict {@code duplicate-volunteer} naming the field when another volunteer holds one
     */
    public List<String> reserve(String districtId, String volunteerId, String phone, String idNumber) {
        List<String> inserted = new ArrayList<>();
        try {
            for (Map.Entry<Kind, String> entry : keys(districtId, phone, idNumber).entrySet()) {
                if (reserveOne(entry.getValue(), districtId, volunteerId, entry.getKey())) {
                    inserted.add(entry.getValue());
                }
            }
            return inserted;
        } catch (RuntimeException e) {
            release(inserted);
            throw e;
        }
    }

    /** A roster row's numbers to reserve for the id it will be registered under. */
    public record Reservation(String volunteerId, String phone, String idNumber) {
    }

    /** What a reservation got: the rows it newly holds (release them if it goes no further), or the conflict. */
    public record Reserved(List<String> inserted, RuleViolation conflict) {
    }

    /**
     * {@link #reserve} for many at once (a roster's batch): every row offered in one write, and only the numbers
     * someone holds already looked at one by one — held by the same id (a batch done again) is no conflict.
     */
    public List<Reserved> reserveAll(String districtId, List<Reservation> reservations) {
        List<Document> offered = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < reservations.size(); i++) {
            Reservation reservation = reservations.get(i);
            for (Map.Entry<Kind, String> entry : keys(districtId, reservation.phone(), reservation.idNumber()).entrySet()) {
                offered.add(row(entry.getValue(), districtId, reservation.volunteerId(), entry.getKey(), false));
                owner.add(i);
                kinds.add(entry.getKey());
            }
        }
        java.util.Set<Integer> refused = new java.util.HashSet<>();
        if (!offered.isEmpty()) {
            try {
                rows.insertMany(offered, new com.mongodb.client.model.InsertManyOptions().ordered(false));
            } catch (com.mongodb.MongoBulkWriteException e) {
                for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    refused.add(error.getIndex());
                }
            }
        }
        List<List<String>> inserted = new ArrayList<>();
        List<RuleViolation> conflicts = new ArrayList<>();
        reservations.forEach(reservation -> {
            inserted.add(new ArrayList<>());
            conflicts.add(null);
        });
        for (int k = 0; k < offered.size(); k++) {
            int i = owner.get(k);
            String key = offered.get(k).getString("_id");
            if (!refused.contains(k)) {
                inserted.get(i).add(key);
                continue;
            }
            try {
                if (reserveOne(key, districtId, reservations.get(i).volunteerId(), kinds.get(k))) {
                    inserted.get(i).add(key);
                }
            } catch (RuleViolation e) {
                conflicts.set(i, e);
            }
        }
        List<Reserved> answers = new ArrayList<>();
        for (int i = 0; i < reservations.size(); i++) {
            answers.add(new Reserved(List.copyOf(inserted.get(i)), conflicts.get(i)));
        }
        return answers;
    }

    /**
     * Reserves the account of a person applying themselves, or linked by staff with their consent: one volunteer
     * (or pending application) per account in a district.
     *
     * @return the row newly inserted (release it if the command fails)
     * @throws RuleViolation conflict {@code already-registered} when the account holds another volunteer
     */
    public List<String> reserveAccount(String districtId, String volunteerId, String accountId) {
        String key = accountKey(districtId, accountId);
        return reserveOne(key, districtId, volunteerId, Kind.ACCOUNT) ? List.of(key) : List.of();
    }

    /** Rebuild path for an account link (see {@link #confirm}). */
    public void confirmAccount(String districtId, String volunteerId, String accountId) {
        confirmOne(accountKey(districtId, accountId), districtId, volunteerId, Kind.ACCOUNT);
    }

    /** After a successful change: the volunteer holds exactly these numbers now, its other number rows go. */
    public void keepOnly(String districtId, String volunteerId, String phone, String idNumber) {
        List<String> current = new ArrayList<>(keys(districtId, phone, idNumber).values());
        rows.deleteMany(and(eq("volunteerId", volunteerId), nin("_id", current), ne("kind", Kind.ACCOUNT.name())));
    }

    /** Rebuild path (a projection of the sealed events): records ownership without the race check. */
    public void confirm(String districtId, String volunteerId, String phone, String idNumber) {
        confirm(districtId, volunteerId, phone, idNumber, true);
    }

    /** {@link #confirm}; {@code othersMayExist} false: the volunteer held no other numbers before (their first data). */
    public void confirm(String districtId, String volunteerId, String phone, String idNumber, boolean othersMayExist) {
        keys(districtId, phone, idNumber).forEach((kind, key) -> confirmOne(key, districtId, volunteerId, kind));
        if (othersMayExist) {
            keepOnly(districtId, volunteerId, phone, idNumber);
        }
    }

    /**
     * The row, confirmed for the volunteer: its own reservation marked, a missing one written anew, one held by
     * someone else left alone. The usual case — the volunteer's own reservation — is one update by {@code _id} and
     * owner (served from the {@code _id} index, on the stand-in too since ADR 0026); only when it matches nothing is
     * the row read.
     */
    private void confirmOne(String key, String districtId, String volunteerId, Kind kind) {
        // A plain document, not Filters.and (which the driver sends as $and, which no index of the stand-in serves).
        if (rows.updateOne(new Document("_id", key).append("volunteerId", volunteerId), Updates.set("confirmed", true))
                .getMatchedCount() > 0) {
            return;
        }
        Document existing = rows.find(eq("_id", key)).first();
        if (existing == null) {
            rows.replaceOne(eq("_id", key), row(key, districtId, volunteerId, kind, true),
                    new ReplaceOptions().upsert(true));
        } else if (volunteerId.equals(existing.getString("volunteerId")) && !existing.getBoolean("confirmed", false)) {
            rows.updateOne(eq("_id", key), Updates.set("confirmed", true));
        }
    }

    /** The volunteer or pending application holding the account in the district, if any. */
    public java.util.Optional<String> holderOfAccount(String districtId, String accountId) {
        return java.util.Optional.ofNullable(rows.find(eq("_id", accountKey(districtId, accountId))).first())
                .map(row -> row.getString("volunteerId"));
    }

    /** The volunteer holding a phone number in the district, if any (an admin's look-up by phone). */
    public java.util.Optional<String> ownerOfPhone(String districtId, String phone) {
        String key = keys(districtId, phone, null).get(Kind.PHONE);
        return java.util.Optional.ofNullable(key == null ? null : rows.find(eq("_id", key)).first())
                .map(row -> row.getString("volunteerId"));
    }

    /**
     * The volunteer id a roster import gives the holder of an ID number in the district: the same on every import of
     * them (so a repeated or overlapping file finds them), keyed with the pepper (so the id reveals nothing of the
     * number, whose space is small enough to search).
     */
    public String rosterVolunteerId(String districtId, String idNumber) {
        String hex = hash(districtId, "roster|" + idNumber.strip().toUpperCase(Locale.ROOT)).substring(0, 32);
        return "vol-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * Who holds each of these phone and ID numbers in the district now (volunteers and pending applications), looked
     * up a thousand rows per query; a number nobody holds is absent.
     */
    public Holders holders(String districtId, java.util.Collection<String> phones,
                           java.util.Collection<String> idNumbers) {
        Map<String, String> keyToPhone = new LinkedHashMap<>();
        phones.forEach(phone -> keyToPhone.put(keys(districtId, phone, null).get(Kind.PHONE), phone));
        Map<String, String> keyToId = new LinkedHashMap<>();
        idNumbers.forEach(id -> keyToId.put(keys(districtId, null, id).get(Kind.ID_NUMBER), id));
        return new Holders(holdersOf(keyToPhone), holdersOf(keyToId));
    }

    private Map<String, String> holdersOf(Map<String, String> keyToNumber) {
        Map<String, String> holders = new java.util.HashMap<>();
        List<String> keys = new ArrayList<>(keyToNumber.keySet());
        for (int from = 0; from < keys.size(); from += 1_000) {
            for (Document row : rows.find(com.mongodb.client.model.Filters.in("_id",
                    keys.subList(from, Math.min(keys.size(), from + 1_000))))) {
                holders.put(keyToNumber.get(row.getString("_id")), row.getString("volunteerId"));
            }
        }
        return holders;
    }

    /** Holders by number as given: {@code byPhone} and {@code byIdNumber} map a number to its volunteer id. */
    public record Holders(Map<String, String> byPhone, Map<String, String> byIdNumber) {
    }

    public void release(List<String> keys) {
        keys.forEach(key -> rows.deleteOne(eq("_id", key)));
    }

    public void releaseAll(String volunteerId) {
        rows.deleteMany(eq("volunteerId", volunteerId));
    }

    private boolean reserveOne(String key, String districtId, String volunteerId, Kind kind) {
        try {
            rows.insertOne(row(key, districtId, volunteerId, kind, false));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = rows.find(eq("_id", key)).first();
        if (existing == null) {
            return reserveOne(key, districtId, volunteerId, kind);
        }
        String owner = existing.getString("volunteerId");
        if (volunteerId.equals(owner)) {
            return false;
        }
        Date reservedAt = existing.getDate("reservedAt");
        boolean stale = !existing.getBoolean("confirmed", false) && reservedAt != null
                && reservedAt.toInstant().plus(STALE_AFTER).isBefore(clock.instant()) && !ownerExists.test(owner);
        if (stale && rows.replaceOne(and(eq("_id", key), eq("volunteerId", owner)),
                row(key, districtId, volunteerId, kind, false)).getModifiedCount() == 1) {
            return true;
        }
        if (kind == Kind.ACCOUNT) {
            throw RuleViolation.conflict("already-registered", "This account is already registered as a volunteer");
        }
        String field = kind == Kind.PHONE ? "phone" : "idNumber";
        throw new RuleViolation(RuleViolation.Kind.CONFLICT, "duplicate-volunteer", field,
                "A volunteer with this " + (kind == Kind.PHONE ? "phone number" : "ID number")
                        + " is already registered in this district", Map.of());
    }

    private Document row(String key, String districtId, String volunteerId, Kind kind, boolean confirmed) {
        return new Document("_id", key).append("districtId", districtId).append("volunteerId", volunteerId)
                .append("kind", kind.name()).append("confirmed", confirmed)
                .append("reservedAt", Date.from(clock.instant()));
    }

    private Map<Kind, String> keys(String districtId, String phone, String idNumber) {
        Map<Kind, String> keys = new LinkedHashMap<>();
        if (phone != null && !phone.isBlank()) {
            keys.put(Kind.PHONE, districtId + "|" + Kind.PHONE + "|" + hash(districtId, normalisePhone(phone)));
        }
        if (idNumber != null && !idNumber.isBlank()) {
            keys.put(Kind.ID_NUMBER, districtId + "|" + Kind.ID_NUMBER + "|"
                    + hash(districtId, idNumber.strip().toUpperCase(Locale.ROOT)));
        }
        return keys;
    }

    private String accountKey(String districtId, String accountId) {
        return districtId + "|" + Kind.ACCOUNT + "|" + hash(districtId, accountId);
    }

    /** 138 1234 5678, 138-1234-5678, +86 13812345678 and 8613812345678 are one number. */
    public static String normalisePhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
    }

    private String hash(String districtId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((districtId + "|" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The local default: a pepper generated once and kept in the service's database. */
    private static byte[] storedPepper(MongoDatabase database) {
        MongoCollection<Document> secrets = database.getCollection(SECRETS);
        Document found = secrets.find(eq("_id", "identity-pepper")).first();
        if (found == null) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            try {
                secrets.insertOne(new Document("_id", "identity-pepper")
                        .append("value", Base64.getEncoder().encodeToString(generated)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            found = secrets.find(eq("_id", "identity-pepper")).first();
        }
        return Base64.getDecoder().decode(found.getString("value"));
    }
}
