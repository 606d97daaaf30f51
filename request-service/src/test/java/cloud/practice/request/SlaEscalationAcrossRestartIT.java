package cloud.practice.request;

import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TestInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines survive restarts: a request whose review clock runs out while request-service is down is escalated
 * to the station's institute after the service comes back, and then on to the center, and expires at the top.
 */
class SlaEscalationAcrossRestartIT {

    private final ObjectMapper json = new ObjectMapper();
    private final RestTemplate http = platformClient();

    /** Every call as a platform client (what this test is about is the clock, not access). */
    private static RestTemplate platformClient() {
        RestTemplate rest = new RestTemplate();
        rest.getInterceptors().add((request, body, execution) -> {
            request.getHeaders().setBearerAuth(TestIdentity.get().platformToken());
            return execution.execute(request, body);
        });
        return rest;
    }

    @Test
    void shouldEscalateAnOverdueRequestAfterARestartAndExpireItAtTheTop() throws Exception {
        String district = "sla-" + UUID.randomUUID().toString().substring(0, 8);
        String database = "sla_" + district.replace('-', '_');
        HierarchyFixture.publishTree(district);
        String requestId;
        try (ConfigurableApplicationContext service = start(database)) {
            String base = base(service);
            send(HttpMethod.PUT, base + "/api/v1/menu/items/QUICK?district=" + district, """
                    {"name":"快速咨询","platform":"LEGAL","minimumSkillLevel":1,"expectedMinutes":30,"peopleNeeded":1,
                     "sla":{"REVIEW":"PT4S"}}""");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    http.getForEntity(base + "/api/v1/menu/items/QUICK?district=" + district, String.class)
                            .getStatusCode().is2xxSuccessful());
            JsonNode created = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    send(HttpMethod.POST, base + "/api/v1/requests?district=" + district, """
                            {"menuItem":"QUICK","community":"九龙园社区","channel":"PHONE","requesterId":"resident-7"}"""),
                    node -> node.has("requestId"));
            requestId = created.get("requestId").asText();
            assertThat(created.get("responsibleUnitId").asText()).isEqualTo("s-jly");
        }

        Thread.sleep(5_000); // the review clock runs out while the service is down

        try (ConfigurableApplicationContext service = start(database)) {
            String base = base(service);
            JsonNode expired = await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
                    json.readTree(http.getForObject(base + "/api/v1/requests/" + requestId + "?district=" + district,
                            String.class)), view -> view.get("status").asText().equals("EXPIRED"));
            assertThat(expired.get("escalations").asInt()).isEqualTo(2);
            assertThat(expired.get("history").findValuesAsText("event"))
                    .containsExactly("submitted", "escalated", "escalated", "expired");
            assertThat(expired.get("history").get(1).get("detail").asText()).endsWith("now at i-jl");
            assertThat(expired.get("history").get(2).get("detail").asText()).endsWith("now at center");
        }
    }

    private ConfigurableApplicationContext start(String database) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.application.name=request-service",
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.data.mongodb.uri=" + infrastructure.mongoUri(database),
                "--spring.data.mongodb.database=" + database,
                "--practice.messaging.group-prefix=" + database,
                "--practice.sla.poll-interval=300"));
        arguments.addAll(TestIdentity.get().springArguments());
        return new SpringApplicationBuilder(RequestServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    private JsonNode send(HttpMethod method, String url, String body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return json.readTree(http.exchange(url, method, new HttpEntity<>(body, headers), String.class).getBody());
    }
}
