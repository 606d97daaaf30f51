package cloud.practice.testing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every event-sourced service promises operators: it starts against real Kafka and MongoDB, reports healthy
 * with its store, answers the Kubernetes probes and exposes Prometheus metrics tagged with its name. A service's
 * test extends this (in the service's package, so its application is found).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@AutoConfigureObservability
public abstract class ServiceHealthContract {

    @Autowired
    protected TestRestTemplate http;

    @Value("${spring.application.name}")
    protected String applicationName;

    @Test
    void shouldReportHealthyWithItsStoreAndExposeMetrics() {
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"status\":\"UP\"").contains("\"mongo\"");
        assertThat(http.getForObject("/actuator/health/readiness", String.class)).contains("UP");
        assertThat(http.getForObject("/actuator/health/liveness", String.class)).contains("UP");
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("application=\"" + applicationName + "\"");
    }
}
