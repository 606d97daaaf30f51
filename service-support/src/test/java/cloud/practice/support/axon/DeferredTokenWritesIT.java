package cloud.practice.support.axon;

import cloud.practice.testing.MovableClock;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deferred token writes on Axon's real MongoDB token store (the MongoDB-wire stand-in): at most one write per interval
 * per segment, and never a token left behind when the processor renews its claim, reopens its stream or lets go.
 */
class DeferredTokenWritesIT {

    private static final String PROCESSOR = "request-view";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final String database = "tokens_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T03:00:00Z"));
    private MongoClient client;
    private TokenStore stored;
    private DeferredTokenWrites tokens;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        stored = store("node-a");
        tokens = new DeferredTokenWrites(stored, clock, INTERVAL);
        stored.initializeTokenSegments(PROCESSOR, 1);
        tokens.fetchToken(PROCESSOR, 0);
    }

    @AfterEach
    void drop() {
        client.getDatabase(database).drop();
        client.close();
    }

    private TokenStore store(String node) {
        MongoTokenStore store = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database).build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(node)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
        store.ensureIndexes();
        return store;
    }

    @Test
    void shouldWriteTheFirstTokenAndThenAtMostOneAnInterval() {
        tokens.storeToken(at(1), PROCESSOR, 0);
        tokens.storeToken(at(2), PROCESSOR, 0);
        clock.advance(Duration.ofMillis(999));
        tokens.storeToken(at(3), PROCESSOR, 0);

        assertThat(storedToken()).as("within the interval the newest waits").isEqualTo(at(1));

        clock.advance(Duration.ofMillis(1));
        tokens.storeToken(at(4), PROCESSOR, 0);

        assertThat(storedToken()).isEqualTo(at(4));
    }

    @Test
    void shouldWriteTheWaitingTokenAtTheFirstClaimRenewalAfterTheInterval() {
        tokens.storeToken(at(1), PROCESSOR, 0);
        tokens.storeToken(at(7), PROCESSOR, 0);
        tokens.extendClaim(PROCESSOR, 0);

        assertThat(storedToken()).as("the claim is fresh: nothing written").isEqualTo(at(1));

        clock.advance(INTERVAL);
        tokens.extendClaim(PROCESSOR, 0);

        assertThat(storedToken()).isEqualTo(at(7));
    }

    @Test
    void shouldWriteOnceAnIntervalForAProcessorThatRenewsBeforeEveryBatchAndStoresAfterIt() {
        CountingStore counting = new CountingStore(stored);
        DeferredTokenWrites busy = new DeferredTokenWrites(counting, clock, INTERVAL);
        // Axon's tracking processor with storeTokenBeforeProcessing off: renew, handle, store — ten batches a second.
        for (int batch = 1; batch <= 20; batch++) {
            busy.extendClaim(PROCESSOR, 0);
            busy.storeToken(at(batch), PROCESSOR, 0);
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(counting.writes).as("two seconds of batches").isBetween(2, 3);
        busy.extendClaim(PROCESSOR, 0);
        assertThat(storedToken()).isEqualTo(at(20));
    }

    @Test
    void shouldRenewAnIdleProcessorsClaimAtMostOnceAnInterval() {
        CountingStore counting = new CountingStore(stored);
        DeferredTokenWrites idle = new DeferredTokenWrites(counting, clock, INTERVAL);
        idle.storeToken(at(3), PROCESSOR, 0);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            idle.extendClaim(PROCESSOR, 0);
        }
        assertThat(counting.writes).as("the token, then no renewal within the interval").isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        idle.extendClaim(PROCESSOR, 0);
        idle.extendClaim(PROCESSOR, 0);

        assertThat(counting.writes).isEqualTo(2);
        assertThat(storedToken()).isEqualTo(at(3));
    }

    @Test
    void shouldGiveTheNewestTokenToAProcessorThatReopensItsStream() {
        tokens.storeToken(at(1), PROCESSOR, 0);
        tokens.storeToken(at(5), PROCESSOR, 0);

        assertThat(tokens.fetchToken(PROCESSOR, 0)).isEqualTo(at(5));
        assertThat(storedToken()).isEqualTo(at(5));
    }

    @Test
    void shouldWriteTheWaitingTokenBeforeLettingTheClaimGo() {
        tokens.storeToken(at(1), PROCESSOR, 0);
        tokens.storeToken(at(9), PROCESSOR, 0);

        tokens.releaseClaim(PROCESSOR, 0);

        assertThat(store("node-b").fetchToken(PROCESSOR, 0)).as("the next owner starts where this one stopped")
                .isEqualTo(at(9));
    }

    @Test
    void shouldWriteAResetOfAStoppedProcessorAtOnce() {
        tokens.storeToken(at(4), PROCESSOR, 0);
        tokens.releaseClaim(PROCESSOR, 0);
        TrackingToken reset = ReplayToken.createReplayToken(at(4), null);

        // Axon's resetTokens: the processor stopped, the tokens fetched and stored again as replay tokens.
        tokens.fetchToken(PROCESSOR, 0);
        tokens.storeToken(reset, PROCESSOR, 0);

        assertThat(storedToken()).isEqualTo(reset);
    }

    @Test
    void shouldDeferTheReplayTokensOfAReplayingProcessorLikeAnyOther() {
        tokens.storeToken(ReplayToken.createReplayToken(at(9), at(1)), PROCESSOR, 0);
        tokens.storeToken(ReplayToken.createReplayToken(at(9), at(2)), PROCESSOR, 0);

        assertThat(storedToken()).isEqualTo(ReplayToken.createReplayToken(at(9), at(1)));
    }

    @Test
    void shouldTellAProcessorThatLostItsClaimAtItsNextWrite() {
        tokens.storeToken(at(1), PROCESSOR, 0);
        tokens.storeToken(at(2), PROCESSOR, 0);
        // The claim timed out (a long pause) and another node took the segment.
        client.getDatabase(database).getCollection("trackingtokens").updateMany(new Document(),
                new Document("$set", new Document("timestamp", 0L)));
        store("node-b").fetchToken(PROCESSOR, 0);
        clock.advance(INTERVAL);

        assertThatThrownBy(() -> tokens.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void shouldWriteEveryTokenWithAZeroInterval() {
        DeferredTokenWrites everyTime = new DeferredTokenWrites(stored, clock, Duration.ZERO);
        everyTime.storeToken(at(1), PROCESSOR, 0);
        everyTime.storeToken(at(2), PROCESSOR, 0);

        assertThat(storedToken()).isEqualTo(at(2));
    }

    /** The real store, counting the writes that reach it (token stores and claim renewals). */
    private static final class CountingStore implements TokenStore {
        private final TokenStore store;
        int writes;

        CountingStore(TokenStore store) {
            this.store = store;
        }

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes++;
            store.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            writes++;
            store.extendClaim(processorName, segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            return store.fetchToken(processorName, segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            store.releaseClaim(processorName, segment);
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return store.fetchSegments(processorName);
        }
    }

    /** What the store holds, read by the owning node without the deferral. */
    private TrackingToken storedToken() {
        return stored.fetchToken(PROCESSOR, 0);
    }

    private static TrackingToken at(long index) {
        return new GlobalSequenceTrackingToken(index);
    }
}
