package cloud.practice.scale;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.Topics;
import cloud.practice.events.hierarchy.CommunityGridsDefined;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.*;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated stream, read the way the platform reads it: determinism, the envelope, per-aggregate sequences,
 * causality, and the oracle against an independent fold of the records.
 */
class ScaleGeneratorTest {

    /** Two districts of a small city over one year: about 50,000 records. */
    static final String[] SMALL_CITY = {"--seed", "7", "--districts", "2", "--largest-volunteers", "400",
            "--largest-requests", "3000", "--years", "1", "--institutes", "6", "--stations", "40"};
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static GeneratedCity city;
    static List<InboundEvent> events;

    @BeforeAll
    static void generate() {
        city = GeneratedCity.of(SMALL_CITY);
        events = city.decoded();
    }

    @Test
    void shouldGiveTheSameBytesForTheSameSeedAndOthersForAnother() {
        GeneratedCity again = GeneratedCity.of(SMALL_CITY);
        String[] otherSeed = SMALL_CITY.clone();
        otherSeed[1] = "8";
        GeneratedCity other = GeneratedCity.of(otherSeed);

        assertThat(again.records).hasSameSizeAs(city.records);
        assertThat(again.digest()).isEqualTo(city.digest());
        assertThat(again.summary).isEqualTo(city.summary);
        assertThat(other.digest()).isNotEqualTo(city.digest());
    }

    @Test
    void shouldDecodeEveryRecordWithThePlatformsCodecIntoTheTypeItDeclares() {
        assertThat(events).hasSameSizeAs(city.records).hasSizeGreaterThan(20_000);
        for (int i = 0; i < events.size(); i++) {
            InboundEvent event = events.get(i);
            ProducerRecord<String, byte[]> record = city.records.get(i);
            assertThat(event.type()).isEqualTo(CloudEventAttributes.typeOf(event.payload().getClass()));
            assertThat(record.topic()).isEqualTo(EventCatalog.contextOf(event.payload().getClass()).topic());
            assertThat(record.key()).isEqualTo(event.subject());
            assertThat(event.districtId()).isEqualTo(event.payload().districtId());
        }
        // Every event type the generator claims to produce really is on the wire.
        Set<String> types = new HashSet<>();
        events.forEach(event -> types.add(event.payload().getClass().getSimpleName()));
        assertThat(types).containsAll(typesOf(city.summary));
    }

    @Test
    void shouldNumberEachAggregatesEventsFromZeroWithoutGapsNamingThePreviousOne() {
        Map<String, Long> next = new HashMap<>();
        for (InboundEvent event : events) {
            // Aggregates are per district (each district has its own "center").
            String aggregate = event.districtId() + "|" + topicOf(event) + "|" + event.subject();
            long expected = next.getOrDefault(aggregate, 0L);
            assertThat(event.sequence()).as("sequence of %s", aggregate).isEqualTo(expected);
            assertThat(event.previousSequence()).as("previous of %s", aggregate).isEqualTo(expected - 1);
            next.put(aggregate, expected + 1);
        }
        assertThat(next).hasSizeGreaterThan(1_000);
    }

