package cloud.practice.deployment;

import cloud.practice.deployment.platform.ServiceModule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts the deployment checks compare against are really read from the code (a reader that finds nothing
 *  would let every check pass). */
class PlatformSourcesTest {

    @Test
    void shouldFindTheSixServicesWithTheirPortsInPomOrder() {
        List<ServiceModule> services = Repository.SOURCES.services();

        assertThat(services).extracting(ServiceModule::name).containsExactly("hierarchy-service",
                "volunteer-service", "request-service", "reporting-service", "notification-service",
                "gateway-service");
        assertThat(services).extracting(ServiceModule::port).containsExactly(8081, 8082, 8083, 8084, 8085, 8080);
    }

    @Test
    void shouldReadPlaceholdersFromApplicationYmlAndPracticeDefaults() {
        ServiceModule hierarchy = Repository.SOURCES.service("hierarchy-service");
        ServiceModule gateway = Repository.SOURCES.service("gateway-service");

        assertThat(hierarchy.placeholders()).containsKeys("PORT", "PRACTICE_MONGO_DATABASE", "PRACTICE_MONGO_URI",
                "PRACTICE_KAFKA_BOOTSTRAP");
        assertThat(hierarchy.usesKafka()).isTrue();
        assertThat(hierarchy.usesMongo()).isTrue();
        assertThat(hierarchy.shutdownPhaseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gateway.placeholders()).containsKeys("PORT", "HIERARCHY_SERVICE_URL", "VOLUNTEER_SERVICE_URL",
                "REQUEST_SERVICE_URL", "REPORTING_SERVICE_URL", "NOTIFICATION_SERVICE_URL");
        assertThat(gateway.placeholders()).doesNotContainKey("PRACTICE_KAFKA_BOOTSTRAP");
        assertThat(gateway.usesKafka()).isFalse();
        assertThat(gateway.shutdownPhaseTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    /** notification-service's secrets must reach its Secret template and never a ConfigMap or the compose file. */
    @Test
    void shouldReadTheNotificationServicesIssuerAndSecrets() {
        ServiceModule notification = Repository.SOURCES.service("notification-service");

        assertThat(notification.placeholders()).containsEntry("AUTH_SERVER_URL", "http://127.0.0.1:9000")
                .containsEntry("PRACTICE_MONGO_DATABASE", "notifications")
                .containsKeys("PRACTICE_NOTIFICATION_SMS_ENABLED", "PRACTICE_WECHAT_ENABLED", "PRACTICE_WECHAT_APP_ID");
        assertThat(notification.secretVariables()).contains("PRACTICE_NOTIFICATION_CLIENT_SECRET",
                "PRACTICE_WECHAT_APP_SECRET");
        assertThat(notification.usesKafka()).isTrue();
        assertThat(notification.usesMongo()).isTrue();
    }

    @Test
    void shouldDeriveRelaxedBindingVariablesFromSettingsRecords() {
        ServiceModule request = Repository.SOURCES.service("request-service");

        assertThat(request.relaxedVariables()).contains("PRACTICE_EVENTSTORE_TRANSACTIONS",
                "PRACTICE_EVENTSTORE_GAPTIMEOUT", "PRACTICE_MESSAGING_PARTITIONS",
                "PRACTICE_MESSAGING_REPLICATIONFACTOR");
        // components of a nested settings record (SecuritySettings.Claims): practice.security.claims.role
        assertThat(request.relaxedVariables()).contains("PRACTICE_SECURITY_CLAIMS", "PRACTICE_SECURITY_CLAIMS_ROLE",
                "PRACTICE_SECURITY_CLAIMS_USER", "PRACTICE_SECURITY_CLAIMS_DISTRICT", "PRACTICE_SECURITY_CLAIMS_UNIT");
        assertThat(Repository.SOURCES.service("gateway-service").relaxedVariables())
                .contains("PRACTICE_SECURITY_CLAIMS_ROLE", "PRACTICE_SECURITY_CLAIMS_USER")
                .doesNotContain("PRACTICE_SECURITY_CLAIMS_DISTRICT");
        assertThat(Repository.SOURCES.service("gateway-service").relaxedVariables())
                .noneMatch(variable -> variable.startsWith("PRACTICE_EVENTSTORE_") || variable.startsWith("PRACTICE_MESSAGING_"));
    }

    @Test
    void shouldReadTheSharedExpectations() {
        assertThat(Repository.EXPECTED.kafkaImage()).isEqualTo("apache/kafka:3.9.1");
        assertThat(Repository.EXPECTED.mongoImage()).isEqualTo("mongo:7.0.14");
        assertThat(Repository.EXPECTED.partitions()).isEqualTo(6);
        assertThat(Repository.EXPECTED.topics()).hasSize(10).contains("practice.matching.events.dlt",
                "practice.notification.events");
    }
}
