package cloud.practice.support.tree;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree's revoked managers on the real MongoDB-wire store: revoked until assigned again, per district and unit. */
class ManagerRevocationsIT {

    private final String database = "revoked_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private MongoClient client;
    private ManagerRevocations revocations;
    private long sequence;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        revocations = new ManagerRevocations(new MongoTemplate(client, database));
    }

    @AfterEach
    void drop() {
        client.getDatabase(database).drop();
        client.close();
    }

    @Test
    void shouldWithdrawARevokedManagerUntilTheTreeAssignsThemAgain() {
        LocalDate day = LocalDate.of(2026, 12, 5);
        handle(new ManagerAssigned("s-1", "jlp", "acc-1", "STATION_ADMIN", day));
        assertThat(revocations.isWithdrawn("jlp", "s-1", "acc-1")).isFalse();

        handle(new ManagerRevoked("s-1", "jlp", "acc-1", day));
        handle(new ManagerRevoked("s-1", "jlp", "acc-1", day)); // a replay changes nothing
        assertThat(revocations.isWithdrawn("jlp", "s-1", "acc-1")).isTrue();
        assertThat(revocations.isWithdrawn("other", "s-1", "acc-1")).as("another district's s-1").isFalse();
        assertThat(revocations.isWithdrawn("jlp", "s-2", "acc-1")).as("another unit").isFalse();
        assertThat(revocations.isWithdrawn("jlp", "s-1", "acc-2")).as("another person").isFalse();

        handle(new ManagerAssigned("s-1", "jlp", "acc-1", "STATION_ADMIN", day.plusDays(1)));
        assertThat(revocations.isWithdrawn("jlp", "s-1", "acc-1")).isFalse();
    }

    private void handle(DomainEvent payload) {
        sequence++;
        revocations.handle(new InboundEvent("e-" + sequence, payload.getClass().getSimpleName(), "jlp/tree", "jlp",
                sequence, OffsetDateTime.parse("2026-12-05T08:00:00Z"), "c", "c", payload));
    }
}
