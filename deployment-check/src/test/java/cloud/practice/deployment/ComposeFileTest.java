package cloud.practice.deployment;

import cloud.practice.deployment.compose.ComposeFile;
import cloud.practice.deployment.consistency.ComposeConsistency;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker-compose.yml is valid Compose and consistent with the services; broken files are caught. */
class ComposeFileTest {

    static final String COMPOSE = "docker-compose.yml";

    @Test
    void shouldValidateAgainstTheComposeSpecificationSchema() {
        ComposeFile compose = ComposeFile.read(Repository.path(COMPOSE), Map.of());

        assertThat(compose.schemaViolations()).isEmpty();
        assertThat(compose.model().path("services").size()).isEqualTo(11);
    }

    @Test
    void shouldStayValidWithTheGatewayPortOverridden() {
        ComposeFile compose = ComposeFile.read(Repository.path(COMPOSE), Map.of("PRACTICE_GATEWAY_PORT", "18080"));

        assertThat(compose.schemaViolations()).isEmpty();
        assertThat(compose.service("gateway-service").path("ports").get(0).asText()).isEqualTo("18080:8080");
    }

    @Test
    void shouldAgreeWithTheServicesAndThePlatformRules() {
        ComposeFile compose = ComposeFile.read(Repository.path(COMPOSE), Map.of());

        assertThat(ComposeConsistency.check(compose, Repository.SOURCES, Repository.EXPECTED)).isEmpty();
    }

    // --- the checks can fail -------------------------------------------------------------------------------

    @Test
    void shouldRejectWhatTheSchemaForbids() {
        String broken = """
                services:
                  api:
                    image: practice-cloud/api:1.0
                    imagee: typo
                    depends_on:
                      db:
                        condition: service_ready
                    restart: [ always ]
                    deploy:
                      resources:
                        limits:
                          memory: [ 512m ]
                """;

        List<String> violations = ComposeFile.parse(broken, "broken.yml", Map.of()).schemaViolations();

        assertThat(String.join("\n", violations))
                .contains("$.services.api: property 'imagee' is not defined")
                .contains("$.services.api.depends_on.db.condition: does not have a value in the enumeration")
                .contains("$.services.api.restart: array found, string expected")
                .contains("$.services.api.deploy.resources.limits.memory: array found, string expected");
    }

    @Test
    void shouldRejectDuplicateKeysAndMalformedVariables() {
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  a:\n    image: x:1\n  a:\n    image: y:1\n",
                "dup.yml", Map.of())).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  a:\n    image: \"x:${TAG:?required}\"\n",
                "var.yml", Map.of())).hasMessageContaining("unsupported or malformed variable");
    }

    @Test
    void shouldInterpolateLikeCompose() {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  a:
                    image: "x:${TAG:-1.0}"
                    command: ["sh", "-c", "echo $$HOME ${UNSET-fallback} ${EMPTY:-used} ${EMPTY-kept}"]
                """, "vars.yml", Map.of("EMPTY", ""));

        assertThat(compose.service("a").path("image").asText()).isEqualTo("x:1.0");
        assertThat(compose.service("a").path("command").get(2).asText()).isEqualTo("echo $HOME fallback used ");
    }

    @Test
    void shouldReportACopyOfTheRealFileWithItsContractsBroken() throws IOException {
        String real = Repository.read(COMPOSE);
        String broken = real
                // a renamed variable: the service would fall back to 127.0.0.1
                .replace("PRACTICE_KAFKA_BOOTSTRAP: kafka:9092", "KAFKA_BOOTSTRAP: kafka:9092")
                // a probe on a path that does not exist
                .replace("http://127.0.0.1:8083/actuator/health/readiness", "http://127.0.0.1:8083/health")
                // a floating tag
                .replace("image: mongo:7.0.14", "image: mongo:latest")
                // a topic forgotten
                .replace("practice.matching.events.dlt; do", "; do")
                // the reporting-service does not wait for the replica set
                .replaceFirst("(?s)(x-practice-service: &practice-service.*?)    mongo-init:\n      condition: "
                        + "service_completed_successfully\n", "$1");

        ComposeFile compose = ComposeFile.parse(broken, "broken-compose.yml", Map.of());
        String problems = String.join("\n", ComposeConsistency.check(compose, Repository.SOURCES, Repository.EXPECTED));

        assertThat(compose.schemaViolations()).isEmpty();
        assertThat(problems)
                .contains("hierarchy-service: sets KAFKA_BOOTSTRAP, which the service does not read")
                .contains("hierarchy-service: PRACTICE_KAFKA_BOOTSTRAP is not set")
                .contains("request-service: healthcheck does not ask http://127.0.0.1:8083/actuator/health/readiness")
                .contains("mongo: image 'mongo:latest' is not pinned")
                .contains("kafka-topics: creates topics")
                .contains("reporting-service: may start before the replica set has a primary");
    }

    @Test
    void shouldReportNotificationServiceGivenASecretOrUnreachable() {
        String broken = Repository.read(COMPOSE)
                // the gateway would look for notification-service on its own host
                .replace("      NOTIFICATION_SERVICE_URL: http://notification-service:8085\n", "")
                // the clear secret belongs in an override file of one's own, never in the repository
                .replace("      PRACTICE_MONGO_DATABASE: notifications\n", "      PRACTICE_MONGO_DATABASE: notifications\n"
                        + "      PRACTICE_NOTIFICATION_CLIENT_SECRET: local-notification-secret\n");

        String problems = String.join("\n", ComposeConsistency.check(ComposeFile.parse(broken, "n.yml", Map.of()),
                Repository.SOURCES, Repository.EXPECTED));

        assertThat(problems).contains("notification-service: PRACTICE_NOTIFICATION_CLIENT_SECRET is a secret: it may"
                        + " not have a value in docker-compose.yml")
                .contains("gateway-service: NOTIFICATION_SERVICE_URL is not set: notification-service would be looked"
                        + " for at http://127.0.0.1:8085");
    }

    @Test
    void shouldReportAGatewayPointedAtTheWrongBackend() {
        String broken = Repository.read(COMPOSE)
                .replace("VOLUNTEER_SERVICE_URL: http://volunteer-service:8082", "VOLUNTEER_SERVICE_URL: http://volunteer:8082")
                .replace("stop_grace_period: 30s", "stop_grace_period: 15s");

        String problems = String.join("\n", ComposeConsistency.check(ComposeFile.parse(broken, "b.yml", Map.of()),
                Repository.SOURCES, Repository.EXPECTED));

        assertThat(problems).contains("gateway-service: VOLUNTEER_SERVICE_URL is http://volunteer:8082, "
                + "volunteer-service answers at http://volunteer-service:8082")
                .contains("stop_grace_period 15 s does not exceed the graceful shutdown phase (20 s)");
    }
}
