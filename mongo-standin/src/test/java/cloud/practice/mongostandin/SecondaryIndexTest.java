package cloud.practice.mongostandin;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filters a secondary index serves, and which candidates it gives (the collection then matches the whole filter). */
class SecondaryIndexTest {

    static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

    final Index<Integer> deliveries = new SecondaryIndex<>("state_next",
            List.of(new IndexKey("state", true), new IndexKey("nextAttemptAt", true)), false, Comparator.<Integer>naturalOrder());
    final Index<Integer> notices = new SecondaryIndex<>("district_state",
            List.of(new IndexKey("districtId", true), new IndexKey("deliveries.state", true)), false,
            Comparator.<Integer>naturalOrder());

    SecondaryIndexTest() {
        deliveries.add(delivery("a", "PENDING", T.minusSeconds(60)), 4, null);
        deliveries.add(delivery("b", "PENDING", T.plusSeconds(60)), 1, null);
        deliveries.add(delivery("c", "DEAD", T.minusSeconds(60)), 2, null);
        deliveries.add(delivery("d", "PENDING", T), 0, null);
        deliveries.add(new Document("_id", "e").append("state", "PENDING"), 3, null);
        deliveries.add(new Document("_id", "f").append("state", "PENDING").append("nextAttemptAt", 5), 5, null);
    }

    @Test
    void shouldFindAnEqualityPrefixAndARangeOnTheNextFieldInTheCollectionsOrder() {
        Document due = new Document("state", "PENDING").append("nextAttemptAt", new Document("$lte", T));
        assertThat(deliveries.canHandle(due)).isTrue();
        assertThat(deliveries.getPositions(due)).as("a, d — not b (later), c (dead), e (no time), f (a number)")
                .containsExactly(0, 4);
        assertThat(deliveries.getPositions(new Document("state", "PENDING")))
                .as("a prefix alone: every pending delivery, in position order").containsExactly(0, 1, 3, 4, 5);
        assertThat(deliveries.getPositions(new Document("state", "PENDING")
                .append("nextAttemptAt", new Document("$gt", T.minusSeconds(60)).append("$lt", T.plusSeconds(60)))))
                .containsExactly(0);
        assertThat(deliveries.getPositions(new Document("state", "PENDING").append("nextAttemptAt",
                new Document("$gte", 1L)))).as("a number range finds numbers only").containsExactly(5);
        assertThat(deliveries.getPositions(new Document("state", "PENDING").append("nextAttemptAt",
                new Document("$gt", T.minusSeconds(60)).append("$gte", T.minusSeconds(120)))))
                .as("the tighter of two lower bounds").containsExactly(0, 1);
        assertThat(deliveries.getPositions(new Document("state", "PENDING").append("nextAttemptAt",
                new Document("$gte", T).append("$lte", T)))).as("a range of one instant").containsExactly(0);
    }

    @Test
    void shouldReadTheConditionsInsideAnAndAsTheDriverSendsThem() {
        Document query = new Document("$and", List.of(new Document("state", "PENDING"),
                new Document("nextAttemptAt", new Document("$lte", T)),
                new Document("$or", List.of(new Document("lease", null), new Document("lease", new Document("$lt", T))))));
        assertThat(deliveries.canHandle(query)).isTrue();
        assertThat(deliveries.getPositions(query)).containsExactly(0, 4);

        Document between = new Document("$and", List.of(new Document("state", "PENDING"),
                new Document("nextAttemptAt", new Document("$gt", T.minusSeconds(60))),
                new Document("nextAttemptAt", new Document("$lt", T.plusSeconds(60)))));
        assertThat(deliveries.getPositions(between)).as("two bounds of one field, as and(gt, lt) sends them")
                .containsExactly(0);
    }

    @Test
    void shouldServeAnInOnTheNextField() {
        Document query = new Document("state", new Document("$in", List.of("DEAD", "DELIVERED")));
        assertThat(deliveries.canHandle(query)).isTrue();
        assertThat(deliveries.getPositions(query)).containsExactly(2);
    }

