package cloud.practice.notification.rules;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.hierarchy.PartnerType;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.Stage;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.notification.NoticeApi;
import cloud.practice.notification.directory.query.Directory;
import cloud.practice.notification.rules.messaging.NoticeRules;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.ProcessedEventLedger;
import cloud.practice.support.security.Role;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import cloud.practice.support.kafka.FactWaits;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every notice rule (issue 26), through the whole service: the platform's events, published to the real Kafka as
 * their services publish them, become exactly the notices the rule names — kind, words, link, fields — in the inbox of
 * the one who should read them (read over HTTP with their own token), and nobody else's. Timed rules are watched
 * through the stored timers, so a reminder is awaited, and its cancellation seen, without waiting for a clock.
 *
 * <p>"Nobody else" is checked over the whole notice store of the district once the consumer has applied the
 * aggregate's last event ({@link ProcessedEventLedger}, written after the rules ran): everything the events raised is
 * stored by then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class NoticeRulesIT {

    static final String D = "nr-" + UUID.randomUUID().toString().substring(0, 6);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String STATION = "s-east-" + D;
    static final String STATION_WEST = "s-west-" + D;
    static final String INSTITUTE = "i-town-" + D;
    static final String ITEM = "item-bath-" + D;
    static final String PARTNER = "partner-tax-" + D;
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA)
            .withZone(SHANGHAI);
    static boolean referencePublished;

    @LocalServerPort
    int port;
    NoticeApi api;
    @Autowired
    Timers timers;
    @Autowired
    Directory directory;
    @Autowired
    Rules rules;
    @Autowired
    NoticeRules consumer;
    @Autowired
    ProcessedEventLedger ledger;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;

    /** Channels are not what these tests are about: SMS is off, so nothing waits on an issuer. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.enabled", () -> "false");
    }

    /**
     * The tree, the menu and a partner, as their services published them, once the service runs (its topics exist
     * with all their partitions only then); awaited in the directory, since they come on other topics than the events
     * whose notices name them.
     */
    @BeforeEach
    void theTreeTheMenuAndAPartner() {
        api = new NoticeApi(port, D);
        if (!referencePublished) {
            referencePublished = true;
            NoticeApi.publish("OrgTree", D, 0,
                    unit(STATION, "东山社区服务站", OrgTier.STATION),
                    unit(STATION_WEST, "西山社区服务站", OrgTier.STATION),
                    unit(INSTITUTE, "东山街道文明实践所", OrgTier.INSTITUTE));
            NoticeApi.publish("MenuItem", ITEM, 0, new MenuItemPublished(ITEM, D, "BATH", "助浴服务",
                    ServicePlatform.CARE, 1, 60, 1, List.of(STATION)));
            NoticeApi.publish("Partner", PARTNER, 0, new PartnerRegistered(PARTNER, D, PartnerType.CIVILIZED_UNIT,
                    "区税务局", null, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.unitName(D, INSTITUTE).isPresent()
                && directory.unitName(D, PARTNER).isPresent() && directory.menuItemName(D, ITEM).isPresent());
    }

    // --- offers -------------------------------------------------------------------------------------------------

    @Test
    void shouldOfferADispatchedOrderToEachVolunteerItNames() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String first = fresh("vol");
        String second = fresh("vol");
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestDispatched(request, D, STATION, List.of(first, second), null, "AUTOMATIC", 1, T0));
        handled(request, 1);

        for (String volunteer : List.of(first, second)) {
            JsonNode offer = only(api.inbox(api.volunteer("acc-" + volunteer, volunteer)));
            assertNotice(offer, "order-offered", "新的服务订单", "东山社区服务站派给您一单「助浴服务」服务，请尽快查看并接单。",
                    "/app/#/volunteer/offers", T0);
            assertThat(fields(offer)).isEqualTo(Map.of("service", "助浴服务", "unit", "东山社区服务站",
                    "requestId", request));
        }
        assertThat(api.inbox(api.resident(resident)).path("total").asInt()).isZero();
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-offered → vol:" + first,
                "order-offered → vol:" + second);
    }

    /**
     * The rules run on three threads and the facts on another: an offer whose station and service are not known yet
     * waits for them (FactWaits) instead of naming a generic "服务站" and "志愿服务".
     */
    @Test
    void shouldHoldAnOfferUntilTheStationAndServiceItNamesAreKnown() throws Exception {
        String station = fresh("s-late");
        String item = fresh("item-late");
        String request = fresh("req");
        String volunteer = fresh("vol");
        double waitedBefore = factWaits();
        NoticeApi.publish("ServiceRequest", request, 0, new RequestSubmitted(request, D, item, ServicePlatform.CARE,
                        station, new GeoPoint(29.5, 106.5), null, Channel.APP, fresh("acc-r"), null, null, null, T0),
                new RequestDispatched(request, D, station, List.of(volunteer), null, "AUTOMATIC", 1, T0));
        // The dispatch has come and is waiting for what it names; only then do the station and its service appear.
        await().atMost(Duration.ofSeconds(30)).until(() -> factWaits() > waitedBefore);
        NoticeApi.publish("OrgTree", fresh("tree"), 0, unit(station, "后来社区服务站", OrgTier.STATION));
        NoticeApi.publish("MenuItem", item, 0, new MenuItemPublished(item, D, "HAIR", "理发服务", ServicePlatform.CARE,
                1, 60, 1, List.of(station)));
        handled(request, 1);

        JsonNode offer = only(api.inbox(api.volunteer("acc-" + volunteer, volunteer)));
        assertNotice(offer, "order-offered", "新的服务订单", "后来社区服务站派给您一单「理发服务」服务，请尽快查看并接单。",
                "/app/#/volunteer/offers", T0);
    }

    private double factWaits() {
        return meters.counter(FactWaits.METRIC, "outcome", "waited").count();
    }

    @Test
    void shouldTellTheTeamsLeaderOfAnOpenClaimAndAfterAChangeOnlyTheNewLeader() throws Exception {
        String team = fresh("team");
        String oldLeader = fresh("vol");
        String newLeader = fresh("vol");
        String request = fresh("req");
        NoticeApi.publish("Team", team, 0, new TeamFormed(team, D, STATION, "助老服务队", oldLeader,
                Set.of(ServicePlatform.CARE), 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.leaderOf(D, team).equals(
                Optional.of(oldLeader)));
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, fresh("acc-r"), null),
                new RequestDispatched(request, D, STATION, List.of(), team, "MANUAL", 1, T0));
        handled(request, 1);

        JsonNode open = only(api.inbox(api.volunteer("acc-" + oldLeader, oldLeader)));
        assertNotice(open, "team-claim-open", "团队可认领订单", "「助浴服务」订单已派给您带领的团队，请安排队员认领。",
                "/app/#/volunteer/offers", T0);
        assertThat(fields(open)).isEqualTo(Map.of("service", "助浴服务", "unit", "东山社区服务站", "requestId",
                request));

        NoticeApi.publish("Team", team, 1, new TeamLeaderChanged(team, D, newLeader));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.leaderOf(D, team).equals(
                Optional.of(newLeader)));
        Instant again = T0.plusSeconds(600);
        NoticeApi.publish("ServiceRequest", request, 2, new RequestDispatched(request, D, STATION, List.of(), team,
                "MANUAL", 2, again));
        handled(request, 2);

        assertNotice(only(api.inbox(api.volunteer("acc-" + newLeader, newLeader))), "team-claim-open", "团队可认领订单",
                "「助浴服务」订单已派给您带领的团队，请安排队员认领。", "/app/#/volunteer/offers", again);
        assertThat(only(api.inbox(api.volunteer("acc-" + oldLeader, oldLeader))).path("at").asText())
                .as("the old leader has the first claim only").isEqualTo(open.path("at").asText());
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("team-claim-open → vol:" + oldLeader,
                "team-claim-open → vol:" + newLeader);
    }

    // --- the requester ----------------------------------------------------------------------------------------------

    @Test
    void shouldTellTheRequesterTheirOrderWasAccepted() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String volunteer = fresh("vol");
        Instant acceptedAt = T0.plusSeconds(60);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestAccepted(request, D, volunteer, null, acceptedAt));
        handled(request, 1);

        JsonNode accepted = only(api.inbox(api.resident(resident)));
        assertNotice(accepted, "order-accepted", "订单已被接单", "您的「助浴服务」服务已有志愿者接单，请保持电话畅通。",
                "/app/#/orders/" + request, acceptedAt);
        assertThat(fields(accepted)).isEqualTo(Map.of("service", "助浴服务", "requestId", request));
        assertThat(told("requestId", request)).containsExactly("order-accepted → acc:" + resident);
        assertThat(timers.find(Timers.id(D, Rules.CHECK_IN, request))).as("no preferred time, no reminder")
                .isEmpty();
    }

    @Test
    void shouldTellNobodyOfTheAcceptanceOfAnOrderAGridWorkerKeyedForSomeoneWithoutAnAccount() throws Exception {
        String request = fresh("req");
        String volunteer = fresh("vol");
        NoticeApi.publish("ServiceRequest", request, 0,
                new RequestSubmitted(request, D, ITEM, ServicePlatform.CARE, STATION, new GeoPoint(29.5, 106.5),
                        "grid-07", Channel.GRID_WORKER, null, "138****0000", null, null, T0),
                new RequestAccepted(request, D, volunteer, null, T0));
        // The marker, after the acceptance in the order's own history: the unit above is told of an escalation.
        NoticeApi.publish("ServiceRequest", request, 2, new RequestEscalated(request, D, Stage.COMPLETE, STATION,
                INSTITUTE, T0.plusSeconds(3600), T0.plusSeconds(3601)));
        String institute = api.staff("acc-i-" + D, Role.INSTITUTE_ADMIN, INSTITUTE);
        await().atMost(Duration.ofSeconds(30)).until(() -> ofRequest(api.inbox(institute), request).size() == 1);

        assertThat(told("requestId", request)).containsExactly("escalated-to-unit → unit:" + INSTITUTE);
        assertThat(api.inbox(api.volunteer("acc-" + volunteer, volunteer)).path("total").asInt()).isZero();
    }

    @Test
    void shouldRemindTheVolunteerOfAnOrderThatStartsWithinTheLeadAtOnce() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String volunteer = fresh("vol");
        Instant startsAt = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, startsAt),
                new RequestAccepted(request, D, volunteer, null, T0));
        String token = api.volunteer("acc-" + volunteer, volunteer);

        JsonNode reminder = only(await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                box -> box.path("total").asInt() > 0));
        assertNotice(reminder, "check-in-reminder", "服务即将开始", "您接下的「助浴服务」服务将于" + WHEN.format(startsAt)
                + "开始，请按时到达并签到。", "/app/#/volunteer/assignments", startsAt);
        assertThat(fields(reminder)).isEqualTo(Map.of("service", "助浴服务", "requestId", request));
        // Fired once: the timer goes once its notice is raised.
        String timer = Timers.id(D, Rules.CHECK_IN, request);
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(timer).isEmpty());
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-accepted → acc:" + resident,
                "check-in-reminder → vol:" + volunteer);
    }

    @Test
    void shouldCancelTheCheckInReminderWhenTheVolunteerChecksInBeforeItFallsDue() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String volunteer = fresh("vol");
        Instant startsAt = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, startsAt),
                new RequestAccepted(request, D, volunteer, null, T0));
        handled(request, 1);
        Timers.Timer timer = timers.find(Timers.id(D, Rules.CHECK_IN, request)).orElseThrow();
        assertThat(timer.fireAt()).isEqualTo(startsAt.minus(Duration.ofHours(1)));
        assertThat(timer.data()).containsEntry("volunteerId", volunteer).containsEntry("requestId", request);

        Instant checkedInAt = T0.plusSeconds(120);
        NoticeApi.publish("ServiceRequest", request, 2, new RequestCheckedIn(request, D, volunteer, checkedInAt,
                new GeoPoint(29.5, 106.5)));
        handled(request, 2);

        assertThat(timers.find(timer.id())).isEmpty();
        JsonNode inService = ofKind(api.inbox(api.resident(resident)), "order-in-service");
        assertNotice(inService, "order-in-service", "服务已开始", "志愿者已到达并签到，您的「助浴服务」服务正在进行。",
                "/app/#/orders/" + request, checkedInAt);
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-accepted → acc:" + resident,
                "order-in-service → acc:" + resident);
    }

    @Test
    void shouldTellTheRequesterTheServiceStartedAndWasCompleted() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String volunteer = fresh("vol");
        Instant checkedInAt = T0.plusSeconds(60);
        Instant completedAt = T0.plusSeconds(3600);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestAccepted(request, D, volunteer, null, T0),
                new RequestCheckedIn(request, D, volunteer, checkedInAt, null),
                new RequestCompleted(request, D, completedAt));
        handled(request, 3);

        JsonNode box = api.inbox(api.resident(resident));
        assertThat(box.path("total").asInt()).isEqualTo(3);
        assertThat(box.path("unread").asInt()).isEqualTo(3);
        JsonNode inService = ofKind(box, "order-in-service");
        assertNotice(inService, "order-in-service", "服务已开始", "志愿者已到达并签到，您的「助浴服务」服务正在进行。",
                "/app/#/orders/" + request, checkedInAt);
        assertThat(fields(inService)).isEqualTo(Map.of("service", "助浴服务", "requestId", request));
        JsonNode completed = ofKind(box, "order-completed");
        assertNotice(completed, "order-completed", "服务已完成", "您的「助浴服务」服务已完成，欢迎为本次服务评价。",
                "/app/#/orders/" + request, completedAt);
        assertThat(fields(completed)).isEqualTo(Map.of("service", "助浴服务", "requestId", request));
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-accepted → acc:" + resident,
                "order-in-service → acc:" + resident, "order-completed → acc:" + resident);
        assertThat(api.inbox(api.volunteer("acc-" + volunteer, volunteer)).path("total").asInt()).isZero();
    }

    @Test
    void shouldTellTheRequesterWhyTheirOrderWasRejected() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        Instant rejectedAt = T0.plusSeconds(30);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestRejected(request, D, STATION, "超出本站服务范围", rejectedAt));
        handled(request, 1);

        JsonNode rejected = only(api.inbox(api.resident(resident)));
        assertNotice(rejected, "order-rejected", "订单未被受理", "您的「助浴服务」订单未被受理，原因：超出本站服务范围",
                "/app/#/orders/" + request, rejectedAt);
        assertThat(fields(rejected)).isEqualTo(Map.of("service", "助浴服务", "reason", "超出本站服务范围",
                "requestId", request));
        assertThat(told("requestId", request)).containsExactly("order-rejected → acc:" + resident);
    }

    // --- escalation -------------------------------------------------------------------------------------------------

    @Test
    void shouldTellTheRequesterAndTheNewUnitButNotTheOldOneOfAnEscalation() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        Instant escalatedAt = T0.plusSeconds(1800);
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestEscalated(request, D, Stage.DISPATCH, STATION, INSTITUTE, escalatedAt.minusSeconds(1),
                        escalatedAt));
        handled(request, 1);

        JsonNode toRequester = only(api.inbox(api.resident(resident)));
        assertNotice(toRequester, "order-escalated", "订单已转上级处理", "您的「助浴服务」订单已转至东山街道文明实践所处理。",
                "/app/#/orders/" + request, escalatedAt);
        assertThat(fields(toRequester)).isEqualTo(Map.of("service", "助浴服务", "requestId", request));

        List<JsonNode> atInstitute = ofRequest(api.inbox(api.staff("acc-i-" + D, Role.INSTITUTE_ADMIN, INSTITUTE)),
                request);
        assertThat(atInstitute).hasSize(1);
        JsonNode toUnit = atInstitute.get(0);
        assertNotice(toUnit, "escalated-to-unit", "订单升级至本单位",
                "「助浴服务」订单因派单超时，已从东山社区服务站升级至本单位，请尽快处理。",
                "/app/console.html#/orders/" + request, escalatedAt);
        assertThat(toUnit.path("urgent").asBoolean()).isTrue();
        assertThat(fields(toUnit)).isEqualTo(Map.of("service", "助浴服务", "stage", "DISPATCH", "requestId",
                request));

        assertThat(ofRequest(api.inbox(api.staff("acc-s-" + D, Role.STATION_ADMIN, STATION)), request))
                .as("the unit it left").isEmpty();
        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-escalated → acc:" + resident,
                "escalated-to-unit → unit:" + INSTITUTE);
    }

    // --- activities -------------------------------------------------------------------------------------------------

    @Test
    void shouldConfirmASignUpAndRemindBeforeAnActivityThatStartsSoon() throws Exception {
        String activity = fresh("act");
        String volunteer = fresh("vol");
        String resident = fresh("acc-r");
        Instant startsAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant signedUpAt = T0.plusSeconds(5);
        NoticeApi.publish("Activity", activity, 0, activity(activity, startsAt),
                new ActivitySignedUp(activity, D, volunteer, "VOLUNTEER", signedUpAt),
                new ActivitySignedUp(activity, D, resident, "RESIDENT", signedUpAt));
        String volunteerToken = api.volunteer("acc-" + volunteer, volunteer);
        String residentToken = api.resident(resident);
        String when = WHEN.format(startsAt);

        for (String[] participant : new String[][] {{volunteerToken, "/app/#/volunteer/activities"},
                {residentToken, "/app/#/activities"}}) {
            JsonNode box = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(participant[0]),
                    b -> b.path("total").asInt() == 2);
            JsonNode signedUp = ofKind(box, "activity-signed-up");
            assertNotice(signedUp, "activity-signed-up", "活动报名成功", "您已报名「重阳敬老游园会」，活动将于" + when + "开始。",
                    participant[1], signedUpAt);
            assertThat(fields(signedUp)).isEqualTo(Map.of("activity", "重阳敬老游园会", "activityId", activity));
            JsonNode reminder = ofKind(box, "activity-reminder");
            assertNotice(reminder, "activity-reminder", "活动即将开始", "您报名的「重阳敬老游园会」将于" + when
                    + "在东山社区广场开始。", participant[1], startsAt);
            assertThat(fields(reminder)).isEqualTo(Map.of("activity", "重阳敬老游园会", "activityId", activity));
        }
        for (String participant : List.of(volunteer, resident)) {
            String timer = Timers.id(D, Rules.ACTIVITY, activity + "|" + participant);
            await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(timer).isEmpty());
        }
        assertThat(told("activityId", activity)).containsExactlyInAnyOrder(
                "activity-signed-up → vol:" + volunteer, "activity-reminder → vol:" + volunteer,
                "activity-signed-up → acc:" + resident, "activity-reminder → acc:" + resident);
    }

    @Test
    void shouldCancelTheActivityReminderOfAParticipantWhoCancelledTheirSignUp() throws Exception {
        String activity = fresh("act");
        String volunteer = fresh("vol");
        String staying = fresh("vol");
        Instant startsAt = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        NoticeApi.publish("Activity", activity, 0, activity(activity, startsAt),
                new ActivitySignedUp(activity, D, volunteer, "VOLUNTEER", T0),
                new ActivitySignedUp(activity, D, staying, "VOLUNTEER", T0));
        handled(activity, 2);
        String leaving = Timers.id(D, Rules.ACTIVITY, activity + "|" + volunteer);
        String stays = Timers.id(D, Rules.ACTIVITY, activity + "|" + staying);
        Timers.Timer timer = timers.find(leaving).orElseThrow();
        assertThat(timer.fireAt()).isEqualTo(startsAt.minus(Duration.ofHours(2)));
        assertThat(timer.data()).containsEntry("participant", "vol:" + volunteer);

        NoticeApi.publish("Activity", activity, 3, new ActivitySignUpCancelled(activity, D, volunteer, "VOLUNTEER",
                T0.plusSeconds(60)));
        handled(activity, 3);

        assertThat(timers.find(leaving)).isEmpty();
        assertThat(timers.find(stays)).as("the other participant's reminder").isPresent();
        assertThat(only(api.inbox(api.volunteer("acc-" + volunteer, volunteer))).path("kind").asText())
                .isEqualTo("activity-signed-up");
        assertThat(told("activityId", activity)).containsExactlyInAnyOrder("activity-signed-up → vol:" + volunteer,
                "activity-signed-up → vol:" + staying);
    }

    // --- pairings ---------------------------------------------------------------------------------------------------

    @Test
    void shouldTellEachPairedStationOfAPairingWithoutActivityForLongerThanAllowed() throws Exception {
        String pairing = fresh("pair");
        LocalDate since = LocalDate.now(SHANGHAI).minusDays(120);
        NoticeApi.publish("Pairing", pairing, 0, new PairingFormed(pairing, D, PARTNER,
                List.of(STATION, STATION_WEST), PairingModel.ORGANISATION_PAIRING, 2, since, null));
        Instant dormantAt = since.atStartOfDay(SHANGHAI).toInstant().plus(Duration.ofDays(90));
        String east = api.staff("acc-s-" + D, Role.STATION_ADMIN, STATION);
        String west = api.staff("acc-w-" + D, Role.STATION_ADMIN, STATION_WEST);

        for (String station : List.of(east, west)) {
            JsonNode dormant = await().atMost(Duration.ofSeconds(30)).until(() -> ofPairing(api.inbox(station),
                    pairing), found -> found.size() == 1).get(0);
            assertNotice(dormant, "pairing-dormant", "结对活动提醒", "与区税务局的结对已超过90天没有活动，请安排结对活动。",
                    "/app/console.html#/", dormantAt);
            assertThat(fields(dormant)).isEqualTo(Map.of("partner", "区税务局", "pairingId", pairing));
        }
        // Set again for the next spell, counted from the day it fired (today), not from the day it fell due.
        String timer = Timers.id(D, Rules.PAIRING, pairing);
        Timers.Timer next = await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(timer).orElse(null),
                found -> found != null && found.fireAt().isAfter(Instant.now()));
        LocalDate fired = LocalDate.parse(next.data().get("since"));
        assertThat(fired).isBetween(LocalDate.now(SHANGHAI).minusDays(1), LocalDate.now(SHANGHAI));
        assertThat(next.fireAt()).isEqualTo(fired.atStartOfDay(SHANGHAI).toInstant().plus(Duration.ofDays(90)));
        assertThat(told("pairingId", pairing)).containsExactlyInAnyOrder("pairing-dormant → unit:" + STATION,
                "pairing-dormant → unit:" + STATION_WEST);
    }

    @Test
    void shouldMoveThePairingsTimerOnWithItsActivityAndCancelItWhenItEnds() throws Exception {
        String pairing = fresh("pair");
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate since = today.minusDays(30);
        NoticeApi.publish("Pairing", pairing, 0, new PairingFormed(pairing, D, PARTNER, List.of(STATION),
                PairingModel.COMMUNITY_ALLIANCE, 2, since, null));
        handled(pairing, 0);
        String id = Timers.id(D, Rules.PAIRING, pairing);
        Timers.Timer formed = timers.find(id).orElseThrow();
        assertThat(formed.fireAt()).isEqualTo(dormantAt(since));
        assertThat(formed.data()).containsEntry("since", since.toString()).containsEntry("stations", STATION)
                .containsEntry("partnerId", PARTNER);

        NoticeApi.publish("Pairing", pairing, 1, new PairingActivityRecorded(pairing, D, STATION, null, "税法进社区",
                today.minusDays(1)));
        handled(pairing, 1);
        Timers.Timer moved = timers.find(id).orElseThrow();
        assertThat(moved.fireAt()).isEqualTo(dormantAt(today.minusDays(1)));
        assertThat(moved.data()).containsEntry("since", today.minusDays(1).toString());

        // An older activity reported late does not wind the clock back.
        NoticeApi.publish("Pairing", pairing, 2, new PairingActivityRecorded(pairing, D, STATION, null, "补录活动",
                today.minusDays(20)));
        handled(pairing, 2);
        assertThat(timers.find(id).orElseThrow().fireAt()).isEqualTo(moved.fireAt());

        NoticeApi.publish("Pairing", pairing, 3, new PairingEnded(pairing, D, "期满", today));
        handled(pairing, 3);
        assertThat(timers.find(id)).isEmpty();
        assertThat(told("pairingId", pairing)).isEmpty();
    }

    // --- redelivery -------------------------------------------------------------------------------------------------

    @Test
    void shouldRaiseNoSecondNoticeForARedeliveredRecordOrAReplayedHistory() throws Exception {
        String request = fresh("req");
        String resident = fresh("acc-r");
        String volunteer = fresh("vol");
        RequestDispatched dispatched = new RequestDispatched(request, D, STATION, List.of(volunteer), null,
                "AUTOMATIC", 1, T0);
        List<DomainEventMessage<?>> history = List.of(
                message(request, 0, submitted(request, resident, null)),
                message(request, 1, dispatched),
                message(request, 2, new RequestAccepted(request, D, volunteer, null, T0)));
        // The same record twice (a producer's retry, a consumer's redelivery), then the whole history again.
        send(history.get(0), history.get(1), history.get(1), history.get(2));
        send(history.toArray(DomainEventMessage<?>[]::new));
        NoticeApi.publish("ServiceRequest", request, 3, new RequestCompleted(request, D, T0.plusSeconds(3600)));
        handled(request, 3);

        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-offered → vol:" + volunteer,
                "order-accepted → acc:" + resident, "order-completed → acc:" + resident);
        assertThat(only(api.inbox(api.volunteer("acc-" + volunteer, volunteer))).path("kind").asText())
                .isEqualTo("order-offered");
        assertThat(api.inbox(api.resident(resident)).path("total").asInt()).isEqualTo(2);

        // Past the consumer's ledger too (a consumer that applied the event but died before noting it): the notice's
        // id is its cause, so applying it again adds nothing.
        rules.dispatched(dispatched);
        assertThat(told("requestId", request)).hasSize(3);
        assertThat(api.inbox(api.volunteer("acc-" + volunteer, volunteer)).path("total").asInt()).isEqualTo(1);
    }

    @Test
    void shouldOfferAnOrderToAVolunteerOnceThoughItIsDispatchedAgain() throws Exception {
        String request = fresh("req");
        String volunteer = fresh("vol");
        String other = fresh("vol");
        // Matching's automatic dispatch, then the station's own to the same volunteer and one more.
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, fresh("acc-r"), null),
                new RequestDispatched(request, D, STATION, List.of(volunteer), null, "AUTOMATIC", 1, T0),
                new RequestDispatched(request, D, STATION, List.of(volunteer, other), null, "MANUAL", 2, T0));
        handled(request, 2);

        assertThat(told("requestId", request)).containsExactlyInAnyOrder("order-offered → vol:" + volunteer,
                "order-offered → vol:" + other);
    }

    @Test
    void shouldTellEachStationOnceOfAPairingDormantForMoreThanTwoSpells() throws Exception {
        String pairing = fresh("pair");
        LocalDate since = LocalDate.now(SHANGHAI).minusDays(200);
        NoticeApi.publish("Pairing", pairing, 0, new PairingFormed(pairing, D, PARTNER, List.of(STATION),
                PairingModel.ORGANISATION_PAIRING, 2, since, null));
        // Once the timer is set for a time still ahead, every catch-up firing is over.
        String timer = Timers.id(D, Rules.PAIRING, pairing);
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(timer).orElse(null),
                found -> found != null && found.fireAt().isAfter(Instant.now()));

        assertThat(told("pairingId", pairing)).as("one notice for one dormant spell")
                .containsExactly("pairing-dormant → unit:" + STATION);
    }

    @Test
    void shouldNotAskALeaderToOpenAClaimTheyJustMadeThemselves() throws Exception {
        String team = fresh("team");
        String leader = fresh("vol");
        String request = fresh("req");
        String resident = fresh("acc-r");
        NoticeApi.publish("Team", team, 0, new TeamFormed(team, D, STATION, "助老服务队", leader,
                Set.of(ServicePlatform.CARE), 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.leaderOf(D, team).equals(Optional.of(leader)));
        // What request-service publishes when a leader claims an order for their team.
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident, null),
                new RequestDispatched(request, D, STATION, List.of(), team, "CLAIMED", 1, T0),
                new RequestAccepted(request, D, leader, team, T0));
        handled(request, 2);

        assertThat(told("requestId", request)).containsExactly("order-accepted → acc:" + resident);
    }

    @Test
    void shouldForgetTheRemindersOfAnErasedVolunteer() throws Exception {
        String activity = fresh("act");
        String volunteer = fresh("vol");
        Instant startsAt = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        NoticeApi.publish("Activity", activity, 0, activity(activity, startsAt),
                new ActivitySignedUp(activity, D, volunteer, "VOLUNTEER", T0));
        String request = fresh("req");
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, fresh("acc-r"),
                        startsAt.plus(Duration.ofHours(1))),
                new RequestAccepted(request, D, volunteer, null, T0));
        handled(activity, 1);
        handled(request, 1);
        assertThat(timers.find(Timers.id(D, Rules.ACTIVITY, activity + "|" + volunteer))).isPresent();
        assertThat(timers.find(Timers.id(D, Rules.CHECK_IN, request))).isPresent();

        NoticeApi.publish("Volunteer", volunteer, 0, new VolunteerErased(volunteer, D, T0));
        handled(volunteer, 0);

        // Else, when they fall due, notices for the erased volunteer are raised (and their deliveries dead-lettered).
        assertThat(timers.find(Timers.id(D, Rules.ACTIVITY, activity + "|" + volunteer))).isEmpty();
        assertThat(timers.find(Timers.id(D, Rules.CHECK_IN, request))).isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static OrgUnitEstablished unit(String unitId, String name, OrgTier tier) {
        return new OrgUnitEstablished(unitId, D, unitId.toUpperCase(Locale.ROOT), name, tier, null, null, null, null,
                Set.of(ServicePlatform.CARE), List.of(), LocalDate.now(SHANGHAI));
    }

    static RequestSubmitted submitted(String request, String resident, Instant preferredFrom) {
        return new RequestSubmitted(request, D, ITEM, ServicePlatform.CARE, STATION, new GeoPoint(29.5, 106.5), null,
                Channel.APP, resident, null, preferredFrom,
                preferredFrom == null ? null : preferredFrom.plus(Duration.ofHours(2)), T0);
    }

    static ActivityPublished activity(String activityId, Instant startsAt) {
        return new ActivityPublished(activityId, D, STATION, ServicePlatform.CARE, "重阳敬老游园会", "东山社区广场", null,
                startsAt, startsAt.plus(Duration.ofHours(2)), 20, 50, T0.minus(Duration.ofDays(7)),
                startsAt.minus(Duration.ofMinutes(30)), null);
    }

    static Instant dormantAt(LocalDate since) {
        return since.atStartOfDay(SHANGHAI).toInstant().plus(Duration.ofDays(90));
    }

    /** Waits until the consumer has applied the aggregate's events up to {@code sequence} (rules ran, then noted). */
    void handled(String aggregateId, long sequence) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ledger.lastApplied(consumer.name(), aggregateId) >= sequence);
    }

    /** Every notice of the district whose fields name the subject, as {@code kind → recipient}, whoever it is for. */
    List<String> told(String field, String value) {
        List<String> told = new ArrayList<>();
        mongo.getCollection("notices").find(and(eq("districtId", D), eq("fields." + field, value)))
                .forEach((Document notice) -> told.add(notice.getString("kind") + " → "
                        + notice.getString("recipient")));
        return told;
    }

    static JsonNode only(JsonNode box) {
        assertThat(box.path("total").asInt()).as("one notice in %s", box).isEqualTo(1);
        return box.path("items").get(0);
    }

    static JsonNode ofKind(JsonNode box, String kind) {
        List<JsonNode> found = new ArrayList<>();
        box.path("items").forEach(item -> {
            if (item.path("kind").asText().equals(kind)) {
                found.add(item);
            }
        });
        assertThat(found).as("one %s in %s", kind, box).hasSize(1);
        return found.get(0);
    }

    static List<JsonNode> ofRequest(JsonNode box, String request) {
        return withField(box, "requestId", request);
    }

    static List<JsonNode> ofPairing(JsonNode box, String pairing) {
        return withField(box, "pairingId", pairing);
    }

    static List<JsonNode> withField(JsonNode box, String field, String value) {
        List<JsonNode> found = new ArrayList<>();
        box.path("items").forEach(item -> {
            if (item.path("fields").path(field).asText().equals(value)) {
                found.add(item);
            }
        });
        return found;
    }

    static void assertNotice(JsonNode notice, String kind, String title, String body, String link, Instant at) {
        assertThat(notice.path("kind").asText()).isEqualTo(kind);
        assertThat(notice.path("title").asText()).isEqualTo(title);
        assertThat(notice.path("body").asText()).isEqualTo(body);
        assertThat(notice.path("link").asText()).isEqualTo(link);
        assertThat(Instant.parse(notice.path("at").asText())).isEqualTo(at);
        assertThat(notice.path("id").asText()).matches("ntc-[0-9a-f]{32}");
        assertThat(notice.path("readAt").isNull()).isTrue();
    }

    static Map<String, String> fields(JsonNode notice) {
        Map<String, String> fields = new HashMap<>();
        notice.path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    static DomainEventMessage<?> message(String request, long sequence, DomainEvent event) {
        return new GenericDomainEventMessage<>("ServiceRequest", request, sequence, event);
    }

    /** Sends the messages as they are: the same message sent twice is the same record (id, sequence) twice. */
    static void send(DomainEventMessage<?>... messages) {
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (DomainEventMessage<?> message : messages) {
                ProducerRecord<String, byte[]> record = codec.encode(message, message.getSequenceNumber() - 1);
                producer.send(record);
            }
            producer.flush();
        }
    }
}
