package cloud.practice.request.live;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.request.access.RequestAccess;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.query.RequestProjection;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From a change on the topic to an event on a stream: only once the read model has applied it (or after the catch-up
 * time, with what it has), in the topic's order, to the streams whose platforms it is of, masked per stream's caller.
 * The read model here is a stand-in answering from a map (whole-district streams: the tree is not asked).
 */
class QueueChangesTest {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final Caller ADMIN = new Caller("admin-center", Role.DISTRICT_ADMIN, "d-1", "center", Set.of("requests:read"));
    static final Caller VOLUNTEER = new Caller("account-7", Role.VOLUNTEER, "d-1", null, Set.of("requests:read"),
            "v-7", false);
    static final Caller LEGAL_SUBCENTER = new Caller("admin-law", Role.SUBCENTER_ADMIN, "d-1", "sc-law",
            Set.of("requests:read"));

    final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    final Map<String, RequestView> readModel = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    /** The event store's last sequence per request (a stand-in). */
    final Map<String, Long> lastStored = new ConcurrentHashMap<>();
    final LiveStreams streams = new LiveStreams(LiveStreamsTest.settings(10, 16));

    final RequestProjection projection = new RequestProjection(null, null) {
        @Override
        public Optional<RequestView> request(String districtId, String requestId) {
            lookups.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
            RequestView view = readModel.get(requestId);
            // a fresh copy, as the store gives one
            return Optional.ofNullable(view).filter(found -> found.districtId.equals(districtId))
                    .map(found -> json.convertValue(json.valueToTree(found), RequestView.class));
        }
    };

    QueueChanges changes(Duration catchUp) {
        LiveQueueSettings settings = new LiveQueueSettings(10, 16, Duration.ofSeconds(10), catchUp,
                Duration.ofMillis(5), 100, Duration.ofMinutes(30), Duration.ofSeconds(30));
        return new QueueChanges(projection, requestId -> Optional.ofNullable(lastStored.get(requestId)), null,
                new RequestAccess(null, null, null, null, null), streams, json, settings);
    }

    @AfterEach
    void stop() {
        streams.stop();
    }

    static RequestView view(String requestId, long appliedSequence, RequestStatus status, ServicePlatform platform) {
        RequestView view = new RequestView();
        view.requestId = requestId;
        view.districtId = "d-1";
        view.unitId = "s-pl";
        view.platform = platform;
        view.status = status;
        view.requesterId = "resident-1";
        view.keyedBy = "admin-pl";
        view.address = "2-1-1";
        view.maskedContact = "138****5678";
        view.location = new GeoPoint(29.506912, 106.510734);
        view.appliedSequence = appliedSequence;
        return view;
    }

    LiveStreamsTest.Recorder open(Caller caller, Set<ServicePlatform> platforms) {
        LiveStreamsTest.Recorder client = new LiveStreamsTest.Recorder(false);
        streams.open("d-1", null, platforms, caller, client, LiveEvent.ready(Instant.EPOCH));
        await().atMost(WITHIN).until(() -> client.sent.size() == 1);
        return client;
    }

    static List<LiveEvent> requests(LiveStreamsTest.Recorder client) {
        return client.sent.stream().filter(event -> LiveEvent.REQUEST.equals(event.name())).toList();
    }

    /** The read model was asked about the request three times (so twice more after finding it behind). */
    boolean lookedAgain(String requestId) {
        return lookups.containsKey(requestId) && lookups.get(requestId).get() >= 3;
    }

    JsonNode data(LiveEvent event) throws Exception {
        return json.readTree(event.data());
    }

    @Test
    void shouldSendAChangeOnlyOnceTheReadModelHasAppliedIt() throws Exception {
        QueueChanges changes = changes(Duration.ofMinutes(1));
        LiveStreamsTest.Recorder client = open(ADMIN, null);
        readModel.put("req-1", view("req-1", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE));

        changes.accept(new RequestChange("d-1", "req-1", 2));
        // It has looked at the read model again and again and found it behind: nothing sent meanwhile.
        await().atMost(WITHIN).until(() -> lookedAgain("req-1") || !requests(client).isEmpty());
        assertThat(requests(client)).isEmpty();

        readModel.put("req-1", view("req-1", 2, RequestStatus.REVIEWED, ServicePlatform.CARE));
        await().atMost(WITHIN).until(() -> requests(client).size() == 1);
        LiveEvent sent = requests(client).get(0);
        assertThat(sent.id()).isEqualTo("req-1:2");
        assertThat(data(sent).get("status").asText()).isEqualTo("REVIEWED");
        assertThat(data(sent).get("appliedSequence").asLong()).isEqualTo(2);
    }

