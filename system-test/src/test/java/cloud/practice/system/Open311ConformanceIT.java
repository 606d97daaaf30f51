package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Open311 GeoReport v2 as a client written from the specification alone sees it (http://wiki.open311.org/GeoReport_v2),
 * through the gateway of the shared platform: its own HTTP client and its own JSON and XML reading, no class of the
 * project's but the platform's address and, for setting up a service to order, the operator's client. Every check in
 * JSON and in XML:
 * <ul>
 *   <li>discovery, and every further call made at the endpoint URL it announces;</li>
 *   <li>the service list and a service definition, without an api_key (the spec requires one for POST only);</li>
 *   <li>POST requests without a key (403), with a bad key (403), with the errors the spec names (400 for a missing
 *   required attribute, an unknown service_code, no location), and a good one (200 with the id);</li>
 *   <li>the id readable at once by requests/{id}, by a service_request_id list, by date range, status and
 *   service_code; unknown ids and jurisdictions 404, bad dates 400; servicerequestupdates;</li>
 *   <li>every error as the spec's {@code [{code, description}]} / {@code <errors><error>} with the HTTP status as code.</li>
 * </ul>
 * The calls are paced below the gateway's limits for one address (anonymous reads 10/s, burst 20; keyed 20/s, burst
 * 40: gateway-service's application.yml).
 */
class Open311ConformanceIT {

    static final String JURISDICTION = "cq-jiulongpo";
    /** The demo hotline's api_key (the local issuer's integration client, README). */
    static final String API_KEY = "demo-hotline:demo-hotline-secret";
    static final String SERVICE = "CONFORMANCE-VISIT";
    static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist",
            "multivaluelist");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** One bucket per kind of caller at the gateway (this test's address): pace each below its refill. */
    static final Pacer ANONYMOUS = new Pacer(12, 8);
    static final Pacer KEYED = new Pacer(25, 15);

    static String endpoint;

    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            assertThat(contentType).as(body).startsWith("application/json");
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Document xml() {
            assertThat(contentType).as(body).startsWith("text/xml");
            try {
                return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }
    }

    @BeforeAll
    static void aServiceWithAttributes() throws Exception {
        RunningPlatform.get();
        // Setup only, as the other system tests do it: the district's tree and one service with attributes.
        Api ops = Api.client("local-ops", "local-ops-secret");
        Jiulongpo.ensureTree(ops);
        Api.Answer menu = ops.put("/api/v1/menu/items/" + SERVICE + Jiulongpo.D, """
                {"name":"上门探访","description":"志愿者上门探望独居老人","platform":"CARE","minimumSkillLevel":1,
                 "expectedMinutes":60,"peopleNeeded":1,"keywords":["探访","独居"],
                 "fields":[{"code":"visit_kind","label":"探访方式","datatype":"SINGLEVALUELIST","required":true,"order":1,
                            "values":[{"key":"home","name":"上门"},{"key":"phone","name":"电话"}]},
                           {"code":"topics","label":"关心事项","datatype":"MULTIVALUELIST","required":false,"order":2,
                            "values":[{"key":"health","name":"健康"},{"key":"meals","name":"用餐"}]},
                           {"code":"visitors","label":"人数","datatype":"NUMBER","required":false,"order":3},
                           {"code":"preferred","label":"希望时间","datatype":"DATETIME","required":false,"order":4},
                           {"code":"note","label":"备注","datatype":"TEXT","required":false,"order":5},
                           {"code":"contact_name","label":"联系人","datatype":"STRING","required":false,"order":6}]}""");
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
    }

    @Test
    void shouldPassEveryCheckOfTheSpecificationInJsonAndXml() throws Exception {
        long started = System.nanoTime();
        // ------------------------------------------------------------------------------------------ discovery
        Answer discovery = get(RunningPlatform.GATEWAY + "/open311/v2/discovery.json");
        assertThat(discovery.status()).as(discovery.body()).isEqualTo(200);
        JsonNode endpoints = discovery.json().get("endpoints");
        JsonNode v2 = null;
        for (JsonNode each : endpoints) {
            if (each.get("specification").asText().equals("http://wiki.open311.org/GeoReport_v2")) {
                v2 = each;
            }
        }
        assertThat(v2).as("a GeoReport v2 endpoint in %s", endpoints).isNotNull();
        assertThat(v2.get("formats")).extracting(JsonNode::asText).contains("text/xml", "application/json");
        endpoint = v2.get("url").asText();
        assertThat(endpoint).as("the gateway's address, where this client reached it")
                .isEqualTo(RunningPlatform.GATEWAY + "/open311/v2");
        Document discoveryXml = get(RunningPlatform.GATEWAY + "/open311/v2/discovery.xml").xml();
        assertThat(text(discoveryXml, "/discovery/endpoints/endpoint[specification='http://wiki.open311.org/GeoReport_v2']/url"))
                .isEqualTo(endpoint);
        assertThat(text(discoveryXml, "/discovery/key_service")).isNotBlank();

        // ------------------------------------------------------------------------------------------ services
        JsonNode services = await().atMost(Duration.ofSeconds(30)).until(() -> get(url("services.json")),
                answer -> answer.status() == 200 && answer.body().contains(SERVICE)).json();
        JsonNode service = find(services, "service_code", SERVICE);
        assertThat(service.get("service_name").asText()).isEqualTo("上门探访");
        assertThat(service.get("metadata").asBoolean()).isTrue();
        assertThat(service.get("type").asText()).isIn("realtime", "batch", "blackbox");
        for (JsonNode each : services) {
            assertThat(each.has("service_code") && each.has("service_name") && each.get("metadata").isBoolean())
                    .as("a service: %s", each).isTrue();
        }
        Document servicesXml = get(url("services.xml")).xml();
        assertThat(text(servicesXml, "count(/services/service)")).isEqualTo(Integer.toString(services.size()));
        assertThat(text(servicesXml, "/services/service[service_code='" + SERVICE + "']/metadata")).isEqualTo("true");
        assertThat(text(servicesXml, "/services/service[service_code='" + SERVICE + "']/type")).isEqualTo("realtime");

        // ------------------------------------------------------------------------------------------ definition
        JsonNode definition = get(url("services/" + SERVICE + ".json")).json();
        assertThat(definition.get("service_code").asText()).isEqualTo(SERVICE);
        JsonNode attributes = definition.get("attributes");
        assertThat(attributes).extracting(a -> a.get("code").asText())
                .containsExactly("visit_kind", "topics", "visitors", "preferred", "note", "contact_name");
        for (JsonNode attribute : attributes) {
            assertThat(attribute.get("variable").isBoolean()).isTrue();
            assertThat(attribute.get("datatype").asText()).isIn(DATATYPES);
            assertThat(attribute.get("required").isBoolean()).isTrue();
            assertThat(attribute.get("order").isInt()).isTrue();
            assertThat(attribute.get("description").asText()).isNotBlank();
            assertThat(attribute.has("datatype_description")).isTrue();
        }
        assertThat(attributes).extracting(a -> a.get("datatype").asText()).containsExactlyInAnyOrderElementsOf(DATATYPES);
        assertThat(attributes.get(0).get("required").asBoolean()).isTrue();
        assertThat(attributes.get(0).get("values")).extracting(value -> value.get("key").asText() + "=" + value.get("name").asText())
                .containsExactly("home=上门", "phone=电话");
        Document definitionXml = get(url("services/" + SERVICE + ".xml")).xml();
        assertThat(text(definitionXml, "/service_definition/service_code")).isEqualTo(SERVICE);
        assertThat(text(definitionXml, "count(/service_definition/attributes/attribute)")).isEqualTo("6");
        assertThat(text(definitionXml, "/service_definition/attributes/attribute[code='topics']/values/value[2]/key"))
                .isEqualTo("meals");
        assertError(get(url("services/NO-SUCH-SERVICE.json")), 404);
        assertError(get(url("services/NO-SUCH-SERVICE.xml")), 404);

        // ------------------------------------------------------------------------------------------ POST
        Map<String, String> order = new LinkedHashMap<>();
        order.put("service_code", SERVICE);
        order.put("lat", "29.50712");
        order.put("long", "106.51149");
        order.put("address_string", "盘龙社区5栋1单元");
        order.put("description", "独居老人，希望每周探访");
        order.put("attribute[visit_kind]", "home");
        order.put("attribute[visitors]", "2");
        order.put("email", "conformance@example.org");
        assertError(post("requests.json", order, null), 403);
        assertError(post("requests.xml", order, "demo-hotline:wrong-secret"), 403);
        Map<String, String> withoutRequired = new LinkedHashMap<>(order);
        withoutRequired.remove("attribute[visit_kind]");
        assertError(post("requests.json", withoutRequired, API_KEY), 400);
        Map<String, String> unknownService = new LinkedHashMap<>(order);
        unknownService.put("service_code", "NO-SUCH-SERVICE");
        assertError(post("requests.xml", unknownService, API_KEY), 400);
        Map<String, String> nowhere = new LinkedHashMap<>(order);
        nowhere.remove("lat");
        nowhere.remove("long");
        nowhere.remove("address_string");
        assertError(post("requests.json", nowhere, API_KEY), 400);

        Answer posted = post("requests.json", order, API_KEY);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        JsonNode created = posted.json();
        assertThat(created.isArray() && created.size() == 1).as(posted.body()).isTrue();
        String first = created.get(0).get("service_request_id").asText();
        assertThat(first).isNotBlank();
        // Read-your-write: the id is found at once, anonymously and with the key.
        Answer firstRead = get(url("requests/" + first + ".json"));
        assertThat(firstRead.status()).as("GET requests/{id} right after POST: %s", firstRead.body()).isEqualTo(200);

        Map<String, String> second = new LinkedHashMap<>(order);
        second.put("attribute[topics][]", "meals");
        second.remove("email");
        Answer postedXml = post("requests.xml", second, API_KEY);
        assertThat(postedXml.status()).as(postedXml.body()).isEqualTo(200);
        assertThat(postedXml.body()).startsWith("<?xml");
        String other = text(postedXml.xml(), "/service_requests/request/service_request_id");
        assertThat(other).isNotBlank().isNotEqualTo(first);
        Document otherRead = get(url("requests/" + other + ".xml")).xml();
        assertThat(text(otherRead, "/service_requests/request/service_request_id")).isEqualTo(other);

        // ------------------------------------------------------------------------------------------ requests
        JsonNode request = firstRead.json().get(0);
        assertThat(request.get("service_request_id").asText()).isEqualTo(first);
        assertThat(request.get("status").asText()).isEqualTo("open");
        assertThat(request.get("service_code").asText()).isEqualTo(SERVICE);
        assertThat(request.get("service_name").asText()).isEqualTo("上门探访");
        OffsetDateTime requested = OffsetDateTime.parse(request.get("requested_datetime").asText());
        assertThat(requested).isBetween(OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now().plusMinutes(1));
        assertThat(request.get("lat").asDouble()).isCloseTo(29.507, org.assertj.core.data.Offset.offset(0.001));
        assertThat(request.get("long").asDouble()).isCloseTo(106.511, org.assertj.core.data.Offset.offset(0.001));
        assertThat(firstRead.body()).as("the public view names no person").doesNotContain("conformance@example.org");
        JsonNode keyed = get(url("requests/" + first + ".json") + "&api_key=" + encode(API_KEY)).json().get(0);
        assertThat(keyed.get("description").asText()).isEqualTo("独居老人，希望每周探访");
        assertThat(keyed.get("lat").asDouble()).isEqualTo(29.50712);
        assertThat(text(otherRead, "/service_requests/request/status")).isEqualTo("open");
        assertThat(text(otherRead, "/service_requests/request/requested_datetime")).isNotBlank();
        assertError(get(url("requests/req-no-such-request.json")), 404);
        assertError(get(url("requests/req-no-such-request.xml")), 404);

        // By ids: service_request_id=a,b overrides every other argument.
        String both = first + "," + other;
        JsonNode byIds = get(url("requests.json") + "&status=closed&service_request_id=" + encode(both)).json();
        assertThat(byIds).extracting(r -> r.get("service_request_id").asText()).containsExactlyInAnyOrder(first, other);
        Document byIdsXml = get(url("requests.xml") + "&service_request_id=" + encode(both)).xml();
        assertThat(texts(byIdsXml, "/service_requests/request/service_request_id")).containsExactlyInAnyOrder(first, other);

        // By date range, status and service_code.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        String window = "&start_date=" + encode(now.minusHours(1).toString()) + "&end_date=" + encode(now.plusMinutes(5).toString());
        JsonNode open = get(url("requests.json") + window + "&status=open&service_code=" + SERVICE).json();
        assertThat(open).extracting(r -> r.get("service_request_id").asText()).contains(first, other);
        assertThat(open).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("open"));
        Document openXml = get(url("requests.xml") + window + "&status=open&service_code=" + SERVICE).xml();
        assertThat(texts(openXml, "/service_requests/request/service_request_id")).contains(first, other);
        assertThat(get(url("requests.json") + window + "&status=closed&service_code=" + SERVICE).json())
                .extracting(r -> r.get("service_request_id").asText()).doesNotContain(first, other);
        String future = "&start_date=" + encode(now.plusDays(1).toString()) + "&end_date=" + encode(now.plusDays(2).toString());
        assertThat(get(url("requests.json") + future).json()).isEmpty();
        assertThat(text(get(url("requests.xml") + future).xml(), "count(/service_requests/request)")).isEqualTo("0");
        assertError(get(url("requests.json") + "&start_date=yesterday"), 400);
        assertError(get(url("requests.xml") + "&start_date=" + encode(now.minusDays(120).toString())
                + "&end_date=" + encode(now.toString())), 400);

        // Errors of the jurisdiction: unknown 404; a bad key on a read 403.
        assertError(get(endpoint + "/services.json?jurisdiction_id=no-such-city"), 404);
        assertError(get(endpoint + "/requests.xml?jurisdiction_id=no-such-city"), 404);
        assertError(get(url("services.xml") + "&api_key=" + encode("demo-hotline:wrong-secret")), 403);

        // ------------------------------------------------------------------------------------------ updates
        JsonNode updates = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(url("servicerequestupdates.json") + "&service_request_id=" + encode(both)),
                        answer -> answer.status() == 200 && answer.body().contains(first) && answer.body().contains(other))
                .json();
        for (JsonNode update : updates) {
            assertThat(update.get("service_request_id").asText()).isIn(first, other);
            assertThat(update.get("status").asText()).isIn("open", "closed");
            OffsetDateTime.parse(update.get("updated_datetime").asText());
        }
        Document updatesXml = get(url("servicerequestupdates.xml") + "&service_request_id=" + encode(first)).xml();
        assertThat(texts(updatesXml, "/service_request_updates/request_update/service_request_id")).isNotEmpty()
                .allMatch(first::equals);

        System.out.printf("Open311 conformance: %d calls (%d anonymous, %d keyed) in %.1f s%n",
                ANONYMOUS.calls + KEYED.calls, ANONYMOUS.calls, KEYED.calls, (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------- the client

    /** A resource at the discovered endpoint, with the jurisdiction. */
    static String url(String resource) {
        return endpoint + "/" + resource + "?jurisdiction_id=" + JURISDICTION;
    }

    static Answer get(String url) throws Exception {
        (url.contains("api_key=") ? KEYED : ANONYMOUS).take();
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A form-urlencoded POST, as the spec has it; the api_key in the body when there is one. */
    static Answer post(String resource, Map<String, String> form, String apiKey) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("jurisdiction_id", JURISDICTION);
        body.putAll(form);
        if (apiKey != null) {
            body.put("api_key", apiKey);
        }
        KEYED.take();
        String encoded = body.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(endpoint + "/" + resource))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("never over the gateway's limits").isNotEqualTo(429);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** The spec's error document in the format asked for, its code the HTTP status. */
    static void assertError(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (answer.contentType().startsWith("text/xml")) {
            Document errors = answer.xml();
            assertThat(text(errors, "/errors/error/code")).isEqualTo(Integer.toString(status));
            assertThat(text(errors, "/errors/error/description")).isNotBlank();
        } else {
            JsonNode errors = answer.json();
            assertThat(errors.isArray() && errors.size() >= 1).as(answer.body()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
            assertThat(errors.get(0).get("description").asText()).isNotBlank();
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String text(Document document, String xpath) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
        } catch (Exception e) {
            throw new AssertionError(xpath, e);
        }
    }

    static List<String> texts(Document document, String xpath) {
        try {
            org.w3c.dom.NodeList nodes = (org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate(xpath, document, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent());
            }
            return values;
        } catch (Exception e) {
            throw new AssertionError(xpath, e);
        }
    }

    static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode each : list) {
            if (each.path(field).asText().equals(value)) {
                return each;
            }
        }
        throw new AssertionError(value + " not in " + list);
    }

    /** A token bucket on the client's side, below the gateway's for the same caller: calls wait, never meet a 429. */
    static final class Pacer {
        private final double burst;
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();
        int calls;

        Pacer(int burst, double perSecond) {
            this.burst = burst;
            this.perSecond = perSecond;
            this.tokens = burst;
        }

        synchronized void take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                LockSupport.parkNanos((long) ((1 - tokens) / perSecond * 1e9));
                tokens = 1;
                last = System.nanoTime();
            }
            tokens -= 1;
            calls++;
        }
    }
}