    @Test
    void shouldEmitCausesBeforeWhatNamesThem() {
        Set<String> units = new HashSet<>();
        Set<String> items = new HashSet<>();
        Set<String> volunteers = new HashSet<>();
        Set<String> requests = new HashSet<>();
        Set<String> activities = new HashSet<>();
        Set<String> matchesRequested = new HashSet<>();
        Set<String> checkedOut = new HashSet<>();
        Set<String> communities = new HashSet<>();
        Map<String, Instant> lastTime = new HashMap<>();
        // Keys are district|id: districts may reuse ids (every district has its "center").
        EventRoutes<String> routes = new EventRoutes<String>()
                .on(OrgUnitEstablished.class, (e, d) -> {
                    assertThat(e.parentId() == null || units.contains(d + e.parentId())).isTrue();
                    units.add(d + e.unitId());
                })
                .on(CommunityGridsDefined.class, (e, d) -> {
                    assertThat(units).contains(d + e.unitId());
                    // Communities are keys (grids, coverage): each is declared once in its district.
                    assertThat(communities.add(d + e.community())).as("community %s", e.community()).isTrue();
                })
                .on(MenuItemPublished.class, (e, d) -> items.add(d + e.itemId()))
                .on(VolunteerRegistered.class, (e, d) -> {
                    assertThat(units).contains(d + e.homeUnitId());
                    volunteers.add(d + e.volunteerId());
                })
                .on(RequestSubmitted.class, (e, d) -> {
                    assertThat(units).contains(d + e.responsibleUnitId());
                    assertThat(items).contains(d + e.menuItemId());
                    requests.add(d + e.requestId());
                })
                .on(MatchRequested.class, (e, d) -> matchesRequested.add(d + e.requestId() + "#" + e.attempt()))
                .on(MatchProposed.class, (e, d) -> {
                    assertThat(matchesRequested).contains(d + e.requestId() + "#" + e.attempt());
                    e.candidates().forEach(candidate -> assertThat(volunteers).contains(d + candidate.volunteerId()));
                })
                .on(NoMatchFound.class, (e, d) -> assertThat(matchesRequested).contains(d + e.requestId() + "#"
                        + e.attempt()))
                .on(RequestDispatched.class, (e, d) -> e.volunteerIds().forEach(v -> assertThat(volunteers)
                        .contains(d + v)))
                .on(RequestAccepted.class, (e, d) -> assertThat(volunteers).contains(d + e.volunteerId()))
                .on(RequestCheckedIn.class, (e, d) -> assertThat(volunteers).contains(d + e.volunteerId()))
                .on(RequestCheckedOut.class, (e, d) -> {
                    assertThat(volunteers).contains(d + e.volunteerId());
                    checkedOut.add(d + "request:" + e.requestId() + ":" + e.volunteerId() + ":"
                            + e.checkedInAt().toEpochMilli());
                })
                .on(ActivityPublished.class, (e, d) -> {
                    assertThat(units).contains(d + e.unitId());
                    activities.add(d + e.activityId());
                })
                .on(ActivitySignedUp.class, (e, d) -> {
                    assertThat(activities).contains(d + e.activityId());
                    if (e.role().equals("VOLUNTEER")) {
                        assertThat(volunteers).contains(d + e.participantId());
                    }
                })
                .on(ActivityCheckedOut.class, (e, d) -> {
                    assertThat(volunteers).contains(d + e.volunteerId());
                    checkedOut.add(d + "activity:" + e.activityId() + ":" + e.volunteerId() + ":"
                            + e.checkedInAt().toEpochMilli());
                })
                .on(ServiceHoursCredited.class, (e, d) -> {
                    assertThat(volunteers).contains(d + e.volunteerId());
                    // Credited for a check-out already published: the credit id names that session.
                    assertThat(checkedOut).contains(d + e.creditId());
                });
        for (InboundEvent event : events) {
            String d = event.districtId() + "|";
            DomainEvent payload = event.payload();
            // An aggregate's events never go back in time.
            Instant time = event.time().toInstant();
            Instant before = lastTime.put(d + topicOf(event) + "|" + event.subject(), time);
            assertThat(before == null || !time.isBefore(before)).as("time order of %s", event.subject()).isTrue();
            routes.dispatch(payload, d);
            if (payload instanceof ServiceHoursCredited credit) {
                assertThat(event.subject()).isEqualTo("hours-" + credit.volunteerId());
            }
            // Every event of a request's aggregate comes after its submission.
            if (topicOf(event).equals(Topics.REQUEST) && !(payload instanceof MenuItemPublished)
                    && !payload.getClass().getSimpleName().startsWith("Activity")) {
                assertThat(requests).as("request of %s", payload).contains(d + event.subject());
            }
            if (payload instanceof ActivitySignedUp || payload instanceof ActivitySignUpCancelled
                    || payload instanceof ActivityCheckedOut || payload instanceof ActivityClosed) {
                assertThat(activities).contains(d + event.subject());
            }
        }
        assertThat(volunteers).isNotEmpty();
        assertThat(requests).isNotEmpty();
        assertThat(checkedOut).isNotEmpty();
    }

    @Test
    void shouldAgreeWithAnIndependentTallyOfTheRecords() {
        Map<String, Map<String, Object>> oracle = new HashMap<>();
        districts(city.summary).forEach(district -> oracle.put((String) district.get("districtId"), district));
        Map<String, Folded> folded = new TreeMap<>();
        // The status a request shows after each event, as the reporting projection folds it.
        EventRoutes<Folded> routes = new EventRoutes<Folded>()
                .on(OrgUnitEstablished.class, (e, f) -> f.units.merge(e.tier().name(), 1, Integer::sum))
                .on(VolunteerRegistered.class, (e, f) -> {
                    f.volunteers++;
                    f.month(e.registeredAt()).merge("volunteersRegistered", 1L, Long::sum);
                })
                .on(RequestSubmitted.class, (e, f) -> {
                    f.status.put(e.requestId(), "SUBMITTED");
                    f.month(e.submittedAt()).merge("requestsSubmitted", 1L, Long::sum);
                })
                .on(RequestReviewed.class, (e, f) -> f.status.put(e.requestId(), "REVIEWED"))
                .on(RequestRejected.class, (e, f) -> f.status.put(e.requestId(), "REJECTED"))
                .on(RequestDispatched.class, (e, f) -> f.status.put(e.requestId(), "DISPATCHED"))
                .on(RequestAccepted.class, (e, f) -> f.status.put(e.requestId(), "ACCEPTED"))
                .on(RequestCheckedIn.class, (e, f) -> f.status.put(e.requestId(), "IN_SERVICE"))
                .on(RequestCompleted.class, (e, f) -> {
                    f.status.put(e.requestId(), "COMPLETED");
                    if (f.completed.add(e.requestId())) {
                        f.month(e.completedAt()).merge("requestsCompleted", 1L, Long::sum);
                    }
                })
                .on(RequestReopened.class, (e, f) -> f.status.put(e.requestId(), "REOPENED"))
                .on(RequestCancelled.class, (e, f) -> f.status.put(e.requestId(), "CANCELLED"))
                .on(RequestExpired.class, (e, f) -> f.status.put(e.requestId(), "EXPIRED"))
                .on(ServiceHoursCredited.class, (e, f) -> f.month(e.servedTo()).merge("creditedHalfHours",
                        (long) e.halfHours(), Long::sum));
        for (InboundEvent event : events) {
            Folded f = folded.computeIfAbsent(event.districtId(), key -> new Folded());
            f.types.merge(event.payload().getClass().getSimpleName(), 1L, Long::sum);
            routes.dispatch(event.payload(), f);
        }
        assertThat(folded.keySet()).isEqualTo(oracle.keySet());
        folded.forEach((districtId, f) -> {
            Map<String, Object> expected = oracle.get(districtId);
            Map<String, Long> states = new TreeMap<>();
            f.status.values().forEach(state -> states.merge(state, 1L, Long::sum));
            assertThat(expected.get("unitsByTier")).isEqualTo(f.units);
            assertThat(number(expected.get("volunteers"))).isEqualTo(f.volunteers);
            assertThat(number(expected.get("requests"))).isEqualTo(f.status.size());
            assertThat(longs(expected.get("requestsByFinalState"))).isEqualTo(states);
            assertThat(longs(expected.get("eventsByType"))).isEqualTo(f.types);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> months = (Map<String, Map<String, Object>>) expected.get("months");
            Map<String, Map<String, Long>> expectedMonths = new TreeMap<>();
            months.forEach((month, row) -> {
                Map<String, Long> nonZero = new TreeMap<>();
                longs(row).forEach((name, count) -> {
                    if (count != 0) {
                        nonZero.put(name, count);
                    }
                });
                expectedMonths.put(month, nonZero);
            });
            assertThat(expectedMonths).isEqualTo(f.months);
        });
    }

