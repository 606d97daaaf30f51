package cloud.practice.request.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.w3c.dom.Document;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static cloud.practice.request.open311.Open311Client.form;
import static cloud.practice.request.open311.Open311Client.json;
import static cloud.practice.request.open311.Open311Client.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A client written from the GeoReport v2 spec, against real Kafka and MongoDB, authenticating with its api_key:
 * discovery, services, a service definition, POST requests (form-urlencoded, answered in JSON and in XML), GET
 * requests with every filter, the date window and paging, GET requests/{id}, servicerequestupdates, the lifecycle
 * driven through /api/v1 showing up as closed with status notes, and webhooks delivered to a real HTTP receiver —
 * signed, retried after failures, dead-lettered and redelivered.
 */
class Open311IT extends Open311ItSupport {

    @org.springframework.beans.factory.annotation.Autowired
    EventProcessingConfiguration processing;

    final HttpServer receiver = receiver();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** /ok fails every delivery's first two attempts, then takes it. */
    final Map<String, AtomicInteger> attemptsAtOk = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicBoolean deadEndHealed = new AtomicBoolean(false);

    record Received(String path, String deliveryId, String timestamp, String signature, String body, int answered) {
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void shouldTakeASpecClientFromDiscoveryToAClosedRequest() {
        // Discovery needs no key.
        JsonNode discovery = json(open311.get("/open311/v2/discovery.json", Map.of(), Open311Client.Auth.none()));
        assertThat(discovery.at("/endpoints/0/specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(discovery.at("/endpoints/0/url").asText()).endsWith("/open311/v2");
        assertThat(discovery.at("/endpoints/0/formats")).extracting(JsonNode::asText)
                .containsExactly("text/xml", "application/json");
        ResponseEntity<String> discoveryXml = open311.get("/open311/v2/discovery.xml", Map.of(), Open311Client.Auth.none());
        assertThat(discoveryXml.getHeaders().getContentType()).hasToString("text/xml;charset=UTF-8");
        assertThat(text(xml(discoveryXml), "/discovery/endpoints/endpoint/formats/format[2]")).isEqualTo("application/json");

        // Services: one per active menu item, in both formats.
        JsonNode services = json(open311.get("/open311/v2/services.json", Map.of("jurisdiction_id", DISTRICT)));
        JsonNode escort = find(services, "service_code", "CARE-ESCORT");
        assertThat(escort.get("service_name").asText()).isEqualTo("陪同就医");
        assertThat(escort.get("metadata").asBoolean()).isTrue();
        assertThat(escort.get("type").asText()).isEqualTo("realtime");
        assertThat(escort.get("group").asText()).isEqualTo("关爱帮扶");
        assertThat(escort.get("keywords").asText()).isEqualTo("陪同,就医");
        assertThat(find(services, "service_code", "TALK").get("metadata").asBoolean()).isFalse();
        Document servicesXml = xml(open311.get("/open311/v2/services.xml", Map.of("jurisdiction_id", DISTRICT)));
        assertThat(text(servicesXml, "count(/services/service)")).isEqualTo("2");
        assertThat(text(servicesXml, "/services/service[service_code='CARE-ESCORT']/metadata")).isEqualTo("true");

        // The service definition: the menu item's extra fields as attributes.
        JsonNode definition = json(open311.get("/open311/v2/services/CARE-ESCORT.json", Map.of("jurisdiction_id", DISTRICT)));
        assertThat(definition.get("service_code").asText()).isEqualTo("CARE-ESCORT");
        JsonNode attributes = definition.get("attributes");
        assertThat(attributes).extracting(attribute -> attribute.get("code").asText())
                .containsExactly("hospital", "mobility", "needs", "visitors", "appointment");
        assertThat(attributes.get(0).get("datatype").asText()).isEqualTo("string");
        assertThat(attributes.get(0).get("required").asBoolean()).isTrue();
        assertThat(attributes.get(0).get("variable").asBoolean()).isTrue();
        assertThat(attributes.get(0).get("order").asInt()).isEqualTo(1);
        assertThat(attributes.get(1).get("description").asText()).isEqualTo("行动能力: 老人如何行动");
        assertThat(attributes.get(1).get("values")).extracting(value -> value.get("key").asText() + "=" + value.get("name").asText())
                .containsExactly("walk=可步行", "wheelchair=轮椅");
        assertThat(attributes.get(2).get("datatype").asText()).isEqualTo("multivaluelist");
        assertThat(attributes.get(4).get("datatype_description").asText()).contains("offset");
        Document definitionXml = xml(open311.get("/open311/v2/services/CARE-ESCORT.xml", Map.of("jurisdiction_id", DISTRICT)));
        assertThat(text(definitionXml, "/service_definition/attributes/attribute[code='mobility']/values/value[2]/key"))
                .isEqualTo("wheelchair");

        // POST requests, answered in JSON: with coordinates, attributes (a list too) and contact details.
        Instant before = Instant.now();
        MultiValueMap<String, String> order = form("jurisdiction_id", DISTRICT, "service_code", "CARE-ESCORT",
                "lat", "29.507", "long", "106.511", "description", "老人需要陪同去医院复诊",
                "attribute[hospital]", "九龙坡区人民医院", "attribute[mobility]", "wheelchair",
                "attribute[needs][]", "translate", "attribute[needs][]", "carry", "attribute[visitors]", "2",
                "email", "wang@example.org", "phone", "13812345678", "first_name", "小明", "last_name", "王",
                "media_url", "https://photos.example.org/p/1.jpg");
        ResponseEntity<String> posted = open311.postForm("/open311/v2/requests.json", order);
        assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(200);
        JsonNode created = json(posted).get(0);
        String requestId = created.get("service_request_id").asText();
        assertThat(requestId).startsWith("req-");
        assertThat(created.get("service_notice").asText()).contains("盘龙社区新时代文明实践站");

        // ... and in XML, located by address only (the community it names).
        ResponseEntity<String> postedXml = open311.postForm("/open311/v2/requests.xml", form("jurisdiction_id", DISTRICT,
                "service_code", "CARE-ESCORT", "address_string", "九龙坡区九龙园社区8栋", "attribute[hospital]", "区中医院"));
        assertThat(postedXml.getStatusCode().value()).as(postedXml.getBody()).isEqualTo(200);
        assertThat(postedXml.getBody()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        String secondId = text(xml(postedXml), "/service_requests/request/service_request_id");
        assertThat(secondId).startsWith("req-");

        // GET requests/{id}: open, with the SLA's expectation, and none of the requester's personal data.
        ResponseEntity<String> found = await().atMost(Duration.ofSeconds(20)).until(() -> open311.get(
                "/open311/v2/requests/" + requestId + ".json", Map.of("jurisdiction_id", DISTRICT)),
                response -> response.getStatusCode().value() == 200);
        JsonNode request = json(found).get(0);
        assertThat(request.get("service_request_id").asText()).isEqualTo(requestId);
        assertThat(request.get("status").asText()).isEqualTo("open");
        assertThat(request.get("status_notes").asText()).startsWith("Received");
        assertThat(request.get("service_code").asText()).isEqualTo("CARE-ESCORT");
        assertThat(request.get("service_name").asText()).isEqualTo("陪同就医");
        assertThat(request.get("agency_responsible").asText()).isEqualTo("盘龙社区新时代文明实践站");
        assertThat(request.get("description").asText()).isEqualTo("老人需要陪同去医院复诊");
        assertThat(request.get("lat").asDouble()).isEqualTo(29.507);
        assertThat(request.get("long").asDouble()).isEqualTo(106.511);
        assertThat(request.get("media_url").asText()).isEqualTo("https://photos.example.org/p/1.jpg");
        OffsetDateTime requested = OffsetDateTime.parse(request.get("requested_datetime").asText());
        assertThat(requested.getOffset().getId()).isEqualTo("+08:00");
        assertThat(requested.toInstant()).isBetween(before.minusSeconds(2), Instant.now());
        OffsetDateTime expected = OffsetDateTime.parse(request.get("expected_datetime").asText());
        assertThat(Duration.between(requested, expected).toMinutes()).as("review 2h + dispatch 4h + accept 8h + complete 3d")
                .isCloseTo(Duration.ofHours(2 + 4 + 8 + 72).toMinutes(), within(1L));
        String anyAnswer = open311.get("/open311/v2/requests/" + requestId + ".xml", Map.of("jurisdiction_id", DISTRICT)).getBody();
        assertThat(anyAnswer).contains("<status>open</status>").contains("<address_id/>");
        assertThat(anyAnswer + request).doesNotContain("13812345678").doesNotContain("wang@example.org")
                .doesNotContain("小明").doesNotContain("o311-");

        // It is an ordinary request of the lifecycle: same command path, channel INTEGRATION, typed answers.
        JsonNode internal = json(operator.get("/api/v1/requests/" + requestId, Map.of("district", DISTRICT)));
        assertThat(internal.get("channel").asText()).isEqualTo("INTEGRATION");
        assertThat(internal.get("unitId").asText()).isEqualTo("s-pl");
        assertThat(internal.get("maskedContact").asText()).isEqualTo("138*****678");
        assertThat(internal.at("/answers/needs")).extracting(JsonNode::asText).containsExactly("translate", "carry");
        assertThat(internal.at("/answers/visitors").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/v1/requests/" + secondId,
                Map.of("district", DISTRICT)).getStatusCode().value() == 200);
        assertThat(json(operator.get("/api/v1/requests/" + secondId, Map.of("district", DISTRICT))).get("unitId").asText())
                .isEqualTo("s-jly");

        // The loop through /api/v1; Open311 follows it to closed.
        String volunteer = "v1-" + DISTRICT;
        cloud.practice.request.DirectoryFixture.volunteers(volunteers, DISTRICT, volunteer);
        for (String[] step : new String[][]{{"review", "{\"accept\":true,\"reviewerId\":\"admin-pl\"}"},
                {"dispatch", "{\"volunteerIds\":[\"V\"]}"}, {"accept", "{\"volunteerId\":\"V\"}"},
                {"check-in", "{\"volunteerId\":\"V\"}"}, {"check-out", "{\"volunteerId\":\"V\"}"},
                {"complete", "{\"volunteerId\":\"V\"}"}}) {
            ok(operator.json(HttpMethod.POST, "/api/v1/requests/" + requestId + "/" + step[0] + "?district=" + DISTRICT,
                    step[1].replace("\"V\"", "\"" + volunteer + "\"")));
        }
        JsonNode completed = await().atMost(Duration.ofSeconds(20)).until(() -> json(open311.get(
                "/open311/v2/requests/" + requestId + ".json", Map.of("jurisdiction_id", DISTRICT))).get(0),
                node -> node.get("status").asText().equals("closed"));
        assertThat(completed.get("status_notes").asText()).startsWith("Completed");
        assertThat(completed.get("expected_datetime").isNull()).isTrue();
        // The requester (a pseudonym of the e-mail the client sent) rates; a machine client may act for them.
        ok(operator.json(HttpMethod.POST, "/api/v1/requests/" + requestId + "/rate?district=" + DISTRICT,
                "{\"requesterId\":\"" + internal.get("requesterId").asText() + "\",\"rating\":5,\"solved\":true}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> json(open311.get("/open311/v2/requests/" + requestId + ".json",
                Map.of("jurisdiction_id", DISTRICT))).get(0).get("status_notes").asText().equals("Completed and rated 5/5"));

        // A rejection closes with its reason.
        await().atMost(Duration.ofSeconds(20)).until(() -> ok2(operator.json(HttpMethod.POST, "/api/v1/requests/" + secondId
                + "/review?district=" + DISTRICT, "{\"accept\":false,\"reviewerId\":\"admin-jly\",\"reason\":\"该医院不在服务范围\"}")));
        Document rejected = await().atMost(Duration.ofSeconds(20)).until(() -> xml(open311.get(
                "/open311/v2/requests/" + secondId + ".xml", Map.of("jurisdiction_id", DISTRICT))),
                document -> "closed".equals(text(document, "/service_requests/request/status")));
        assertThat(text(rejected, "/service_requests/request/status_notes")).isEqualTo("Rejected: 该医院不在服务范围");
        assertThat(text(rejected, "/service_requests/request/agency_responsible")).isEqualTo("九龙园社区新时代文明实践站");

        // servicerequestupdates: every step, oldest first, in both formats.
        JsonNode steps = await().atMost(Duration.ofSeconds(20)).until(() -> json(open311.get(
                "/open311/v2/servicerequestupdates.json", Map.of("jurisdiction_id", DISTRICT,
                        "service_request_id", requestId))), node -> node.size() == 8);
        assertThat(steps).extracting(step -> step.get("external_status_code").asText()).containsExactly("SUBMITTED",
                "REVIEWED", "DISPATCHED", "ACCEPTED", "IN_SERVICE", "SERVED", "COMPLETED", "RATED");
        assertThat(steps).extracting(step -> step.get("status").asText())
                .containsExactly("open", "open", "open", "open", "open", "open", "closed", "closed");
        assertThat(steps.get(7).get("description").asText()).isEqualTo("Completed and rated 5/5");
        Document updatesXml = xml(open311.get("/open311/v2/servicerequestupdates.xml", Map.of("jurisdiction_id", DISTRICT,
                "start_date", OffsetDateTime.now().minusHours(1).toString(), "end_date", OffsetDateTime.now().plusMinutes(1).toString())));
        assertThat(Integer.parseInt(text(updatesXml, "count(/service_request_updates/request_update[service_request_id='"
                + requestId + "'])"))).isEqualTo(8);
    }

    @Test
    void shouldFindARequestRightAfterPostingIt() throws Exception {
        // Read-your-write (ADR 0012): no waiting on the client's side, in either format, by id and in the ids list.
        // The first time the request view is held back for a second, as a busy one would be: the POST answers once
        // the view has the request, never before.
        EventProcessor view = processing.eventProcessor("request-view").orElseThrow();
        view.shutDown();
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        later.schedule(view::start, 1, java.util.concurrent.TimeUnit.SECONDS);
        try {
            for (int i = 0; i < 5; i++) {
                readBackAtOnce(i);
            }
        } finally {
            later.shutdown();
            later.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            if (!view.isRunning()) {
                view.start();
            }
        }
    }

    private void readBackAtOnce(int i) {
        String format = i % 2 == 0 ? "json" : "xml";
        ResponseEntity<String> posted = open311.postForm("/open311/v2/requests." + format, form("jurisdiction_id",
                DISTRICT, "service_code", "TALK", "lat", "29.507", "long", "106.511", "account_id", "reader-" + i));
        assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(200);
        String id = format.equals("json") ? json(posted).get(0).get("service_request_id").asText()
                : text(xml(posted), "/service_requests/request/service_request_id");

        ResponseEntity<String> found = open311.get("/open311/v2/requests/" + id + "." + format,
                Map.of("jurisdiction_id", DISTRICT));
        assertThat(found.getStatusCode().value()).as("GET right after POST #%d: %s", i, found.getBody()).isEqualTo(200);
        assertThat(found.getBody()).contains(id).contains("open");
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_request_id", id)))).containsExactly(id);
    }

    @Test
    void shouldAnnounceThePublicAddressTheProxiesInFrontGive() {
        Open311Client.Auth none = Open311Client.Auth.none();
        // As the gateway forwards it behind an ingress that mounts the platform below /city.
        JsonNode behindIngress = json(open311.get("/open311/v2/discovery.json", Map.of(), none, Map.of(
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "open311.example.org", "X-Forwarded-Port", "443",
                "X-Forwarded-Prefix", "/city")));
        assertThat(behindIngress.at("/endpoints/0/url").asText()).isEqualTo("https://open311.example.org/city/open311/v2");
        // RFC 7239, with a port of its own, in XML.
        Document forwarded = xml(open311.get("/open311/v2/discovery.xml", Map.of(), none,
                Map.of("Forwarded", "for=203.0.113.9;proto=https;host=\"gw.example.org:8443\"")));
        assertThat(text(forwarded, "/discovery/endpoints/endpoint/url")).isEqualTo("https://gw.example.org:8443/open311/v2");
        // Without forwarded headers, the address the request came to; a host that is no host is not echoed.
        assertThat(json(open311.get("/open311/v2/discovery.json", Map.of(), none)).at("/endpoints/0/url").asText())
                .isEqualTo("http://127.0.0.1:" + port + "/open311/v2");
        assertThat(json(open311.get("/open311/v2/discovery.json", Map.of(), none, Map.of("X-Forwarded-Host",
                "evil.example.org/phish?x=", "X-Forwarded-Prefix", "/<script>"))).at("/endpoints/0/url").asText())
                .isEqualTo("http://127.0.0.1:" + port + "/open311/v2");
    }

    @Test
    void shouldFilterRequestsByIdsCodesStatusAndDatesAndPageThem() {
        List<String> talks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResponseEntity<String> posted = open311.postForm("/open311/v2/requests.json", form("jurisdiction_id", DISTRICT,
                    "service_code", "TALK", "lat", "29.54", "long", "106.46", "account_id", "resident-" + i));
            assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(200);
            talks.add(json(posted).get(0).get("service_request_id").asText());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/v1/requests/" + talks.get(2),
                Map.of("district", DISTRICT)).getStatusCode().value() == 200);
        ok(operator.json(HttpMethod.POST, "/api/v1/requests/" + talks.get(0) + "/review?district=" + DISTRICT,
                "{\"accept\":false,\"reviewerId\":\"admin-jly\",\"reason\":\"重复\"}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(open311.get("/open311/v2/requests.json",
                Map.of("jurisdiction_id", DISTRICT, "service_code", "TALK", "status", "closed"))).contains(talks.get(0)));

        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "service_code", "TALK",
                "status", "closed")))).contains(talks.get(0)).doesNotContain(talks.get(1), talks.get(2));
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "service_code", "TALK",
                "status", "open")))).contains(talks.get(1), talks.get(2)).doesNotContain(talks.get(0));
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_code", "CARE-ESCORT")))).doesNotContainAnyElementsOf(talks);
        // service_request_id overrides every other argument.
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_request_id", talks.get(0) + "," + talks.get(2) + ",req-unknown", "status", "open"))))
                .containsExactlyInAnyOrder(talks.get(0), talks.get(2));

        // Newest first, one per page.
        ResponseEntity<String> first = open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_code", "TALK", "page_size", "1", "page", "1"));
        List<String> pageOne = ids(first);
        List<String> pageTwo = ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_code", "TALK", "page_size", "1", "page", "2")));
        assertThat(pageOne).hasSize(1);
        assertThat(pageTwo).hasSize(1).doesNotContainAnyElementsOf(pageOne);
        assertThat(Integer.parseInt(first.getHeaders().getFirst("X-Total-Count"))).isGreaterThanOrEqualTo(4);
        List<String> all = ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "service_code", "TALK")));
        assertThat(all.indexOf(talks.get(2))).isLessThan(all.indexOf(talks.get(0)));

        // The date window on requested_datetime.
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.minusMinutes(10).toString(), "end_date", now.plusMinutes(1).toString()))))
                .containsAll(talks);
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.plusHours(1).toString())))).isEmpty();
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "end_date", now.minusDays(1).toString())))).isEmpty();
        assertThat(ids(open311.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.minusDays(90).plusMinutes(1).toString(), "end_date", now.plusSeconds(30).toString()))))
                .as("exactly the widest window").containsAll(talks);
    }

    @Test
    void shouldAnswerARepeatedPostWithTheSameKeyWithTheFirstRequestInEitherFormat() {
        MultiValueMap<String, String> order = form("jurisdiction_id", DISTRICT, "service_code", "TALK",
                "lat", "29.507", "long", "106.511", "account_id", "resident-retry");
        Map<String, String> key = Map.of("Idempotency-Key", "call-" + System.nanoTime());

        ResponseEntity<String> first = open311.postForm("/open311/v2/requests.json", order, key);
        ResponseEntity<String> again = open311.postForm("/open311/v2/requests.xml", order, key);

        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String id = json(first).get(0).get("service_request_id").asText();
        assertThat(text(xml(again), "/service_requests/request/service_request_id")).isEqualTo(id);
        order.set("lat", "29.54");
        assertThat(open311.postForm("/open311/v2/requests.json", order, key).getStatusCode().value())
                .as("the same key for another request").isEqualTo(400);
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/v1/requests/" + id,
                Map.of("district", DISTRICT)).getStatusCode().value() == 200);
        assertThat(Open311Client.json(operator.get("/api/v1/requests", Map.of("district", DISTRICT,
                "requesterId", "resident-retry"))).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void shouldDeliverSignedStatusChangesRetryThemAndDeadLetterWhatNeverGetsThrough() {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        ResponseEntity<String> subscribed = open311.postForm("/open311/v2/subscriptions.json", form("jurisdiction_id", DISTRICT,
                "callback_url", base + "/ok", "service_code", "CARE-ESCORT"));
        assertThat(subscribed.getStatusCode().value()).as(subscribed.getBody()).isEqualTo(201);
        JsonNode subscription = json(subscribed).get(0);
        String secret = subscription.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        Document deadEnd = xml(open311.postForm("/open311/v2/subscriptions.xml", form("jurisdiction_id", DISTRICT,
                "callback_url", base + "/dead-end")));
        String deadEndId = text(deadEnd, "/subscriptions/subscription/subscription_id");
        String deadEndSecret = text(deadEnd, "/subscriptions/subscription/secret");
        JsonNode mine = json(open311.get("/open311/v2/subscriptions.json", Map.of("jurisdiction_id", DISTRICT)));
        assertThat(mine).extracting(each -> each.get("subscription_id").asText())
                .contains(subscription.get("subscription_id").asText(), deadEndId);
        assertThat(mine.toString()).doesNotContain("whsec_");

        ResponseEntity<String> posted = open311.postForm("/open311/v2/requests.json", form("jurisdiction_id", DISTRICT,
                "service_code", "CARE-ESCORT", "lat", "29.507", "long", "106.511", "attribute[hospital]", "区人民医院"));
        String requestId = json(posted).get(0).get("service_request_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> ok2(operator.json(HttpMethod.POST, "/api/v1/requests/"
                + requestId + "/review?district=" + DISTRICT, "{\"accept\":true,\"reviewerId\":\"admin-pl\"}")));

        // Both changes arrive signed at /ok, the first only after two failed attempts.
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("/ok", requestId).size() == 2);
        List<Received> ok = delivered("/ok", requestId);
        for (Received delivery : ok) {
            assertThat(delivery.signature()).isEqualTo(hmac(secret, delivery.timestamp() + "." + delivery.body()));
            assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(), within(120L));
        }
        assertThat(ok).extracting(delivery -> parse(delivery.body()).get("external_status_code").asText())
                .containsExactlyInAnyOrder("SUBMITTED", "REVIEWED");
        JsonNode payload = parse(ok.get(0).body());
        assertThat(payload.get("jurisdiction_id").asText()).isEqualTo(DISTRICT);
        assertThat(payload.get("subscription_id").asText()).isEqualTo(subscription.get("subscription_id").asText());
        assertThat(payload.get("status").asText()).isEqualTo("open");
        for (Received delivery : ok) {
            assertThat(received.stream().filter(hit -> hit.deliveryId().equals(delivery.deliveryId())).map(Received::answered))
                    .as("retried after two failures").containsExactly(500, 500, 200);
        }

        // /dead-end never answers 2xx: after three attempts both changes are dead letters its subscriber can read.
        JsonNode letters = await().atMost(Duration.ofSeconds(30)).until(() -> json(open311.get(
                "/open311/v2/subscriptions/" + deadEndId + "/dead_letters.json", Map.of("jurisdiction_id", DISTRICT))),
                node -> StreamSupport.stream(node.spliterator(), false)
                        .filter(letter -> letter.get("service_request_id").asText().equals(requestId)).count() == 2);
        JsonNode letter = StreamSupport.stream(letters.spliterator(), false)
                .filter(each -> each.get("service_request_id").asText().equals(requestId)).findFirst().orElseThrow();
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("last_status").asInt()).isEqualTo(500);
        assertThat(parse(letter.get("payload").asText()).get("service_request_id").asText()).isEqualTo(requestId);
        String deliveryId = letter.get("delivery_id").asText();
        assertThat(received.stream().filter(hit -> hit.deliveryId().equals(deliveryId))).hasSize(3);

        // Healed, the subscriber asks for it again; it arrives and leaves the dead-letter list.
        deadEndHealed.set(true);
        ok(open311.postForm("/open311/v2/subscriptions/" + deadEndId + "/redeliveries.json",
                form("jurisdiction_id", DISTRICT, "delivery_id", deliveryId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                .anyMatch(hit -> hit.deliveryId().equals(deliveryId) && hit.answered() == 200));
        Received redelivered = received.stream().filter(hit -> hit.deliveryId().equals(deliveryId) && hit.answered() == 200)
                .findFirst().orElseThrow();
        assertThat(redelivered.signature()).isEqualTo(hmac(deadEndSecret, redelivered.timestamp() + "." + redelivered.body()));
        assertThat(json(open311.get("/open311/v2/subscriptions/" + deadEndId + "/dead_letters.json",
                Map.of("jurisdiction_id", DISTRICT))).toString()).doesNotContain(deliveryId);

        // Another client of the district sees none of it; the owner deletes it.
        String otherKey = Open311Client.registerClient("grid-" + DISTRICT, DISTRICT,
                List.of(cloud.practice.support.security.Scopes.REQUESTS_READ, cloud.practice.support.security.Scopes.REQUESTS_WRITE));
        assertThat(open311.get("/open311/v2/subscriptions/" + deadEndId + ".json", Map.of("jurisdiction_id", DISTRICT),
                Open311Client.Auth.apiKey(otherKey)).getStatusCode().value()).isEqualTo(404);
        ok(open311.delete("/open311/v2/subscriptions/" + deadEndId + ".json", Map.of("jurisdiction_id", DISTRICT)));
        assertThat(open311.get("/open311/v2/subscriptions/" + deadEndId + ".json", Map.of("jurisdiction_id", DISTRICT))
                .getStatusCode().value()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                String delivery = String.valueOf(exchange.getRequestHeaders().getFirst("X-Open311-Delivery"));
                int status = path.equals("/ok")
                        ? (attemptsAtOk.computeIfAbsent(delivery, id -> new AtomicInteger()).incrementAndGet() <= 2 ? 500 : 200)
                        : deadEndHealed.get() ? 200 : 500;
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-Open311-Delivery"),
                        exchange.getRequestHeaders().getFirst("X-Open311-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Open311-Signature"), body, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Received> delivered(String path, String requestId) {
        return received.stream().filter(hit -> hit.path().equals(path) && hit.answered() == 200
                && parse(hit.body()).get("service_request_id").asText().equals(requestId)).toList();
    }

    /** The receiver's own check, written from the documented scheme (not with the service's code). */
    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        return Open311Client.json(ResponseEntity.ok(text));
    }

    private static boolean ok2(ResponseEntity<String> response) {
        return response.getStatusCode().is2xxSuccessful();
    }

    private static List<String> ids(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false)
                .map(node -> node.get("service_request_id").asText()).toList();
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        return StreamSupport.stream(list.spliterator(), false).filter(node -> node.get(field).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError(value + " not in " + list));
    }

    static String text(Document document, String xpath) {
        try {
            return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(xpath, document);
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new AssertionError(xpath, e);
        }
    }
}
