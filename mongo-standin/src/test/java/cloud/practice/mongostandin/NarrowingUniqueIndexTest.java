package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filters the wrapped index serves, and with which documents (the collection then matches the whole filter). */
class NarrowingUniqueIndexTest {

    final Index<Integer> ids = NarrowingUniqueIndex.over(
            new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false), false);
    final Index<Integer> accounts = NarrowingUniqueIndex.over(new MemoryUniqueIndex("district_account",
            List.of(new IndexKey("districtId", true), new IndexKey("accountId", true)), false), false);

    NarrowingUniqueIndexTest() {
        ids.add(new Document("_id", "d|r-1").append("seq", 3L), 0, null);
        ids.add(new Document("_id", "d|r-2").append("seq", 9L), 1, null);
        accounts.add(new Document("districtId", "d").append("accountId", "a-1"), 0, null);
        accounts.add(new Document("districtId", "e").append("accountId", "a-1"), 1, null);
    }

    @Test
    void shouldServeAGuardedWriteFilterThroughTheIdAlone() {
        Document guarded = new Document("_id", "d|r-2").append("seq", new Document("$lt", 5L));
        assertThat(ids.canHandle(guarded)).isTrue();
        assertThat(ids.getPositions(guarded)).containsExactly(1);
    }

    @Test
    void shouldServeAFilterTheDriverSentAsAnAnd() {
        Document query = new Document("$and", List.of(new Document("_id", "d|r-2"),
                new Document("seq", new Document("$lt", 5L)),
                new Document("$or", List.of(new Document("lease", null)))));
        assertThat(ids.canHandle(query)).isTrue();
        assertThat(ids.getPositions(query)).containsExactly(1);
        assertThat(ids.canHandle(new Document("$or", List.of(new Document("_id", "d|r-2"))))).isFalse();
    }

    @Test
    void shouldServeAnInListWithMoreConditions() {
        Document query = new Document("_id", new Document("$in", List.of("d|r-1", "d|r-2", "d|r-9")))
                .append("districtId", "d");
        assertThat(ids.canHandle(query)).isTrue();
        assertThat(ids.getPositions(query)).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void shouldServeACompoundIndexWhenEveryOneOfItsFieldsIsAnEquality() {
        Document query = new Document("districtId", "e").append("accountId", "a-1").append("status", "ACTIVE");
        assertThat(accounts.canHandle(query)).isTrue();
        assertThat(accounts.getPositions(query)).containsExactly(1);
        assertThat(accounts.canHandle(new Document("accountId", "a-1").append("status", "ACTIVE")))
                .as("one of the index's fields missing").isFalse();
    }

    @Test
    void shouldLeaveWhatTheIndexCannotAnswerToAScan() {
        assertThat(ids.canHandle(new Document("seq", 3L))).isFalse();
        assertThat(ids.canHandle(new Document("_id", new Document("$gt", "d|r-1")).append("seq", 3L))).isFalse();
        assertThat(accounts.canHandle(new Document("districtId", new Document("$in", List.of("d", "e")))
                .append("accountId", "a-1").append("status", "ACTIVE"))).as("compound with an operator").isFalse();
    }

    @Test
    void shouldAnswerExactFiltersAsTheWrappedIndexDoes() {
        assertThat(ids.canHandle(new Document("_id", "d|r-1"))).isTrue();
        assertThat(ids.getPositions(new Document("_id", "d|r-1"))).containsExactly(0);
        assertThat(ids.getPositions(new Document("_id", "nope"))).isEmpty();
        assertThat(ids.isUnique()).isTrue();
        assertThat(ids.getCount()).isEqualTo(2);
    }
}
