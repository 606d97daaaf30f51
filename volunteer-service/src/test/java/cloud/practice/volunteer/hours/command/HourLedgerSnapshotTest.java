package cloud.practice.volunteer.hours.command;

import cloud.practice.events.volunteer.HonourHoursRevoked;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.support.axon.EventTypeRevisionResolver;
import cloud.practice.support.json.EventJson;
import cloud.practice.volunteer.support.Clocks;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hour ledger is snapshotted (every 50 events); its snapshot must survive the service's JSON serializer and
 * restore the same state, or a long-serving volunteer's overlaps, grants and stars would be judged from a wrong past.
 */
class HourLedgerSnapshotTest {

    @Test
    void shouldRestoreTheSameLedgerWhenTheSnapshotIsReadBack() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper())
                .revisionResolver(new EventTypeRevisionResolver()).build();
        AtomicReference<HourLedger> live = new AtomicReference<>();
        AtomicReference<HourLedger> restored = new AtomicReference<>();
        AtomicReference<String> json = new AtomicReference<>();

        new AggregateTestFixture<>(HourLedger.class).registerInjectableResource(Clocks.fixed())
                .given(HourLedgerTest.credited("req-1", 0, 120, 4, false),
                        HourLedgerTest.breakdown("req-1", 0, 120, 0, 0, 0, 0, 120, 0),
                        HourLedgerTest.granted("grant-1", 200),
                        new StarLevelReached(HourLedgerTest.VOLUNTEER, HourLedgerTest.DISTRICT, 1, 204, Clocks.NOW),
                        HourLedgerTest.granted("grant-2", 10),
                        new HonourHoursRevoked(HourLedgerTest.VOLUNTEER, HourLedgerTest.DISTRICT, "grant-2", "重复",
                                "auditor", Clocks.NOW))
                .when(HourLedgerTest.request("req-1", 0, 120, 120))
                .expectNoEvents()
                .expectState(ledger -> {
                    SerializedObject<byte[]> bytes = serializer.serialize(ledger, byte[].class);
                    live.set(ledger);
                    json.set(new String(bytes.getData(), java.nio.charset.StandardCharsets.UTF_8));
                    restored.set(serializer.deserialize(bytes));
                });

        assertThat(json.get()).contains("\"served\"").contains("\"grants\"").contains("\"stars\":1");
        assertThat(restored.get()).usingRecursiveComparison().isEqualTo(live.get());
    }
}