    @Test
    void shouldLeaveRequestsInEveryStateAndTakeEveryStep() {
        // One busier district (its last day has enough traffic for open requests at midnight).
        GeneratedCity busy = GeneratedCity.of("--seed", "11", "--districts", "1", "--largest-volunteers", "2000",
                "--largest-requests", "60000", "--years", "1", "--activities-per-station-month", "0");
        Map<String, Object> district = districts(busy.summary).get(0);
        assertThat(longs(district.get("requestsByFinalState")).keySet()).contains("SUBMITTED", "DISPATCHED",
                "ACCEPTED", "IN_SERVICE", "COMPLETED", "REJECTED", "CANCELLED", "EXPIRED");
        assertThat(longs(district.get("eventsByType")).keySet()).contains("RequestReviewed", "RequestReopened",
                "RequestEscalated", "RequestExpired", "RequestRated", "RequestLocationFlagged", "NoMatchFound",
                "MatchProposed", "ServiceHoursCredited", "SlaClockStarted");
        assertThat(number(district.get("requestsReopened"))).isPositive();
        assertThat(number(district.get("requestsEscalated"))).isPositive();
    }

    @Test
    void shouldShareTheCityOnALongTail() {
        ScaleOptions options = ScaleOptions.parse();
        List<CityPlan.DistrictPlan> plans = CityPlan.of(options);
        assertThat(plans).hasSize(41);
        assertThat(plans.get(0).volunteers()).isEqualTo(150_000);
        assertThat(plans.get(0).requests()).isEqualTo(1_000_000);
        assertThat(plans.stream().mapToInt(CityPlan.DistrictPlan::institutes).sum()).isEqualTo(1_042);
        assertThat(plans.stream().mapToInt(CityPlan.DistrictPlan::stations).sum()).isEqualTo(11_230);
        assertThat(plans.get(40).volunteers()).isBetween(10_000, 20_000);
        assertThat(plans.stream().map(CityPlan.DistrictPlan::districtId).distinct()).hasSize(41)
                .allMatch(id -> id.matches("[a-z0-9][a-z0-9-]{1,39}"));
    }

    /** One district's fold of the records. */
    static final class Folded {
        final Map<String, Integer> units = new TreeMap<>();
        final Map<String, String> status = new HashMap<>();
        final Set<String> completed = new HashSet<>();
        final Map<String, Long> types = new TreeMap<>();
        final Map<String, Map<String, Long>> months = new TreeMap<>();
        long volunteers;

        Map<String, Long> month(Instant at) {
            return months.computeIfAbsent(YearMonth.from(at.atZone(ZONE)).toString(), key -> new TreeMap<>());
        }
    }

    private static String topicOf(InboundEvent event) {
        return EventCatalog.contextOf(event.payload().getClass()).topic();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> districts(Map<String, Object> summary) {
        return (List<Map<String, Object>>) summary.get("districts");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> typesOf(Map<String, Object> summary) {
        return ((Map<String, Object>) summary.get("eventsByType")).keySet();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> longs(Object counts) {
        Map<String, Long> result = new TreeMap<>();
        ((Map<String, Object>) counts).forEach((key, value) -> result.put(key, number(value)));
        return result;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
