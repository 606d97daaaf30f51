package cloud.practice.reporting.projection;

import cloud.practice.reporting.projection.FactStore.Kind;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch reads the facts' sequences, then writes compare-and-set on what it read. Another writer (a second
 * instance during a rebalance, say) may move a fact in between: the batch's result must still be exactly what the
 * plain sequence guard gives.
 */
class FactStoreBatchTest {

    private static final String D = "cq-test";
    private static final String KEY = FactStore.key(D, "r1");

    private FactStore store;
    private FactStore otherWriter;

    @BeforeEach
    void setUp() {
        MongoDatabase database = MongoFixture.freshDatabase();
        store = new FactStore(database, 1);
        otherWriter = new FactStore(database, 1);
        store.guarded(Kind.REQUESTS, KEY, D, 1, Updates.combine(Updates.set("status", "SUBMITTED"),
                Updates.set("escalations", 0)));
    }

    private void write(FactStore target, long seq, String status) {
        target.guarded(Kind.REQUESTS, KEY, D, seq, Updates.combine(Updates.set("status", status),
                Updates.inc("escalations", 1)));
    }

    private Document fact() {
        return store.find(Kind.REQUESTS, KEY);
    }

    @Test
    void shouldApplyANewerEventWhenAnotherWriterAppliedAnOlderOneInBetween() {
        store.betweenReadAndWrite = () -> write(otherWriter, 2, "REVIEWED");

        store.inBatch(() -> write(store, 3, "DISPATCHED"));

        assertThat(fact().getString("status")).isEqualTo("DISPATCHED");
        assertThat(fact().get("seq", Number.class).longValue()).isEqualTo(3);
        assertThat(fact().getInteger("escalations")).isEqualTo(2);
    }

    @Test
    void shouldNotApplyAnOlderEventWhenAnotherWriterAppliedANewerOneInBetween() {
        store.betweenReadAndWrite = () -> write(otherWriter, 4, "ACCEPTED");

        store.inBatch(() -> {
            write(store, 2, "REVIEWED");
            write(store, 3, "DISPATCHED");
        });

        assertThat(fact().getString("status")).isEqualTo("ACCEPTED");
        assertThat(fact().get("seq", Number.class).longValue()).isEqualTo(4);
        assertThat(fact().getInteger("escalations")).isEqualTo(1);
    }

    @Test
    void shouldApplyTheSameEventOnceWhenAnotherWriterAppliedItInBetween() {
        store.betweenReadAndWrite = () -> write(otherWriter, 2, "REVIEWED");

        store.inBatch(() -> {
            write(store, 2, "REVIEWED");
            write(store, 3, "DISPATCHED");
        });

        assertThat(fact().getString("status")).isEqualTo("DISPATCHED");
        assertThat(fact().getInteger("escalations")).isEqualTo(2);
    }

    @Test
    void shouldCreateAFactAnotherWriterCreatedInBetweenOnlyOnce() {
        String fresh = FactStore.key(D, "r2");
        store.betweenReadAndWrite = () -> otherWriter.guarded(Kind.REQUESTS, fresh, D, 1,
                Updates.inc("escalations", 1));

        store.inBatch(() -> store.guarded(Kind.REQUESTS, fresh, D, 1, Updates.inc("escalations", 1)));

        assertThat(store.find(Kind.REQUESTS, fresh).getInteger("escalations")).isEqualTo(1);
    }

    @Test
    void shouldSkipDuplicatesAndOlderEventsInsideOneBatch() {
        store.inBatch(() -> {
            write(store, 3, "DISPATCHED");
            write(store, 3, "DISPATCHED");
            write(store, 2, "REVIEWED");
            write(store, 1, "SUBMITTED");
        });

        assertThat(fact().getString("status")).isEqualTo("DISPATCHED");
        assertThat(fact().getInteger("escalations")).isEqualTo(1);
    }
}
