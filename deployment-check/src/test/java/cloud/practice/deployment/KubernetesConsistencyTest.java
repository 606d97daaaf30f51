package cloud.practice.deployment;

import cloud.practice.deployment.consistency.KubernetesConsistency;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The consistency checks fail on a rendered overlay whose contracts with the services are broken. */
class KubernetesConsistencyTest {

    private static String problems(String overlay, Consumer<List<ObjectNode>> breakIt) {
        List<ObjectNode> objects = new ArrayList<>(KubernetesManifestsTest.render(overlay));
        breakIt.accept(objects);
        return String.join("\n", KubernetesConsistency.check(objects, Repository.SOURCES, Repository.EXPECTED,
                Repository.imageUser()));
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) find(objects, "Deployment", deployment).path("spec").path("template").path("spec")
                .path("containers").get(0);
    }

    @Test
    void shouldReportProbesOnPathsTheApplicationDoesNotServe() {
        String problems = problems("dev", objects -> {
            ((ObjectNode) container(objects, "hierarchy-service").path("readinessProbe").path("httpGet"))
                    .put("path", "/health");
            ((ObjectNode) container(objects, "volunteer-service").path("livenessProbe").path("httpGet"))
                    .put("port", 9090);
        });

        assertThat(problems).contains("hierarchy-service: readinessProbe should be GET /actuator/health/readiness")
                .contains("volunteer-service: livenessProbe should be GET /actuator/health/liveness");
    }

    @Test
    void shouldReportWrongPortsAndEnvironment() {
        String problems = problems("dev", objects -> {
            ((ObjectNode) container(objects, "request-service").path("ports").get(0)).put("containerPort", 8085);
            ((ObjectNode) find(objects, "ConfigMap", "practice-platform").path("data"))
                    .put("PRACTICE_KAFKA_BOOTSTRAP", "kafka:9093")
                    .put("PRACTICE_EVENTSTORE_TRANSACTION", "true");
            ((ObjectNode) find(objects, "ConfigMap", "gateway-service").path("data"))
                    .put("REPORTING_SERVICE_URL", "http://reporting-service:8080");
        });

        assertThat(problems)
                .contains("request-service: the container should expose one port named http, 8083")
                .contains("hierarchy-service: PRACTICE_KAFKA_BOOTSTRAP is kafka:9093, Kafka answers at kafka:9092")
                .contains("hierarchy-service: sets PRACTICE_EVENTSTORE_TRANSACTION, which the service does not read")
                .contains("gateway-service: REPORTING_SERVICE_URL is http://reporting-service:8080, "
                        + "reporting-service answers at http://reporting-service:8084");
    }

    @Test
    void shouldReportAWeakenedSecurityContextAndShutdown() {
        String problems = problems("prod", objects -> {
            ObjectNode container = container(objects, "reporting-service");
            ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
            ((ObjectNode) find(objects, "Deployment", "reporting-service").path("spec").path("template").path("spec"))
                    .put("terminationGracePeriodSeconds", 20);
        });

        assertThat(problems).contains("reporting-service: container must have a read-only root filesystem")
                .contains("reporting-service: terminationGracePeriodSeconds 20 does not cover preStop (5 s) plus the"
                        + " graceful shutdown phase (20 s)");
    }

    @Test
    void shouldReportAServiceReachableFromOutsideOrReachingOthers() {
        String problems = problems("prod", objects -> {
            ObjectNode policy = find(objects, "NetworkPolicy", "volunteer-service");
            ((ArrayNode) policy.path("spec").path("ingress").get(0).path("from")).addObject()
                    .putObject("namespaceSelector");
            ObjectNode gatewayPolicy = find(objects, "NetworkPolicy", "gateway-service");
            ((ArrayNode) gatewayPolicy.path("spec").path("egress")).remove(3);
        });

        assertThat(problems).contains("volunteer-service: NetworkPolicy volunteer-service admits")
                .contains("gateway-service: may reach the services [hierarchy-service, notification-service,"
                        + " request-service, volunteer-service] but calls [hierarchy-service, notification-service,"
                        + " reporting-service, request-service, volunteer-service]");
    }

    /** request-service may send webhooks over HTTPS to public addresses; not to private ranges, not on other ports. */
    @Test
    void shouldReportWebhookEgressThatReachesInsideOrBeyondHttps() {
        assertThat(problems("prod", objects -> { })).doesNotContain("whole internet");

        String problems = problems("prod", objects -> {
            ObjectNode egress = (ObjectNode) find(objects, "NetworkPolicy", "request-service-webhooks-egress")
                    .path("spec").path("egress").get(0);
            ((ArrayNode) egress.path("to").get(0).path("ipBlock").path("except")).remove(1); // 10.0.0.0/8
            ((ArrayNode) egress.path("ports")).addObject().put("port", 80).put("protocol", "TCP");
        });

        assertThat(problems).contains("request-service: NetworkPolicy request-service-webhooks-egress lets it reach the"
                + " whole internet (only 443 to 0.0.0.0/0 except [10.0.0.0/8,")
                .contains("(only 443 to ::/0 except [fc00::/7, fe80::/10, ::1/128] is allowed)");
    }

    /**
     * notification-service: SMS through the in-cluster issuer at AUTH_SERVER_URL, its client secret only from its
     * Secret, WeChat only over HTTPS to public addresses (and closed in prod until WeChat is turned on).
     */
    @Test
    void shouldReportNotificationServiceMisdirectedOrOverexposed() {
        assertThat(problems("prod", objects -> { })).doesNotContain("notification-service");
        assertThat(find(KubernetesManifestsTest.render("prod"), "NetworkPolicy", "notification-service-wechat-egress")
                .path("spec").path("egress").toString()).contains("192.0.2.0/24").doesNotContain("0.0.0.0/0");

        String problems = problems("dev", objects -> {
            ((ObjectNode) find(objects, "ConfigMap", "notification-service").path("data"))
                    .put("AUTH_SERVER_URL", "http://auth:9000")
                    .put("PRACTICE_NOTIFICATION_CLIENT_SECRET", "local-notification-secret");
            ObjectNode egress = (ObjectNode) find(objects, "NetworkPolicy", "notification-service-wechat-egress")
                    .path("spec").path("egress").get(0);
            ((ArrayNode) egress.path("ports")).addObject().put("port", 80).put("protocol", "TCP");
            ((ArrayNode) find(objects, "NetworkPolicy", "gateway-service").path("spec").path("egress")).remove(4);
        });

        assertThat(problems)
                .contains("notification-service: AUTH_SERVER_URL is http://auth:9000, the issuer auth-server answers at"
                        + " [http://auth-server:9000]")
                .contains("notification-service: PRACTICE_NOTIFICATION_CLIENT_SECRET is a secret but is set in"
                        + " ConfigMap notification-service")
                .contains("notification-service: NetworkPolicy notification-service-wechat-egress lets it reach the"
                        + " whole internet")
                .contains("gateway-service: may reach the services [hierarchy-service, reporting-service,"
                        + " request-service, volunteer-service] but calls [hierarchy-service, notification-service,");
    }

    @Test
    void shouldReportMissingTopicsAndObjects() {
        String problems = problems("prod", objects -> {
            objects.removeIf(o -> o.path("kind").asText().equals("KafkaTopic")
                    && o.path("metadata").path("name").asText().equals("practice.request.events.dlt"));
            objects.removeIf(o -> o.path("kind").asText().equals("PodDisruptionBudget")
                    && o.path("metadata").path("name").asText().equals("hierarchy-service"));
            ((ObjectNode) find(objects, "KafkaTopic", "practice.request.events").path("spec")).put("partitions", 12);
        });

        assertThat(problems).contains("KafkaTopics [")
                .contains("hierarchy-service: no PodDisruptionBudget named hierarchy-service")
                .contains("KafkaTopic practice.request.events: needs 6 partitions");
    }

    @Test
    void shouldReportASecretPutInAConfigMap() {
        var withSecret = Repository.SOURCES.services().stream().filter(s -> !s.secretVariables().isEmpty()).findFirst();
        assumeTrue(withSecret.isPresent(), "no service reads a secret-like variable");
        String service = withSecret.get().name();
        String variable = withSecret.get().secretVariables().iterator().next();

        String problems = problems("prod", objects -> ((ObjectNode) find(objects, "ConfigMap", service).path("data"))
                .put(variable, "c2VjcmV0"));

        assertThat(problems).contains(service + ": " + variable + " is a secret but is set in ConfigMap " + service);
    }

    @Test
    void shouldReportAnIssuerTheServicesDoNotExpectOrCannotReach() {
        String problems = problems("dev", objects -> {
            ((ObjectNode) find(objects, "ConfigMap", "auth-server").path("data"))
                    .put("PRACTICE_AUTH_ISSUER", "http://practice.example.test")
                    .put("PRACTICE_AUTH_KEY_FILE", "");
            ((ObjectNode) find(objects, "ConfigMap", "gateway-service").path("data"))
                    .put("AUTH_SERVER_URL", "http://auth:9000");
            ((ObjectNode) find(objects, "ConfigMap", "practice-platform").path("data"))
                    .put("PRACTICE_SECURITY_JWK_SET_URI", "http://localhost:9000/oauth2/jwks");
            objects.removeIf(o -> o.path("kind").asText().equals("NetworkPolicy")
                    && o.path("metadata").path("name").asText().equals("practice-allow-issuer-egress"));
        });

        assertThat(problems).contains("Deployment auth-server: issues iss http://practice.example.test but the"
                        + " services expect [http://localhost:8080]")
                .contains("Deployment auth-server: PRACTICE_AUTH_KEY_FILE () is not a file of a mounted Secret")
                .contains("gateway-service: AUTH_SERVER_URL is http://auth:9000, the issuer auth-server answers at"
                        + " [http://auth-server:9000]")
                .contains("request-service: PRACTICE_SECURITY_JWK_SET_URI is http://localhost:9000/oauth2/jwks")
                .contains("hierarchy-service: no NetworkPolicy lets it reach the issuer (its pods, 9000)")
                .contains("gateway-service: no NetworkPolicy lets it reach the issuer (its pods, 9000)");
    }

    @Test
    void shouldReportServicesThatDisagreeOnAnExternalIssuer() {
        String problems = problems("prod", objects -> {
            ((ObjectNode) find(objects, "ConfigMap", "gateway-service").path("data"))
                    .put("PRACTICE_SECURITY_ISSUER", "https://other.example.org")
                    .put("PRACTICE_SECURITY_JWK_SET_URI", "http://login.example.org/jwks");
            ((ObjectNode) find(objects, "NetworkPolicy", "practice-allow-issuer-egress").path("spec").path("egress")
                    .get(0).path("ports").get(0)).put("port", 80);
        });

        assertThat(problems).contains("the services and the gateway expect different issuers")
                .contains("gateway-service: PRACTICE_SECURITY_JWK_SET_URI is http://login.example.org/jwks: an issuer"
                        + " outside the overlay is reached over HTTPS")
                .contains("volunteer-service: no NetworkPolicy lets it reach the issuer (HTTPS, 443)");
    }
}
