package cloud.practice.request;

import cloud.practice.events.Topics;
import cloud.practice.testing.TcpProxy;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * request-service reaching its MongoDB only through a loopback proxy that adds latency, resets every connection
 * and then refuses connections for a few seconds, while residents keep ordering over HTTP. Every order is answered:
 * 201, or — while the store cannot be reached — 503 problem+json {@code store-unavailable} with Retry-After (never a
 * 500). After healing, every order that got a 201 is readable and its submission is on Kafka once (by event id).
 * (Kafka is not proxied: its clients reconnect to the broker's advertised address, past any proxy.)
 */
class NetworkFaultIT {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldAnswerEveryOrderAndKeepEveryAcknowledgedOneThroughLatencyResetsAndAnOutage() throws Exception {
        String district = "net-" + UUID.randomUUID().toString().substring(0, 8);
        String database = "net_" + district.replace('-', '_');
        HierarchyFixture.publishTree(district);
        URI mongo = URI.create(TestInfrastructure.get().mongoUri("x"));
        List<String> acknowledged = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        try (TcpProxy store = new TcpProxy(mongo.getHost() + ":" + mongo.getPort())) {
            store.start();
            try (ConfigurableApplicationContext service = start(store.address(), database)) {
                String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
                assertThat(send("PUT", base + "/api/v1/menu/items/NET?district=" + district, """
                        {"name":"网络故障测试","platform":"LEGAL","minimumSkillLevel":1,"expectedMinutes":30,"peopleNeeded":1}""")
                        .statusCode()).isIn(200, 201);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        send("GET", base + "/api/v1/menu/items/NET?district=" + district, null).statusCode() == 200);
                // The service learns the tree from the hierarchy topic: until its copy has the station, an order is
                // rightly refused (no-responsible-unit). Faults start only once one order has gone through.
                int n = 0;
                List<String> warmUp = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    order(base, district, 0, 1, acknowledged, new TreeMap<>(), warmUp);
                    return !acknowledged.isEmpty();
                });
                n = 1;
                store.latency(Duration.ofMillis(20));
                n = order(base, district, n, 8, acknowledged, statuses, unexpected);
                store.latency(Duration.ZERO);
                for (int round = 0; round < 2; round++) {
                    store.resetConnections();
                    n = order(base, district, n, 8, acknowledged, statuses, unexpected);
                }
                store.stop(); // refused: the driver's server selection times out
                n = order(base, district, n, 3, acknowledged, statuses, unexpected);
                store.start();
                int before = acknowledged.size();
                long healed = System.nanoTime();
                while (acknowledged.size() < before + 5 && System.nanoTime() - healed < Duration.ofSeconds(60).toNanos()) {
                    n = order(base, district, n, 1, acknowledged, statuses, unexpected);
                }
                System.out.printf("request-service store faults: %d orders, answers %s, acknowledged %d%n", n, statuses,
                        acknowledged.size());
                assertThat(unexpected).as("answers other than 201 or a 503 store-unavailable problem").isEmpty();
                assertThat(acknowledged.size()).as("orders got through after healing").isGreaterThanOrEqualTo(before + 5);
                // The read model catches up once its processor's back-off after the outage has passed.
                for (String requestId : acknowledged) {
                    await(requestId).atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(250)).until(() -> send("GET", base + "/api/v1/requests/"
                                    + requestId + "?district=" + district, null).statusCode() == 200);
                }
            }
        }
        List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Topics.REQUEST,
                record -> acknowledged.contains(record.key()) && "0".equals(TopicReader.header(record, "ce_aggregateseq")),
                acknowledged.size(), Duration.ofSeconds(60));
        Map<String, Integer> submissions = new HashMap<>();
        published.stream().map(record -> record.key() + " " + TopicReader.header(record, "ce_id")).distinct()
                .forEach(keyAndId -> submissions.merge(keyAndId.split(" ")[0], 1, Integer::sum));
        assertThat(submissions.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(submissions.values()).as("one submitted event per acknowledged order").containsOnly(1);
    }

    private int order(String base, String district, int n, int count, List<String> acknowledged,
                      Map<Integer, Integer> statuses, List<String> unexpected) throws Exception {
        for (int i = 0; i < count; i++, n++) {
            HttpResponse<String> answer = send("POST", base + "/api/v1/requests?district=" + district, """
                    {"menuItem":"NET","community":"九龙园社区","channel":"PHONE","requesterId":"resident-net-%d"}"""
                    .formatted(n));
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 201) {
                acknowledged.add(json.readTree(answer.body()).get("requestId").asText());
            } else if (!(answer.statusCode() == 503 && answer.body().contains("store-unavailable")
                    && answer.headers().firstValue("Retry-After").isPresent())) {
                unexpected.add(answer.statusCode() + " " + answer.body());
            }
        }
        return n;
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestIdentity.get().platformToken())
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext start(String mongoAddress, String database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.application.name=request-service",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.get().kafkaBootstrapServers(),
                "--spring.data.mongodb.uri=mongodb://" + mongoAddress + "/" + database
                        + "?uuidRepresentation=standard&serverSelectionTimeoutMS=2000&connectTimeoutMS=1000&socketTimeoutMS=3000",
                "--spring.data.mongodb.database=" + database,
                "--practice.messaging.group-prefix=" + database));
        arguments.addAll(TestIdentity.get().springArguments());
        return new SpringApplicationBuilder(RequestServiceApplication.class).run(arguments.toArray(String[]::new));
    }
}