    @Test
    void shouldLeaveToAnotherIndexOrAScanAFirstValueMostDocumentsHave() {
        assertThat(deliveries.canHandle(new Document("state", "PENDING"))).as("5 of 6 documents").isFalse();
        assertThat(deliveries.canHandle(new Document("state", new Document("$in", List.of("PENDING", "DEAD")))))
                .isFalse();
        assertThat(deliveries.canHandle(new Document("state", "DEAD"))).isTrue();
        assertThat(deliveries.canHandle(new Document("state", "PENDING").append("nextAttemptAt",
                new Document("$lte", T)))).as("narrowed further by the next field").isTrue();

        deliveries.remove(delivery("a", "PENDING", T.minusSeconds(60)));
        deliveries.remove(delivery("b", "PENDING", T.plusSeconds(60)));
        deliveries.remove(delivery("d", "PENDING", T));
        assertThat(deliveries.canHandle(new Document("state", "PENDING"))).as("2 of 3 documents").isFalse();
        deliveries.remove(new Document("_id", "e").append("state", "PENDING"));
        assertThat(deliveries.canHandle(new Document("state", "PENDING"))).as("1 of 2 documents").isTrue();
    }

    @Test
    void shouldLeaveToAScanWhatItCannotNarrow() {
        assertThat(deliveries.canHandle(new Document("nextAttemptAt", new Document("$lte", T))))
                .as("not the first field").isFalse();
        assertThat(deliveries.canHandle(new Document("state", null))).as("null also matches a missing field").isFalse();
        assertThat(deliveries.canHandle(new Document("state", new Document("$ne", "DEAD")))).isFalse();
        assertThat(deliveries.canHandle(new Document("state", List.of("PENDING")))).as("an array's equality").isFalse();
        assertThat(deliveries.canHandle(new Document("$or", List.of(new Document("state", "DEAD"))))).isFalse();
        assertThat(deliveries.canHandle(new Document("state", new Document("$regex", "^P")))).isFalse();
    }

    @Test
    void shouldIndexEveryElementOfAnArrayAndFindADocumentWithAnEmptyOneByItsPrefix() {
        notices.add(notice("n1", "d", "SENT", "DEAD"), 0, null);
        notices.add(notice("n2", "d"), 1, null);
        notices.add(notice("n3", "e", "DEAD"), 2, null);
        notices.add(new Document("_id", "n4").append("districtId", "d"), 3, null);

        assertThat(notices.getPositions(new Document("districtId", "d").append("deliveries.state", "DEAD")))
                .containsExactly(0);
        assertThat(notices.getPositions(new Document("districtId", "d"))).containsExactly(0, 1, 3);
        assertThat(notices.getCount()).isEqualTo(4);
    }

    @Test
    void shouldFollowUpdatesAndRemovals() {
        Document before = delivery("b", "PENDING", T.plusSeconds(60));
        Document after = delivery("b", "DEAD", T.plusSeconds(60));
        deliveries.updateInPlace(before, after, 1, null);
        assertThat(deliveries.getPositions(new Document("state", "DEAD"))).containsExactly(1, 2);
        assertThat(deliveries.getPositions(new Document("state", "PENDING"))).containsExactly(0, 3, 4, 5);

        assertThat(deliveries.remove(delivery("c", "DEAD", T.minusSeconds(60)))).isEqualTo(2);
        assertThat(deliveries.getPositions(new Document("state", "DEAD"))).containsExactly(1);
        assertThat(deliveries.getCount()).isEqualTo(5);
    }

    private static Document delivery(String id, String state, Instant next) {
        return new Document("_id", id).append("state", state).append("nextAttemptAt", next);
    }

    private static Document notice(String id, String district, String... states) {
        return new Document("_id", id).append("districtId", district).append("deliveries",
                java.util.Arrays.stream(states).map(s -> new Document("state", s)).toList());
    }
}
