package cloud.practice.reporting.web;

import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A role the tree granted (token claim {@code practice_grant=manager}) lives as long as the tree keeps the person as
 * manager of the unit: hierarchy's {@code ManagerRevoked}, consumed from the hierarchy topic, makes the service refuse
 * the very token it accepted (401) before the token expires, and a later {@code ManagerAssigned} restores it. Only
 * that person's tree grant for that unit is withdrawn.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class TreeGrantRevocationIT {

    private final String district = "cq-grant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String figures = "/api/v1/reports/figures?district=" + district + "&unit=i-1";

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private CloudEventCodec codec;

    private final TestIdentity identity = TestIdentity.get();
    private final EventLog log = new EventLog();
    private int published;

    @Test
    void shouldRefuseATreeGrantedTokenOnceTheTreeRevokesTheManagerAndAcceptItAgainOnceReassigned() {
        LocalDate day = LocalDate.of(2026, 12, 5);
        String manager = "acc-" + UUID.randomUUID();
        String colleague = "acc-" + UUID.randomUUID();
        append(new OrgUnitEstablished("center", district, "C", "中心", OrgTier.CENTER, null, null, null, null,
                Set.of(), List.of(), day));
        append(new OrgUnitEstablished("i-1", district, "I1", "一所", OrgTier.INSTITUTE, "center", null, null, null,
                Set.of(), List.of(), day));
        append(new ManagerAssigned("i-1", district, manager, Role.INSTITUTE_ADMIN.name(), day));
        append(new ManagerAssigned("i-1", district, colleague, Role.INSTITUTE_ADMIN.name(), day));
        publish();
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.getForEntity(figures, String.class)
                .getStatusCode().value() == 200);

        String treeGranted = treeGrantedToken(manager);
        String colleaguesTreeGrant = treeGrantedToken(colleague);
        // The same person and role given by staff administration (no grant claim): the tree does not withdraw it.
        String staffGiven = identity.token(manager, Role.INSTITUTE_ADMIN.name(), district, "i-1",
                Scopes.forRole(Role.INSTITUTE_ADMIN));
        assertThat(status(treeGranted)).as("the tree-granted token while %s manages i-1", manager).isEqualTo(200);

        append(new ManagerRevoked("i-1", district, manager, day.plusDays(1)));
        publish();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(treeGranted) == 401);
        ResponseEntity<String> refused = call(treeGranted);
        assertThat(refused.getBody()).contains("https://practice.cloud/problems/unauthenticated");
        assertThat(status(colleaguesTreeGrant)).as("another manager of i-1").isEqualTo(200);
        assertThat(status(staffGiven)).as("a role that is not the tree's").isEqualTo(200);

        append(new ManagerAssigned("i-1", district, manager, Role.INSTITUTE_ADMIN.name(), day.plusDays(2)));
        publish();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(treeGranted) == 200);
    }

    private String treeGrantedToken(String person) {
        return identity.sign(identity.claims(person, Role.INSTITUTE_ADMIN.name(), district, "i-1",
                Scopes.forRole(Role.INSTITUTE_ADMIN)).claim("practice_grant", "manager").build());
    }

    private void append(cloud.practice.events.DomainEvent event) {
        log.append(district, event, Instant.now());
    }

    /** Publishes what was appended since the last call, as hierarchy's relay would (one tree stream per district). */
    private void publish() {
        List<Recorded> events = log.events();
        new EventPublisher(kafka, codec).publish(events.subList(published, events.size()));
        published = events.size();
    }

    private int status(String token) {
        return call(token).getStatusCode().value();
    }

    private ResponseEntity<String> call(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(figures, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
