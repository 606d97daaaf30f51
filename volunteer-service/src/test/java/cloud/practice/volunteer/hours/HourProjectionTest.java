package cloud.practice.volunteer.hours;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.HonourHoursGranted;
import cloud.practice.events.volunteer.HonourHoursRevoked;
import cloud.practice.events.volunteer.HourSource;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.support.axon.BatchedViews;
import cloud.practice.volunteer.config.VolunteerSettings;
import cloud.practice.volunteer.hours.api.HourInternalEvents.CreditBreakdownRecorded;
import cloud.practice.volunteer.hours.query.HourDocuments.LedgerDocument;
import cloud.practice.volunteer.hours.query.HourProjection;
import cloud.practice.volunteer.hours.query.HourQueries;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;
import cloud.practice.volunteer.hours.query.StarThresholds;
import cloud.practice.volunteer.support.Clocks;
import cloud.practice.volunteer.support.InMemoryMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger read model: totals, entries and buckets; a replay of the whole stream changes nothing. */
class HourProjectionTest {

    static final String VOLUNTEER = "vol-1";
    static final String DISTRICT = "cq-jiulongpo";

    private final MongoTemplate mongo = InMemoryMongo.freshTemplate();
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new HourProjection(mongo, new BatchedViews(mongo), Clocks.fixed()));
    private final HourQueries queries = new HourQueries(mongo,
            new StarThresholds(mongo, new VolunteerSettings(List.of(100, 300, 600, 1000, 1500), "", "")),
            Clocks.fixed());

    private final List<Object> stream = List.of(
            // 00:30-02:30 on 1 February in Chongqing, still 31 January in UTC: it counts for February
            new ServiceHoursCredited(VOLUNTEER, DISTRICT, "c1", HourSource.REQUEST, "req-1", "s-pl",
                    ServicePlatform.CARE, 4, Instant.parse("2026-01-31T16:30:00Z"),
                    Instant.parse("2026-01-31T18:30:00Z"), false),
            new CreditBreakdownRecorded(VOLUNTEER, DISTRICT, "c1", 120, 0, 0, 0, 0, 120,
                    Instant.parse("2026-01-31T16:30:00Z"), Instant.parse("2026-01-31T18:30:00Z")),
            new ServiceHoursCredited(VOLUNTEER, DISTRICT, "c2", HourSource.ACTIVITY, "act-1", "s-pl",
                    ServicePlatform.CULTURE, 3, Instant.parse("2026-02-01T01:00:00Z"),
                    Instant.parse("2026-02-01T02:40:00Z"), true),
            new HonourHoursGranted(VOLUNTEER, DISTRICT, "g1", 196, "补录", "ref", "admin",
                    Instant.parse("2026-02-02T02:00:00Z")),
            new StarLevelReached(VOLUNTEER, DISTRICT, 1, 203, Instant.parse("2026-02-02T02:00:00Z")),
            new HonourHoursGranted(VOLUNTEER, DISTRICT, "g2", 10, "补录", null, "admin",
                    Instant.parse("2026-03-01T02:00:00Z")),
            new HonourHoursRevoked(VOLUNTEER, DISTRICT, "g2", "重复", "auditor", Instant.parse("2026-03-02T02:00:00Z")));

    private void play() {
        for (int sequence = 0; sequence < stream.size(); sequence++) {
            EventMessage<?> message = new GenericDomainEventMessage<>("HourLedger", "hours-" + VOLUNTEER, sequence,
                    stream.get(sequence));
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void shouldSumCreditsAndLiveHonourHoursWhenTheStreamIsApplied() {
        play();
        LedgerDocument ledger = mongo.findById(VOLUNTEER, LedgerDocument.class);
        assertThat(ledger.creditHalfHours).isEqualTo(7);
        assertThat(ledger.honourHalfHours).isEqualTo(196);
        assertThat(ledger.stars).isEqualTo(1);
        assertThat(ledger.version).isEqualTo(stream.size() - 1);
    }

    @Test
    void shouldChangeNothingWhenTheWholeStreamIsReplayed() {
        play();
        LedgerDocument once = mongo.findById(VOLUNTEER, LedgerDocument.class);
        ServiceRecord first = queries.serviceRecord(DISTRICT, VOLUNTEER, "张*明", false, null, null,
                HourQueries.Period.MONTH);
        play();
        assertThat(mongo.findById(VOLUNTEER, LedgerDocument.class)).usingRecursiveComparison().isEqualTo(once);
        assertThat(queries.serviceRecord(DISTRICT, VOLUNTEER, "张*明", false, null, null, HourQueries.Period.MONTH))
                .usingRecursiveComparison().ignoringFields("generatedAt").isEqualTo(first);
    }

    @Test
    void shouldBucketByTheDistrictsDayAndKeepRevokedGrantsOutOfTotals() {
        play();
        ServiceRecord record = queries.serviceRecord(DISTRICT, VOLUNTEER, "张*明", false, null, null,
                HourQueries.Period.MONTH);

        assertThat(record.byPeriod()).extracting(bucket -> bucket.key() + "=" + bucket.totalHours())
                .containsExactly("2026-02=101.5");
        assertThat(record.totals().totalHours()).isEqualTo(101.5);
        assertThat(record.bySource()).extracting(bucket -> bucket.key() + "=" + bucket.totalHours())
                .containsExactly("ACTIVITY=1.5", "HONOUR=98.0", "REQUEST=2.0");
        assertThat(record.served()).hasSize(2);
        assertThat(record.served().get(0).breakdown().countedMinutes()).isEqualTo(120);
        assertThat(record.served().get(1).overlapFlagged()).isTrue();
        assertThat(record.honour()).extracting(entry -> entry.sourceId() + ":" + entry.revoked())
                .containsExactly("g1:false", "g2:true");
        assertThat(queries.serviceRecord(DISTRICT, VOLUNTEER, null, false, LocalDate.of(2026, 2, 2), null,
                HourQueries.Period.DAY).totals().totalHours()).isEqualTo(98.0);
    }
}