    /** An order's command stores RequestSubmitted (on Kafka) and internal events after it (who keyed it, details). */
    @Test
    void shouldWaitForTheRestOfTheCommandsEventsNotOnlyThePublishedOne() throws Exception {
        QueueChanges changes = changes(Duration.ofMinutes(1));
        LiveStreamsTest.Recorder client = open(ADMIN, null);
        RequestView submitted = view("req-1", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE);
        submitted.keyedBy = null;
        readModel.put("req-1", submitted);
        lastStored.put("req-1", 2L);

        changes.accept(new RequestChange("d-1", "req-1", 0));
        await().atMost(WITHIN).until(() -> lookedAgain("req-1") || !requests(client).isEmpty());
        assertThat(requests(client)).as("the view has applied sequence 0 of the 3 stored").isEmpty();

        readModel.put("req-1", view("req-1", 2, RequestStatus.SUBMITTED, ServicePlatform.CARE));
        await().atMost(WITHIN).until(() -> requests(client).size() == 1);
        assertThat(requests(client).get(0).id()).isEqualTo("req-1:0");
        assertThat(data(requests(client).get(0)).get("keyedBy").asText()).isEqualTo("admin-pl");
    }

    @Test
    void shouldSendWhatTheReadModelHasWhenItDoesNotCatchUpInTime() throws Exception {
        QueueChanges changes = changes(Duration.ofMillis(50));
        LiveStreamsTest.Recorder client = open(ADMIN, null);
        readModel.put("req-1", view("req-1", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE));

        changes.accept(new RequestChange("d-1", "req-1", 5));
        await().atMost(WITHIN).until(() -> requests(client).size() == 1);
        assertThat(requests(client).get(0).id()).isEqualTo("req-1:5");
        assertThat(data(requests(client).get(0)).get("appliedSequence").asLong()).isZero();
    }

    @Test
    void shouldKeepTheTopicsOrderWhileAnEarlierChangeWaits() {
        QueueChanges changes = changes(Duration.ofMinutes(1));
        LiveStreamsTest.Recorder client = open(ADMIN, null);
        readModel.put("req-1", view("req-1", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE));
        readModel.put("req-2", view("req-2", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE));

        changes.accept(new RequestChange("d-1", "req-1", 1));
        changes.accept(new RequestChange("d-1", "req-2", 0));
        await().atMost(WITHIN).until(() -> lookedAgain("req-1") || !requests(client).isEmpty());
        assertThat(requests(client)).as("req-2, applied already, waits behind req-1").isEmpty();

        readModel.put("req-1", view("req-1", 1, RequestStatus.REVIEWED, ServicePlatform.CARE));
        await().atMost(WITHIN).until(() -> requests(client).size() == 2);
        assertThat(requests(client)).extracting(LiveEvent::id).containsExactly("req-1:1", "req-2:0");
    }

    @Test
    void shouldSendEachStreamOnlyItsPlatformsMaskedForItsCaller() throws Exception {
        QueueChanges changes = changes(Duration.ofMinutes(1));
        LiveStreamsTest.Recorder admin = open(ADMIN, null);
        LiveStreamsTest.Recorder legal = open(LEGAL_SUBCENTER, Set.of(ServicePlatform.LEGAL));
        LiveStreamsTest.Recorder volunteer = open(VOLUNTEER, null);
        readModel.put("req-care", view("req-care", 0, RequestStatus.SUBMITTED, ServicePlatform.CARE));
        readModel.put("req-legal", view("req-legal", 0, RequestStatus.SUBMITTED, ServicePlatform.LEGAL));

        // A CARE request first, then a LEGAL one: the legal sub-center's first event is the LEGAL one.
        changes.accept(new RequestChange("d-1", "req-care", 0));
        changes.accept(new RequestChange("d-1", "req-legal", 0));
        await().atMost(WITHIN).until(() -> requests(admin).size() == 2 && requests(volunteer).size() == 2
                && !requests(legal).isEmpty());
        assertThat(requests(legal).get(0).id()).isEqualTo("req-legal:0");

        JsonNode whole = data(requests(admin).get(0));
        assertThat(whole.get("keyedBy").asText()).isEqualTo("admin-pl");
        assertThat(whole.get("address").asText()).isEqualTo("2-1-1");
        assertThat(whole.get("location").get("latitude").asDouble()).isEqualTo(29.506912);
        // shownTo, as GET /requests/{id} applies it to a volunteer who is not assigned
        JsonNode masked = data(requests(volunteer).get(0));
        assertThat(masked.get("keyedBy").isNull()).isTrue();
        assertThat(masked.get("address").isNull()).isTrue();
        assertThat(masked.get("maskedContact").isNull()).isTrue();
        assertThat(masked.get("location").get("latitude").asDouble()).isEqualTo(29.507);
    }
}
