package cloud.practice.support.web;

import cloud.practice.support.security.JwtCallers;
import cloud.practice.support.security.SecuritySettings;
import cloud.practice.testing.TestInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Idempotency keys on the real MongoDB-wire store: a key replays only for the same district, caller, method and
 * path — another caller's or another resource's request with the same key and body runs on its own (issue 20,
 * finding 5) — and a key past its retention runs again.
 */
class IdempotentRequestsIT {

    private static final String DISTRICT = "cq-jiulongpo";
    private static final Map<String, Object> BODY = Map.of("hours", 2, "reason", "义务讲解");

    private final JwtCallers callers = new JwtCallers(SecuritySettings.Claims.of("sub", "practice_role",
            "practice_district", "practice_unit"));
    private final AtomicInteger runs = new AtomicInteger();
    private MongoClient client;
    private IdempotentRequests idempotency;
    private MongoCollection<Document> keys;

    @BeforeEach
    void freshStore() {
        String database = "idem_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        idempotency = new IdempotentRequests(client.getDatabase(database), new ObjectMapper());
        keys = client.getDatabase(database).getCollection(IdempotentRequests.COLLECTION);
    }

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        client.close();
    }

    @Test
    void shouldReplayTheSameCallersSameRequest() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        ResponseEntity<?> first = grant("key-1");
        ResponseEntity<?> again = grant("key-1");
        assertThat(runs).hasValue(1);
        assertThat(again.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    }

    @Test
    void shouldNotReplayAnotherCallersRequestWithTheSameKeyAndBody() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        as("admin-b", "cq-yuzhong", "POST", "/api/v1/volunteers/vol-1/honour-hours");
        ResponseEntity<?> other = grant("key-1");
        assertThat(runs).as("the second caller's request ran on its own").hasValue(2);
        assertThat(other.getHeaders().containsKey(IdempotentRequests.REPLAYED_HEADER)).isFalse();
    }

    @Test
    void shouldNotReplayForTheSameUserIdBoundToAnotherDistrict() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        as("admin-a", "cq-yuzhong", "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        assertThat(runs).as("a namesake in another district is another caller").hasValue(2);
    }

    @Test
    void shouldNotReplayTheSameKeySentToAnotherResource() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-2/honour-hours");
        ResponseEntity<?> second = grant("key-1");
        assertThat(runs).as("the grant for the second volunteer is not lost").hasValue(2);
        assertThat(second.getHeaders().getLocation().toString()).endsWith("/2");
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBodyFromTheSameCaller() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        assertThatThrownBy(() -> idempotency.run(DISTRICT, "key-1", Map.of("hours", 3), this::created))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo("idempotency-key-reused"));
        assertThat(runs).hasValue(1);
    }

    @Test
    void shouldRunAgainOnceTheKeyIsPastItsRetention() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        Date longAgo = Date.from(Instant.now().minus(Duration.ofHours(IdempotentRequests.RETENTION_HOURS + 1)));
        assertThat(keys.updateMany(new Document(), Updates.set("createdAt", longAgo)).getModifiedCount())
                .isEqualTo(1);
        ResponseEntity<?> later = grant("key-1");
        assertThat(runs).hasValue(2);
        assertThat(later.getHeaders().containsKey(IdempotentRequests.REPLAYED_HEADER)).isFalse();
    }

    @Test
    void shouldKeepTheDistrictInTheClearAndTheRestDigested() {
        as("admin-a", DISTRICT, "POST", "/api/v1/volunteers/vol-1/honour-hours");
        grant("key-1");
        String id = keys.find().first().getString("_id");
        assertThat(id).startsWith(DISTRICT + "|").doesNotContain("admin-a").doesNotContain("key-1").hasSize(
                DISTRICT.length() + 1 + 64);
    }

    private ResponseEntity<?> grant(String key) {
        return idempotency.run(DISTRICT, key, BODY, this::created);
    }

    private ResponseEntity<?> created() {
        int run = runs.incrementAndGet();
        return ResponseEntity.created(java.net.URI.create("/api/v1/grants/" + run)).body(Map.of("run", run));
    }

    private void as(String user, String district, String method, String path) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("sub", user).claim("practice_role", "district-admin")
                .claim("practice_district", district).claim("practice_unit", "center")
                .claim("scope", "volunteers:write").build();
        SecurityContextHolder.getContext().setAuthentication(callers.convert(jwt));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(method, path)));
    }
}
