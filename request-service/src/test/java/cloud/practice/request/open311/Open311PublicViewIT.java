package cloud.practice.request.open311;

import cloud.practice.support.security.Scopes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.StreamSupport;

import static cloud.practice.request.open311.Open311Client.form;
import static cloud.practice.request.open311.Open311Client.json;
import static cloud.practice.request.open311.Open311Client.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GeoReport's public data (ADR 0012): a caller without any credentials reads the service list, the definitions and
 * the requests of a jurisdiction that allows it — only the public fields (no contact, requester or address; the
 * location at the jurisdiction's decimals; here, DISTRICT, two decimals and no description or photo) — and nothing
 * of a jurisdiction that does not (OTHER). Keys stay required for POST, webhooks and the full view, and a key that is
 * sent is checked: refused or of another district, it is 403, never the public view.
 */
class Open311PublicViewIT extends Open311ItSupport {

    static final String PHONE = "13912345670";
    static final String EMAIL = "li.na@example.org";
    static final String ADDRESS = "盘龙社区7栋3单元502";
    static final String DESCRIPTION = "李奶奶腿脚不便，需要陪同复诊";

    final Open311Client anyone() {
        return new Open311Client(port, Open311Client.Auth.none());
    }

    @Test
    void shouldLetAnyoneReadTheServicesAndOnlyThePublicFieldsOfRequests() {
        String id = postPrivateOrder();
        Open311Client anyone = anyone();
        Map<String, String> district = Map.of("jurisdiction_id", DISTRICT);

        // The service list and a definition: the same as an integration client reads.
        ResponseEntity<String> services = anyone.get("/open311/v2/services.json", district);
        assertThat(services.getStatusCode().value()).as(services.getBody()).isEqualTo(200);
        assertThat(services.getBody()).isEqualTo(open311.get("/open311/v2/services.json", district).getBody());
        assertThat(anyone.get("/open311/v2/services.xml", district).getBody())
                .isEqualTo(open311.get("/open311/v2/services.xml", district).getBody());
        assertThat(anyone.get("/open311/v2/services/CARE-ESCORT.json", district).getBody())
                .isEqualTo(open311.get("/open311/v2/services/CARE-ESCORT.json", district).getBody());

        // One request: the public fields only, every field still there (null where withheld).
        ResponseEntity<String> one = anyone.get("/open311/v2/requests/" + id + ".json", district);
        assertThat(one.getStatusCode().value()).as(one.getBody()).isEqualTo(200);
        JsonNode shown = json(one).get(0);
        assertThat(shown.get("service_request_id").asText()).isEqualTo(id);
        assertThat(shown.get("status").asText()).isEqualTo("open");
        assertThat(shown.get("service_code").asText()).isEqualTo("CARE-ESCORT");
        assertThat(shown.get("agency_responsible").asText()).isEqualTo("盘龙社区新时代文明实践站");
        assertThat(shown.get("requested_datetime").asText()).isNotBlank();
        assertThat(shown.get("lat").asDouble()).as("two decimals in this jurisdiction").isEqualTo(29.51);
        assertThat(shown.get("long").asDouble()).isEqualTo(106.51);
        assertThat(shown.has("address") && shown.get("address").isNull()).as("no address: %s", shown).isTrue();
        assertThat(shown.get("description").isNull()).as("descriptions withheld here").isTrue();
        assertThat(shown.get("media_url").isNull()).isTrue();
        assertThat(one.getBody()).doesNotContain(PHONE, EMAIL, "小明", ADDRESS, DESCRIPTION, "photos.example.org", "o311-");

        ResponseEntity<String> oneXml = anyone.get("/open311/v2/requests/" + id + ".xml", district);
        Document document = xml(oneXml);
        assertThat(Open311IT.text(document, "/service_requests/request/lat")).isEqualTo("29.51");
        assertThat(Open311IT.text(document, "/service_requests/request/long")).isEqualTo("106.51");
        assertThat(oneXml.getBody()).contains("<address/>").contains("<description/>")
                .doesNotContain(PHONE, EMAIL, ADDRESS, DESCRIPTION);

        // By ids, and by date window and status: the same public view.
        JsonNode byIds = json(anyone.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_request_id", id + ",req-unknown")));
        assertThat(byIds).hasSize(1);
        assertThat(byIds.get(0)).isEqualTo(shown);
        OffsetDateTime now = OffsetDateTime.now();
        ResponseEntity<String> window = anyone.get("/open311/v2/requests.xml", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.minusHours(1).toString(), "end_date", now.plusMinutes(5).toString(), "status", "open"));
        assertThat(window.getStatusCode().value()).as(window.getBody()).isEqualTo(200);
        assertThat(Open311IT.text(xml(window), "/service_requests/request[service_request_id='" + id + "']/lat"))
                .isEqualTo("29.51");
        assertThat(window.getBody()).doesNotContain(PHONE, EMAIL, ADDRESS, DESCRIPTION);

        // Status updates carry no personal data: readable too.
        JsonNode updates = await().atMost(Duration.ofSeconds(20)).until(() -> json(anyone.get(
                "/open311/v2/servicerequestupdates.json", Map.of("jurisdiction_id", DISTRICT, "service_request_id", id))),
                list -> list.size() == 1);
        assertThat(updates.get(0).get("status").asText()).isEqualTo("open");

        // The integration client itself still reads everything it may.
        JsonNode full = json(open311.get("/open311/v2/requests/" + id + ".json", district)).get(0);
        assertThat(full.get("lat").asDouble()).isEqualTo(29.50712);
        assertThat(full.get("address").asText()).isEqualTo(ADDRESS);
        assertThat(full.get("description").asText()).isEqualTo(DESCRIPTION);
        assertThat(full.get("media_url").asText()).isEqualTo("https://photos.example.org/p/7.jpg");
    }

    @Test
    void shouldAnswerNothingAnonymouslyWhereTheJurisdictionKeepsItsDataToClients() {
        Open311Client anyone = anyone();
        Map<String, String> other = Map.of("jurisdiction_id", OTHER);
        for (String path : new String[]{"/open311/v2/services.json", "/open311/v2/services/TALK.json",
                "/open311/v2/requests.json", "/open311/v2/requests/req-1.json", "/open311/v2/servicerequestupdates.json"}) {
            ResponseEntity<String> refused = anyone.get(path, other);
            assertThat(refused.getStatusCode().value()).as(path + ": " + refused.getBody()).isEqualTo(403);
            assertThat(json(refused).get(0).get("code").asInt()).isEqualTo(403);
        }
        ResponseEntity<String> refusedXml = anyone.get("/open311/v2/requests.xml", other);
        assertThat(refusedXml.getStatusCode().value()).isEqualTo(403);
        assertThat(Open311IT.text(xml(refusedXml), "/errors/error/code")).isEqualTo("403");
        // Its own clients read it as before.
        Open311Client.Auth otherClient = Open311Client.Auth.bearer(Open311Client.systemToken("hotline-" + OTHER, OTHER,
                Scopes.ALL));
        assertThat(anyone.get("/open311/v2/services.json", other, otherClient).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shouldStillRequireAValidKeyToPostToSubscribeAndToReadBeyondThePublicView() {
        Open311Client anyone = anyone();
        ResponseEntity<String> post = anyone.postForm("/open311/v2/requests.json", form("jurisdiction_id", DISTRICT,
                "service_code", "TALK", "lat", "29.507", "long", "106.511"));
        assertThat(post.getStatusCode().value()).as(post.getBody()).isEqualTo(403);
        ResponseEntity<String> subscriptions = anyone.get("/open311/v2/subscriptions.json", Map.of("jurisdiction_id", DISTRICT));
        assertThat(subscriptions.getStatusCode().value()).as(subscriptions.getBody()).isEqualTo(403);

        // A key that is sent is checked: refused by the issuer, or a client of another district, is 403.
        Open311Client.Auth refusedKey = Open311Client.Auth.apiKey("hotline-" + DISTRICT + ":not-the-secret");
        ResponseEntity<String> refused = anyone.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT),
                refusedKey);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
        assertThat(json(refused).get(0).get("description").asText()).contains("api_key");
        Open311Client.Auth otherDistrict = Open311Client.Auth.bearer(Open311Client.systemToken("hotline-y", OTHER,
                Scopes.ALL));
        assertThat(anyone.get("/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT), otherDistrict)
                .getStatusCode().value()).isEqualTo(403);
    }

    /** An order with everything a hotline knows about the person: contact, names, door, photo, precise location. */
    private String postPrivateOrder() {
        ResponseEntity<String> posted = open311.postForm("/open311/v2/requests.json", form("jurisdiction_id", DISTRICT,
                "service_code", "CARE-ESCORT", "lat", "29.50712", "long", "106.51149", "address_string", ADDRESS,
                "description", DESCRIPTION, "attribute[hospital]", "区人民医院", "phone", PHONE, "email", EMAIL,
                "first_name", "小明", "last_name", "李", "media_url", "https://photos.example.org/p/7.jpg"));
        assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(200);
        String id = json(posted).get(0).get("service_request_id").asText();
        // Read back by the client (read-your-write is Open311IT's); here only the views differ.
        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(json(open311.get(
                "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "service_request_id", id))).spliterator(),
                false).findAny().isPresent());
        return id;
    }
}
