package cloud.practice.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.CallerArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * {@code Idempotency-Key} on POSTs that create things: the first request runs, a replay with the same key and the
 * same body gets the first answer again (header {@code Idempotent-Replayed: true}), a replay with another body is
 * refused (422), and one that arrives while the first still runs gets 409. A key is scoped by the district, the
 * calling client or person, the method and the path: another caller's key, or the same key sent to another resource
 * (honour hours for another volunteer, say), never replays someone else's answer. Callers check access
 * <em>before</em> {@link #run}, so a replay never skips the check. A failed first request releases its key, so the
 * client may retry. Keys expire after {@link #RETENTION_HOURS} (a TTL index on MongoDB; checked on replay as well,
 * since the local stand-in keeps TTL indexes without enforcing them).
 */
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String COLLECTION = "idempotency_keys";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final MongoCollection<Document> keys;
    private final ObjectMapper json;

    /** Keys are remembered for a day: long enough for any client retry, short enough not to hoard fingerprints. */
    static final long RETENTION_HOURS = 24;

    public IdempotentRequests(MongoDatabase database, ObjectMapper json) {
        this.keys = database.getCollection(COLLECTION);
        this.json = json;
        // A TTL index on MongoDB (mongo-java-server ignores it: the local stand-in keeps keys until cleaned).
        keys.createIndex(Indexes.ascending("createdAt"),
                new IndexOptions().name("expire_after_a_day").expireAfter(RETENTION_HOURS, TimeUnit.HOURS));
    }

    public ResponseEntity<?> run(String scope, String key, Object request, Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-field",
                    HEADER + " must be 1-200 visible ASCII characters", Map.of("field", HEADER));
        }
        String id = scoped(scope, key);
        String fingerprint = fingerprint(request);
        if (!claimed(id, fingerprint)) {
            Document first = keys.find(eq("_id", id)).first();
            if (!expired(first)) {
                return replay(first, fingerprint);
            }
            // Past its retention (the stand-in keeps TTL indexes without enforcing them): the key is free again
            keys.deleteOne(and(eq("_id", id), eq("createdAt", first.getDate("createdAt"))));
            if (!claimed(id, fingerprint)) {
                return replay(keys.find(eq("_id", id)).first(), fingerprint);
            }
        }
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            keys.deleteOne(eq("_id", id));
            throw e;
        }
        keys.updateOne(eq("_id", id), Updates.combine(
                Updates.set("state", "DONE"),
                Updates.set("status", response.getStatusCode().value()),
                Updates.set("location", response.getHeaders().getFirst(HttpHeaders.LOCATION)),
                Updates.set("etag", response.getHeaders().getETag()),
                Updates.set("body", serialise(response.getBody()))));
        return response;
    }

    /**
     * The stored id: the scope the caller gives (the district, or more) in the clear, then a digest of who calls,
     * how and where, and the key, so ids stay short whatever the path.
     */
    static String scoped(String scope, String key) {
        // The whole identity: the same user id may exist in two districts or change role
        Caller who = CallerArgumentResolver.current();
        String caller = who.userId() + "@" + who.districtId() + "/" + who.role() + "/" + who.unitId();
        String target = "";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest http = attributes.getRequest();
            // One resource in two formats (Open311's requests.json and requests.xml) is one target: a retry in the
            // other format replays the first answer instead of creating twice.
            target = http.getMethod() + " " + http.getRequestURI().replaceFirst("\\.(json|xml)$", "");
        }
        return scope + "|" + digest(caller + "\n" + target + "\n" + key);
    }

    /** Whether this request took the key (false: a request with it came first). */
    private boolean claimed(String id, String fingerprint) {
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "PENDING")
                    .append("createdAt", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private static boolean expired(Document first) {
        Date createdAt = first == null ? null : first.getDate("createdAt");
        return createdAt != null
                && createdAt.toInstant().isBefore(Instant.now().minus(Duration.ofHours(RETENTION_HOURS)));
    }

    private ResponseEntity<?> replay(Document first, String fingerprint) {
        if (first == null) {
            throw ApiException.conflict("request-in-progress",
                    "A request with this " + HEADER + " just failed or is being retried; retry it");
        }
        if (!fingerprint.equals(first.getString("fingerprint"))) {
            throw ApiException.rule("idempotency-key-reused",
                    "This " + HEADER + " was used for a different request; use a new key");
        }
        if (!"DONE".equals(first.getString("state"))) {
            throw ApiException.conflict("request-in-progress",
                    "The first request with this " + HEADER + " is still running; retry shortly");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(first.getInteger("status"))
                .header(REPLAYED_HEADER, "true");
        if (first.getString("location") != null) {
            builder.header(HttpHeaders.LOCATION, first.getString("location"));
        }
        if (first.getString("etag") != null) {
            builder.header(HttpHeaders.ETAG, first.getString("etag"));
        }
        String body = first.getString("body");
        return body == null ? builder.build() : builder.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private String fingerprint(Object request) {
        try {
            return digest(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String serialise(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return body instanceof String text ? text : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response", e);
        }
    }
}
