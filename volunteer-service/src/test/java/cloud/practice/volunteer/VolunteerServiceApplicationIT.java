package cloud.practice.volunteer;

import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@AutoConfigureObservability
class VolunteerServiceApplicationIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void shouldReportHealthyWithItsStoreAndExposeMetrics() {
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"status\":\"UP\"").contains("\"mongo\"");
        assertThat(http.getForObject("/actuator/health/readiness", String.class)).contains("UP");
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("application=\"volunteer-service\"");
    }
}
