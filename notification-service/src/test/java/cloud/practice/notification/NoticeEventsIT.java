package cloud.practice.notification;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.notification.NoticeDelivered;
import cloud.practice.events.notification.NoticeRaised;
import cloud.practice.events.notification.NoticeRead;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeKind;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.Recipient;
import cloud.practice.notification.notice.outbox.NoticeEventRelay;
import cloud.practice.notification.rules.NoticeDesk;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.testing.TcpProxy;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service's own events (ADR 0023), with real Kafka and the MongoDB-wire stand-in: raising, delivering and
 * reading a notice put exactly those events on {@code practice.notification.events}, keyed by the notice, numbered in
 * order, valid against their schemas and without a word of the notice's text; a notice raised again raises no second
 * event; and while Kafka is away the events wait in their notices and go, in order, once it is back.
 *
 * <p>The notices are raised at the desk, as the rules raise them, not from the platform's events on Kafka: every test
 * context of this JVM consumes those topics with a database of its own, so each would raise, and publish, its own copy
 * of a notice with the same id. (That events become notices is NotificationsIT's and NoticeRulesIT's subject.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class NoticeEventsIT {

    static final String D = "ne-" + UUID.randomUUID().toString().substring(0, 6);
    static final String TOPIC = Context.NOTIFICATION.topic();
    static final FakeIssuer ISSUER = FakeIssuer.start();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @LocalServerPort
    int port;
    @Autowired
    NoticeDesk desk;
    final CloudEventCodec codec = new CloudEventCodec();
    NoticeApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.issuer-url", ISSUER::url);
        registry.add("practice.notification.delivery.interval", () -> "100ms");
        registry.add("practice.notification.events.interval", () -> "100ms");
    }

    @BeforeEach
    void api() {
        api = new NoticeApi(port, D);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void shouldPublishThatANoticeWasRaisedDeliveredAndReadWithItsIdsOnly() throws Exception {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "req-" + UUID.randomUUID();
        String reason = "重复下单，请勿再提交";
        Notice rejected = Notice.of(D, Recipient.account(resident), NoticeKind.ORDER_REJECTED, request + "@4",
                "订单未被受理", "您的「家电维修」订单未被受理，原因：" + reason, "/app/#/orders/" + request, T0,
                Map.of("service", "家电维修", "reason", reason, "requestId", request));
        String id = rejected.id();
        assertThat(desk.raise(rejected)).isTrue();
        String token = api.resident(resident);
        // By SMS through the issuer; WeChat is not configured here, so skipped: both final in one save.
        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> api.read(api.get("/api/v1/notices/" + id
                + "?district=" + D, token)), d -> d.path("deliveries").findValuesAsText("state")
                .containsAll(List.of("sent", "skipped")));
        assertThat(ISSUER.sentTo(resident)).hasSize(1);
        HttpResponse<String> read = api.post("/api/v1/notices/" + id + "/read?district=" + D, token, "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        Instant readAt = Instant.parse(api.read(read).path("readAt").asText());

        TopicReader.read(TOPIC, record -> id.equals(record.key()), 4, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> records = TopicReader.all(TOPIC, record -> id.equals(record.key()));

        List<InboundEvent> events = records.stream().map(codec::decode).toList();
        assertThat(events).extracting(InboundEvent::payload).containsExactly(
                new NoticeRaised(id, D, "order-rejected", "account", resident, request, false,
                        Instant.parse(detail.path("notice").path("createdAt").asText())),
                new NoticeDelivered(id, D, "order-rejected", "sms", "sent", 1, deliveredAt(events, 1)),
                new NoticeDelivered(id, D, "order-rejected", "wechat", "skipped", 0, deliveredAt(events, 2)),
                new NoticeRead(id, D, "order-rejected", readAt));
        assertThat(events).extracting(InboundEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events).extracting(InboundEvent::previousSequence).containsExactly(-1L, 0L, 1L, 2L);
        assertThat(events).extracting(InboundEvent::id).containsExactly(id + ":0", id + ":1", id + ":2", id + ":3");
        assertThat(events).extracting(InboundEvent::subject).containsOnly(id);
        assertThat(events).extracting(InboundEvent::districtId).containsOnly(D);
        assertThat(records).extracting(record -> TopicReader.header(record, "ce_source"))
                .containsOnly(CloudEventAttributes.sourceOf(Context.NOTIFICATION));
        assertThat(records).extracting(record -> TopicReader.header(record, "ce_type")).containsExactly(
                "cloud.practice.notification.NoticeRaised.v1", "cloud.practice.notification.NoticeDelivered.v1",
                "cloud.practice.notification.NoticeDelivered.v1", "cloud.practice.notification.NoticeRead.v1");
        // Nothing of the notice's words leaves the service: not its title, its text, the reason, the service's name.
        for (ConsumerRecord<String, byte[]> record : records) {
            String everything = new String(record.value(), StandardCharsets.UTF_8) + StreamSupport.stream(
                    record.headers().spliterator(), false).map(h -> new String(h.value(), StandardCharsets.UTF_8))
                    .toList();
            assertThat(everything).doesNotContain(reason, rejected.title(), "家电维修", "/app/")
                    .doesNotContainPattern("\\p{IsHan}");
        }
    }

    @Test
    void shouldRaiseNoSecondEventForANoticeRaisedAgain() {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "req-" + UUID.randomUUID();
        Notice accepted = notice(resident, request);
        assertThat(desk.raise(accepted)).isTrue();
        TopicReader.read(TOPIC, record -> accepted.id().equals(record.key()) && isA(record, NoticeRaised.class), 1,
                Duration.ofSeconds(30));

        // The same cause again (a redelivered or replayed event): the same notice, raised again.
        assertThat(desk.raise(notice(resident, request))).isFalse();
        // Then a notice of a new cause: once its event is published, so is anything raised before it.
        Notice marker = notice(resident, "req-" + UUID.randomUUID());
        assertThat(desk.raise(marker)).isTrue();
        TopicReader.read(TOPIC, record -> marker.id().equals(record.key()) && isA(record, NoticeRaised.class), 1,
                Duration.ofSeconds(30));

        assertThat(TopicReader.all(TOPIC, record -> accepted.id().equals(record.key())
                && isA(record, NoticeRaised.class))).hasSize(1);
    }

    /**
     * A relay of its own over a store of its own (the service's relay does not see it), reaching Kafka through a proxy
     * that is down at first: the events stay in their notices, then go in order with the sequences they had.
     */
    @Test
    void shouldKeepTheEventsWhileKafkaIsAwayAndPublishThemInOrderOnceItIsBack() {
        String database = "outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String account = "acc-o-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
             TcpProxy kafka = new TcpProxy(TestInfrastructure.get().kafkaBootstrapServers())) {
            NoticeStore store = new NoticeStore(new MongoTemplate(client, database));
            DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000));
            try {
                NoticeEventRelay relay = new NoticeEventRelay(store, new KafkaTemplate<>(producers), codec,
                        Duration.ofSeconds(5), () -> { }, 10);
                Notice first = notice(account, "req-o1");
                Notice second = notice(account, "req-o2");
                assertThat(store.raise(first, List.of(), T0)).isTrue();
                assertThat(store.raise(second, List.of(), T0)).isTrue();
                // Read-all appends to both notices in one update; each gets its own next sequence.
                assertThat(store.markAllRead(D, List.of(Recipient.account(account).key()), T0.plusSeconds(5)))
                        .isEqualTo(2);

                assertThat(relay.work()).as("published while Kafka is away").isZero();
                List<NoticeStore.Outbox> waiting = store.withUnpublishedEvents(10);
                assertThat(waiting).extracting(NoticeStore.Outbox::noticeId)
                        .containsExactlyInAnyOrder(first.id(), second.id());
                waiting.forEach(outbox -> {
                    assertThat(outbox.events()).extracting(NoticeStore.OutboxEvent::sequence).containsExactly(0L, 1L);
                    assertThat(outbox.events()).extracting(event -> (Object) event.payload().getClass())
                            .containsExactly(NoticeRaised.class, NoticeRead.class);
                });

                kafka.start();
                AtomicInteger published = new AtomicInteger();
                await().atMost(Duration.ofSeconds(60)).until(() -> published.addAndGet(relay.work()) >= 4);
                assertThat(published.get()).isEqualTo(4);
                assertThat(store.withUnpublishedEvents(10)).isEmpty();
                assertThat(relay.work()).as("nothing left to publish").isZero();

                for (Notice notice : List.of(first, second)) {
                    List<ConsumerRecord<String, byte[]>> records = TopicReader.all(TOPIC,
                            record -> notice.id().equals(record.key()));
                    List<InboundEvent> events = records.stream().map(codec::decode).toList();
                    assertThat(events).extracting(InboundEvent::payload).containsExactly(
                            new NoticeRaised(notice.id(), D, "order-accepted", "account", account,
                                    notice.fields().get("requestId"), false, T0),
                            new NoticeRead(notice.id(), D, "order-accepted", T0.plusSeconds(5)));
                    assertThat(events).extracting(InboundEvent::sequence).containsExactly(0L, 1L);
                    assertThat(events).extracting(InboundEvent::id)
                            .containsExactly(notice.id() + ":0", notice.id() + ":1");
                }
            } finally {
                producers.destroy();
            }
        }
    }

    /**
     * The relay removes what Kafka acknowledged: all of an outbox at once when nothing came since it was read, and
     * never an event appended after the read (here the notice read while its first event was on its way).
     */
    @Test
    void shouldKeepAnEventAppendedAfterTheOutboxWasReadWhenThoseReadArePublished() {
        String database = "outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String account = "acc-p-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri(database))) {
            NoticeStore store = new NoticeStore(new MongoTemplate(client, database));
            Notice notice = notice(account, "req-p1");
            assertThat(store.raise(notice, List.of(), T0)).isTrue();
            List<String> read = keys(store.withUnpublishedEvents(10));

            assertThat(store.markRead(D, notice.id(), List.of(Recipient.account(account).key()), T0.plusSeconds(5)))
                    .isTrue();
            store.published(notice.id(), read);

            List<NoticeStore.Outbox> left = store.withUnpublishedEvents(10);
            assertThat(left).singleElement().satisfies(outbox -> {
                assertThat(outbox.events()).extracting(NoticeStore.OutboxEvent::sequence).containsExactly(1L);
                assertThat(outbox.events()).extracting(event -> (Object) event.payload().getClass())
                        .containsExactly(NoticeRead.class);
            });
            store.published(notice.id(), keys(left));
            assertThat(store.withUnpublishedEvents(10)).isEmpty();
            Document stored = client.getDatabase(database).getCollection("notices").find(new Document("_id",
                    notice.id())).first();
            assertThat(stored.getList("outbox", Document.class)).isEmpty();
            assertThat(stored).doesNotContainKey("pendingEvents");
        }
    }

    private static List<String> keys(List<NoticeStore.Outbox> outboxes) {
        return outboxes.stream().flatMap(outbox -> outbox.events().stream()).map(NoticeStore.OutboxEvent::key).toList();
    }

    private static Notice notice(String account, String request) {
        return Notice.of(D, Recipient.account(account), NoticeKind.ORDER_ACCEPTED, request + "@1", "订单已被接单",
                "您的「家电维修」服务已有志愿者接单。", "/app/#/orders/" + request, T0, Map.of("service", "家电维修",
                        "requestId", request));
    }

    private static Instant deliveredAt(List<InboundEvent> events, int index) {
        DomainEvent payload = events.get(index).payload();
        return payload instanceof NoticeDelivered delivered ? delivered.at() : null;
    }

    private static boolean isA(ConsumerRecord<String, byte[]> record, Class<?> type) {
        Header header = record.headers().lastHeader("ce_type");
        return header != null && new String(header.value(), StandardCharsets.UTF_8)
                .equals(CloudEventAttributes.typeOf(type));
    }
}
