package cloud.practice.volunteer.privacy;

import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.support.InMemoryMongo;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityIndexTest {

    private final MongoDatabase database = InMemoryMongo.freshDatabase();

    @Test
    void shouldLetExactlyOneOfConcurrentRegistrationsHoldAPhoneNumber() throws Exception {
        IdentityIndex index = new IdentityIndex(database, "pepper", Clock.systemUTC(), owner -> true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 16; i++) {
            String volunteer = "vol-" + i;
            pool.submit(() -> {
                start.await();
                try {
                    index.reserve("d1", volunteer, i(volunteer) % 2 == 0 ? "13812345678" : "+86 138-1234-5678", null);
                    winners.add(volunteer);
                } catch (RuleViolation e) {
                    assertThat(e.code()).isEqualTo("duplicate-volunteer");
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(winners).hasSize(1);
    }

    @Test
    void shouldKeepNoNumberInTheClearWhenReserving() {
        IdentityIndex index = new IdentityIndex(database, "pepper", Clock.systemUTC(), owner -> true);
        index.reserve("d1", "vol-1", "13812345678", "50010719900504123X");

        List<Document> rows = database.getCollection(IdentityIndex.COLLECTION).find().into(new java.util.ArrayList<>());
        assertThat(rows).hasSize(2);
        assertThat(rows.toString()).doesNotContain("13812345678").doesNotContain("50010719900504123X");
    }

    @Test
    void shouldTakeOverAReservationWhenItsOwnerNeverReachedTheEventStore() {
        Clock then = Clock.fixed(Instant.parse("2026-03-07T00:00:00Z"), ZoneOffset.UTC);
        new IdentityIndex(database, "pepper", then, owner -> false).reserve("d1", "vol-crashed", "13812345678", null);
        Clock later = Clock.offset(then, IdentityIndex.STALE_AFTER.plusSeconds(1));

        IdentityIndex soon = new IdentityIndex(database, "pepper", Clock.offset(then, java.time.Duration.ofSeconds(5)),
                owner -> false);
        assertThatThrownBy(() -> soon.reserve("d1", "vol-new", "13812345678", null))
                .as("not yet stale").isInstanceOf(RuleViolation.class);
        IdentityIndex ownerExists = new IdentityIndex(database, "pepper", later, owner -> true);
        assertThatThrownBy(() -> ownerExists.reserve("d1", "vol-new", "13812345678", null))
                .as("the owner did register").isInstanceOf(RuleViolation.class);
        assertThat(new IdentityIndex(database, "pepper", later, owner -> false)
                .reserve("d1", "vol-new", "13812345678", null)).hasSize(1);
    }

    @Test
    void shouldConfirmItsOwnReservationWriteAMissingRowAndLeaveAnotherVolunteersAlone() {
        IdentityIndex index = new IdentityIndex(database, "pepper", Clock.systemUTC(), owner -> true);
        index.reserve("d1", "vol-1", "13812345678", null);
        index.reserve("d1", "vol-2", "13900000000", null);

        index.confirm("d1", "vol-1", "13812345678", "50010719900504123X", false);
        index.confirm("d1", "vol-1", "13900000000", null, false); // held by vol-2: left alone

        List<Document> rows = database.getCollection(IdentityIndex.COLLECTION).find().into(new java.util.ArrayList<>());
        assertThat(rows).extracting(row -> row.getString("volunteerId") + " " + row.getString("kind") + " "
                        + row.getBoolean("confirmed", false))
                .containsExactlyInAnyOrder("vol-1 PHONE true", "vol-1 ID_NUMBER true", "vol-2 PHONE false");
        assertThat(index.ownerOfPhone("d1", "13900000000")).contains("vol-2");
    }

    @Test
    void shouldFreeTheOldNumberWhenAVolunteerChangesIt() {
        IdentityIndex index = new IdentityIndex(database, "pepper", Clock.systemUTC(), owner -> true);
        index.reserve("d1", "vol-1", "13812345678", null);
        index.reserve("d1", "vol-1", "13900000000", null);
        index.keepOnly("d1", "vol-1", "13900000000", null);

        assertThat(index.reserve("d1", "vol-2", "13812345678", null)).hasSize(1);
        assertThat(index.ownerOfPhone("d1", "13900000000")).contains("vol-1");
        index.releaseAll("vol-1");
        assertThat(index.ownerOfPhone("d1", "13900000000")).isEmpty();
    }

    private static int i(String volunteer) {
        return Integer.parseInt(volunteer.substring(4));
    }
}
