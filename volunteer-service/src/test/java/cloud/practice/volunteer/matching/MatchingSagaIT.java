package cloud.practice.volunteer.matching;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.Topics;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.query.EngagementLedger;
import cloud.practice.volunteer.matching.query.IndexLoader;
import cloud.practice.volunteer.matching.query.TeamBook;
import cloud.practice.volunteer.support.Platform;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Matching as the dispatch saga's participant, through the real broker: request-service's {@code MatchRequested}
 * on {@code practice.request.events} is answered on {@code practice.matching.events} with ranked, explained
 * candidates (or a reasoned no-match); redelivery gives the same proposal once; an accepted order blocks the
 * volunteer's time; a rebuilt index ranks as the live one.
 */
class MatchingSagaIT extends PlatformTestBase {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final GeoPoint STATION = new GeoPoint(29.5069, 106.5107);

    @Autowired
    MatchingIndex index;
    @Autowired
    OrgUnitDirectory directory;

    final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void shouldAnswerAMatchRequestWithRankedCandidatesOnceEvenWhenRedelivered() {
        String district = newDistrict("match");
        treeOf(district);
        String near = register(district, volunteer("近一", 29.5075, 106.5110, 3));
        String farther = register(district, volunteer("远二", 29.5300, 106.5200, 4));
        register(district, volunteer("低三", 29.5070, 106.5108, 1)); // below the minimum level
        awaitPreview(district, 2);

        String requestId = "req-" + UUID.randomUUID();
        Instant[] window = saturdayTenToNoon();
        MatchRequested asked = matchRequested(district, requestId, 1, ServicePlatform.CARE, window);
        List<ProducerRecord<String, byte[]>> first = Platform.publish("ServiceRequest", requestId, 0, List.of(asked));

        MatchProposed proposed = awaitAnswers(requestId, 1).get(0) instanceof MatchProposed p ? p : null;
        assertThat(proposed).as("a proposal, not a no-match").isNotNull();
        assertThat(proposed.attempt()).isEqualTo(1);
        assertThat(proposed.districtId()).isEqualTo(district);
        assertThat(proposed.candidates()).extracting(Candidate::volunteerId).containsExactly(near, farther);
        Candidate best = proposed.candidates().get(0);
        assertThat(best.score()).isCloseTo(best.distanceScore() + best.skillScore() + best.fairnessScore()
                + best.ratingScore() + best.teamScore(), org.assertj.core.api.Assertions.within(1e-9));
        // Locations are kept approximate (~1 km) for privacy; the nearer one still ranks first.
        assertThat(best.distanceKm()).isLessThan(1.5).isLessThan(proposed.candidates().get(1).distanceKm());

        // Redelivery: the same records again, and the same question under a new sequence (a consumer that crashed
        // before recording it); then attempt 2, whose answer follows both on the same partition.
        Platform.send(first);
        Platform.publish("ServiceRequest", requestId, 1, List.of(asked));
        Platform.publish("ServiceRequest", requestId, 2,
                List.of(matchRequested(district, requestId, 2, ServicePlatform.CARE, window)));
        List<Object> answers = awaitAnswers(requestId, 2);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0)).isEqualTo(proposed);
        assertThat(((MatchProposed) answers.get(1)).attempt()).isEqualTo(2);
        assertThat(((MatchProposed) answers.get(1)).candidates()).isEqualTo(proposed.candidates());
    }

    @Test
    void shouldAnswerNoMatchWithTheReasonWhenNobodyFits() {
        String district = newDistrict("nomatch");
        treeOf(district);
        register(district, volunteer("近一", 29.5075, 106.5110, 3));
        awaitPreview(district, 1);
        String requestId = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", requestId, 0,
                List.of(matchRequested(district, requestId, 1, ServicePlatform.LEGAL, saturdayTenToNoon())));

        Object answer = awaitAnswers(requestId, 1).get(0);
        assertThat(answer).isInstanceOf(NoMatchFound.class);
        NoMatchFound none = (NoMatchFound) answer;
        assertThat(none.attempt()).isEqualTo(1);
        assertThat(none.reason()).contains("LEGAL").contains("radius 10.0 km").contains("radius 20.0 km")
                .contains("parent unit i-jl");
    }

    @Test
    void shouldNoLongerProposeAVolunteerWhoAcceptedAnOrderInTheSameWindow() {
        String district = newDistrict("busy");
        treeOf(district);
        String busy = register(district, volunteer("忙一", 29.5075, 106.5110, 3));
        String free = register(district, volunteer("闲二", 29.5080, 106.5115, 3));
        awaitPreview(district, 2);
        Instant[] window = saturdayTenToNoon();

        String earlier = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", earlier, 0, List.of(
                matchRequested(district, earlier, 1, ServicePlatform.CARE, window),
                new RequestAccepted(earlier, district, busy, null, Instant.now())));
        JsonNode after = awaitJson(candidatesPath(district, window), node -> node.path("candidates").size() == 1);
        assertThat(after.path("candidates").get(0).path("volunteerId").asText()).isEqualTo(free);
    }

    @Test
    void shouldFollowTheRegistryLiveAsVolunteersChange() {
        String district = newDistrict("live");
        treeOf(district);
        String v = register(district, volunteer("变一", 29.5075, 106.5110, 3));
        String path = candidatesPath(district, saturdayTenToNoon());
        awaitPreview(district, 1);
        Instant[] window = saturdayTenToNoon();
        String volunteer = "/api/v1/volunteers/" + v;

        assertThat(http.post(volunteer + "/pause?district=" + district, Map.of("reason", "出差"))
                .getStatusCode().value()).isEqualTo(200);
        awaitPreview(district, 0);
        assertThat(http.post(volunteer + "/resume?district=" + district, Map.of()).getStatusCode().value())
                .isEqualTo(200);
        awaitPreview(district, 1);

        assertThat(http.put(volunteer + "/skills?district=" + district, Map.of("skills",
                List.of(Map.of("platform", "CARE", "level", 1)))).getStatusCode().value()).isEqualTo(200);
        awaitPreview(district, 0); // below the minimum level 2
        assertThat(http.put(volunteer + "/skills?district=" + district, Map.of("skills",
                List.of(Map.of("platform", "CARE", "level", 5)))).getStatusCode().value()).isEqualTo(200);
        awaitPreview(district, 1);

        LocalDate away = LocalDate.ofInstant(window[0], ZONE);
        assertThat(http.put(volunteer + "/availability?district=" + district, Map.of(
                "availability", List.of(Map.of("day", "SATURDAY", "from", "09:00", "to", "12:00")),
                "unavailableDates", List.of(away.toString()))).getStatusCode().value()).isEqualTo(200);
        awaitPreview(district, 0); // away on that Saturday
        assertThat(http.put(volunteer + "/contact-consent?district=" + district, Map.of("contactConsent", false))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.put(volunteer + "/availability?district=" + district, Map.of(
                "availability", List.of(Map.of("day", "SATURDAY", "from", "09:00", "to", "12:00")),
                "unavailableDates", List.of())).getStatusCode().value()).isEqualTo(200);
        awaitVolunteer(district, v, node -> node.path("unavailableDates").isEmpty());
        assertThat(http.read(http.as("admin-" + district, "STATION_ADMIN", district, "s-pl").get(path))
                .path("candidates")).as("back from away, but no consent to contact").isEmpty();
        assertThat(http.put(volunteer + "/contact-consent?district=" + district, Map.of("contactConsent", true))
                .getStatusCode().value()).isEqualTo(200);
        awaitPreview(district, 1);
    }

    @Test
    void shouldRebuildFromTheReadModelsToTheSameRanking() {
        String district = newDistrict("rebuild");
        treeOf(district);
        List<String> volunteers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            volunteers.add(register(district, volunteer("重" + i, 29.5060 + i * 0.002, 106.5100, 2 + i % 3)));
        }
        awaitPreview(district, 5);
        MatchingIndex rebuilt = new MatchingIndex(index.scoring().weights(), index.zone());
        new IndexLoader(mongo, rebuilt, new TeamBook(rebuilt), new EngagementLedger(mongo, rebuilt, java.time.Clock.systemUTC()))
                .afterSingletonsInstantiated();
        Instant[] window = saturdayTenToNoon();
        MatchQuery query = new MatchQuery(district, ServicePlatform.CARE, 2, STATION, Reach.RADIUS, 5, Set.of(),
                directory.subtree(district, "s-pl"), window[0], window[1], Instant.now(), 10);
        assertThat(rebuilt.top(query)).hasSize(5).isEqualTo(index.top(query));
        assertThat(rebuilt.top(query)).extracting(Candidate::volunteerId).containsExactlyInAnyOrderElementsOf(volunteers);
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> volunteer(String name, double latitude, double longitude, int careLevel) {
        Map<String, Object> body = Registrations.adult(name, Registrations.uniquePhone(), "s-pl");
        body.put("homeLocation", Map.of("latitude", latitude, "longitude", longitude));
        body.put("skills", List.of(Map.of("platform", "CARE", "level", careLevel)));
        return body;
    }

    /** Next Saturday 10:00-12:00 in Chongqing: inside the registrations' Saturday 09:00-12:00 slot. */
    static Instant[] saturdayTenToNoon() {
        LocalDate saturday = LocalDate.now(ZONE).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        return new Instant[]{saturday.atTime(10, 0).atZone(ZONE).toInstant(),
                saturday.atTime(12, 0).atZone(ZONE).toInstant()};
    }

    static MatchRequested matchRequested(String district, String requestId, int attempt, ServicePlatform platform,
                                         Instant[] window) {
        return new MatchRequested(requestId, district, attempt, "item-care", platform, 2, STATION, "s-pl", window[0],
                window[1], 1);
    }

    private String candidatesPath(String district, Instant[] window) {
        return "/api/v1/matching/candidates?district=" + district + "&platform=CARE&minimumSkillLevel=2&latitude="
                + STATION.latitude() + "&longitude=" + STATION.longitude() + "&responsibleUnitId=s-pl&windowFrom="
                + window[0] + "&windowTo=" + window[1];
    }

    /** Waits until the preview (as the station's admin) sees {@code count} candidates: the index has them. */
    private void awaitPreview(String district, int count) {
        String path = candidatesPath(district, saturdayTenToNoon());
        await().atMost(PATIENCE).until(() -> {
            var found = http.as("admin-" + district, "STATION_ADMIN", district, "s-pl").get(path);
            return found.getStatusCode().value() == 200 && http.read(found).path("candidates").size() == count;
        });
    }

    /** The request's answers on the matching topic, in order, once there are {@code count}. */
    private List<Object> awaitAnswers(String requestId, int count) {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(PATIENCE).until(
                () -> TopicReader.all(Topics.MATCHING, record -> requestId.equals(record.key())),
                found -> found.size() >= count);
        List<Object> answers = new ArrayList<>();
        records.forEach(record -> answers.add(codec.decode(record).payload()));
        return answers;
    }
}
