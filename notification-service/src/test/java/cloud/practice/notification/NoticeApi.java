package cloud.practice.notification;

import cloud.practice.events.DomainEvent;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TestInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service's integration tests share: the platform's events published to Kafka as their services publish
 * them, people's own tokens, and the notices API over HTTP.
 */
public final class NoticeApi {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestIdentity identity = TestIdentity.get();
    private final String base;
    private final String district;

    public NoticeApi(int port, String district) {
        this.base = "http://localhost:" + port;
        this.district = district;
    }

    /** The aggregate's events from {@code firstSequence} on, each naming the one before it as previous. */
    public static void publish(String type, String aggregateId, long firstSequence, DomainEvent... events) {
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < events.length; i++) {
                long sequence = firstSequence + i;
                producer.send(codec.encode(new GenericDomainEventMessage<>(type, aggregateId, sequence, events[i]),
                        sequence - 1));
            }
            producer.flush();
        }
    }

    public String base() {
        return base;
    }

    public String resident(String account) {
        return identity.token(account, "RESIDENT", district, null, Scopes.forRole(Role.RESIDENT));
    }

    public String volunteer(String account, String volunteerId) {
        return identity.sign(identity.claims(account, "VOLUNTEER", district, null, Scopes.forRole(Role.VOLUNTEER))
                .claim("practice_volunteer", volunteerId).build());
    }

    public String staff(String account, Role role, String unitId) {
        return identity.token(account, role.name(), district, unitId, Scopes.forRole(role));
    }

    public String system(String client) {
        return identity.token(client, "SYSTEM", district, null, Scopes.ALL);
    }

    /** The caller's inbox (up to 50), which must answer 200. */
    public JsonNode inbox(String token) throws Exception {
        HttpResponse<String> answer = get("/api/v1/notices?district=" + district + "&size=50", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    public JsonNode read(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body);
    }

    public HttpResponse<String> put(String path, String token, String body) throws Exception {
        return send("PUT", path, token, body);
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        return send("DELETE", path, token, "");
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the first notice of that kind in an inbox page. */
    public static String idOf(JsonNode box, String kind) {
        for (JsonNode item : box.path("items")) {
            if (item.path("kind").asText().equals(kind)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + kind + " in " + box);
    }

    /** A field of the first notice of that kind, or "" when there is none. */
    public static String fieldOf(JsonNode box, String kind, String field) {
        for (JsonNode item : box.path("items")) {
            if (item.path("kind").asText().equals(kind)) {
                return item.path("fields").path(field).asText();
            }
        }
        return "";
    }
}
