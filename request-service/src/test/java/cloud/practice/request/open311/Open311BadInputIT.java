package cloud.practice.request.open311;

import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.w3c.dom.Document;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cloud.practice.request.open311.Open311Client.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open311 bad-input table (test-support's ProblemTable style, but the answers in the spec's error format): each
 * row is a mistaken or hostile call with the status it must get; every answer is {@code [{code, description}]} or
 * {@code <errors><error><code/><description/></error></errors>} in the format the path asked for, its code the HTTP
 * status, with no stack trace; afterwards nothing has changed.
 */
class Open311BadInputIT extends Open311ItSupport {

    record Row(String what, HttpMethod method, String path, Map<String, String> query, MultiValueMap<String, String> form,
               Open311Client.Auth auth, int status) {
    }

    @Test
    void shouldAnswerEveryBadInputInTheSpecsErrorFormatAndChangeNothing() {
        String anyRequest = json(operator.get("/api/v1/requests", Map.of("district", DISTRICT))).at("/items/0/requestId").asText();
        long requestsBefore = total();
        int subscriptionsBefore = Open311Client.json(open311.get("/open311/v2/subscriptions.json",
                Map.of("jurisdiction_id", DISTRICT))).size();
        OffsetDateTime now = OffsetDateTime.now();
        Open311Client.Auth none = Open311Client.Auth.none();
        Open311Client.Auth wrongKey = Open311Client.Auth.apiKey("hotline-" + DISTRICT + ":wrong");
        Open311Client.Auth otherDistrict = Open311Client.Auth.bearer(Open311Client.systemToken("hotline-x", OTHER, Scopes.ALL));
        Open311Client.Auth readOnly = Open311Client.Auth.bearer(Open311Client.systemToken("viewer", DISTRICT,
                List.of(Scopes.REQUESTS_READ)));
        Open311Client.Auth resident = Open311Client.Auth.bearer(TestIdentity.get().token("resident-1", "RESIDENT",
                DISTRICT, null, Scopes.forRole(cloud.practice.support.security.Role.RESIDENT)));
        Open311Client.Auth key = Open311Client.Auth.apiKey(API_KEY);

        List<Row> rows = new ArrayList<>();
        rows.add(post("unknown service_code", "json", order("service_code", "NOPE"), key, 400));
        rows.add(post("service_code missing", "xml", order("service_code", ""), key, 400));
        rows.add(post("required attribute missing", "json", withoutHospital(), key, 400));
        rows.add(post("unknown attribute", "xml", order("attribute[colour]", "red"), key, 400));
        rows.add(post("value not in the list", "json", order("attribute[mobility]", "flying"), key, 400));
        rows.add(post("two values for a single-value attribute", "json", order("attribute[mobility]", "walk", "attribute[mobility]", "wheelchair"), key, 400));
        rows.add(post("number attribute not a number", "xml", order("attribute[visitors]", "two"), key, 400));
        rows.add(post("datetime attribute without an offset", "json", order("attribute[appointment]", "2026-12-01T09:00:00"), key, 400));
        rows.add(post("latitude out of range", "json", order("lat", "200"), key, 400));
        rows.add(post("longitude not a number", "xml", order("long", "east"), key, 400));
        rows.add(post("lat without long", "json", order("long", ""), key, 400));
        rows.add(post("no location at all", "json", order("lat", "", "long", ""), key, 400));
        rows.add(post("address naming no community", "xml", order("lat", "", "long", "", "address_string", "火星基地1号"), key, 400));
        rows.add(post("invalid e-mail", "json", order("email", "not-an-address"), key, 400));
        rows.add(post("invalid media_url", "json", order("media_url", "javascript:alert(1)"), key, 400));
        rows.add(post("description over 4000 characters", "json", order("description", "长".repeat(4001)), key, 400));
        rows.add(post("malformed attribute name", "json", order("attribute[", "x"), key, 400));
        rows.add(post("unknown jurisdiction", "json", order("jurisdiction_id", "nowhere"), key, 404));
        rows.add(post("jurisdiction missing while two are served", "xml", order("jurisdiction_id", ""), key, 400));
        rows.add(post("no credentials", "json", order(), none, 403));
        rows.add(post("api_key refused by the issuer", "xml", order(), wrongKey, 403));
        rows.add(post("client of another district", "json", order(), otherDistrict, 403));
        rows.add(post("client without requests:write", "xml", order(), readOnly, 403));
        rows.add(post("a resident is not an integration client", "json", order(), resident, 403));
        rows.add(get("services of an unknown jurisdiction", "/open311/v2/services.xml", Map.of("jurisdiction_id", "nowhere"), key, 404));
        rows.add(get("malformed jurisdiction", "/open311/v2/services.json", Map.of("jurisdiction_id", "../etc"), key, 404));
        rows.add(get("services without jurisdiction", "/open311/v2/services.json", Map.of(), key, 400));
        rows.add(get("unknown service definition", "/open311/v2/services/NOPE.json", Map.of("jurisdiction_id", DISTRICT), key, 404));
        rows.add(get("definition without format", "/open311/v2/services/CARE-ESCORT", Map.of("jurisdiction_id", DISTRICT), key, 404));
        rows.add(get("unknown format", "/open311/v2/services.csv", Map.of("jurisdiction_id", DISTRICT), key, 404));
        rows.add(get("unknown request id", "/open311/v2/requests/req-unknown.json", Map.of("jurisdiction_id", DISTRICT), key, 404));
        rows.add(get("request of another jurisdiction", "/open311/v2/requests/" + anyRequest + ".xml", Map.of("jurisdiction_id", OTHER),
                Open311Client.Auth.bearer(Open311Client.systemToken("hotline-x", OTHER, Scopes.ALL)), 404));
        rows.add(get("reading another district's requests", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT), otherDistrict, 403));
        rows.add(get("window over 90 days", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.minusDays(91).toString(), "end_date", now.toString()), key, 400));
        rows.add(get("start after end", "/open311/v2/requests.xml", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.toString(), "end_date", now.minusDays(1).toString()), key, 400));
        rows.add(get("date without offset", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", "2026-11-01T00:00:00"), key, 400));
        rows.add(get("date that is no date", "/open311/v2/requests.xml", Map.of("jurisdiction_id", DISTRICT,
                "end_date", "yesterday"), key, 400));
        rows.add(get("unknown status", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "status", "pending"), key, 400));
        rows.add(get("page_size 0", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "page_size", "0"), key, 400));
        rows.add(get("page_size over the limit", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT, "page_size", "5000"), key, 400));
        rows.add(get("page not a number", "/open311/v2/requests.xml", Map.of("jurisdiction_id", DISTRICT, "page", "last"), key, 400));
        rows.add(get("malformed request id in the list", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT,
                "service_request_id", "req-1,<script>"), key, 400));
        rows.add(get("updates window over 90 days", "/open311/v2/servicerequestupdates.xml", Map.of("jurisdiction_id", DISTRICT,
                "start_date", now.minusDays(100).toString(), "end_date", now.toString()), key, 400));
        rows.add(get("updates date without offset", "/open311/v2/servicerequestupdates.json", Map.of("jurisdiction_id", DISTRICT,
                "start_date", "2026-11-01"), key, 400));
        rows.add(get("no credentials where the jurisdiction has no public view", "/open311/v2/requests.json",
                Map.of("jurisdiction_id", OTHER), none, 403));
        rows.add(get("no credentials for subscriptions", "/open311/v2/subscriptions.xml", Map.of("jurisdiction_id", DISTRICT), none, 403));
        rows.add(get("api_key refused on a public read", "/open311/v2/requests.json", Map.of("jurisdiction_id", DISTRICT), wrongKey, 403));
        rows.add(get("subscriptions need requests:write", "/open311/v2/subscriptions.json", Map.of("jurisdiction_id", DISTRICT), readOnly, 403));
        rows.add(get("unknown subscription", "/open311/v2/subscriptions/sub-00000000-0000-0000-0000-000000000000.json",
                Map.of("jurisdiction_id", DISTRICT), key, 404));
        rows.add(new Row("callback_url not http(s)", HttpMethod.POST, "/open311/v2/subscriptions.json", Map.of(),
                form("jurisdiction_id", DISTRICT, "callback_url", "ftp://example.org/hook"), key, 400));
        rows.add(new Row("callback_url missing", HttpMethod.POST, "/open311/v2/subscriptions.xml", Map.of(),
                form("jurisdiction_id", DISTRICT), key, 400));
        rows.add(new Row("subscription to an unknown service_code", HttpMethod.POST, "/open311/v2/subscriptions.json", Map.of(),
                form("jurisdiction_id", DISTRICT, "callback_url", "http://127.0.0.1:9/hook", "service_code", "NOPE"), key, 400));

        for (String inside : List.of("http://169.254.169.254/latest/meta-data", "http://localhost:8080/hook",
                "http://127.0.0.2/hook", "http://10.0.0.8/hook", "http://[::1]/hook", "http://request-service:8080/hook",
                "http://kafka.practice.svc.cluster.local/hook")) {
            rows.add(new Row("callback_url inside the platform's network: " + inside, HttpMethod.POST,
                    "/open311/v2/subscriptions.json", Map.of(), form("jurisdiction_id", DISTRICT, "callback_url", inside),
                    key, 400));
        }

        SoftAssertions softly = new SoftAssertions();
        for (Row row : rows) {
            ResponseEntity<String> answer = row.method() == HttpMethod.POST
                    ? open311.postForm(row.path(), row.form(), row.auth())
                    : open311.get(row.path(), row.query(), row.auth());
            softly.assertThat(answer.getStatusCode().value()).as("%s: %s", row.what(), answer.getBody()).isEqualTo(row.status());
            softly.assertThat(answer.getBody()).as("%s leaks no stack trace", row.what()).isNotNull()
                    .doesNotContain("Exception").doesNotContain("at cloud.practice");
            if (answer.getBody() == null) {
                continue;
            }
            boolean xmlAsked = row.path().endsWith(".xml") || !row.path().endsWith(".json");
            if (xmlAsked) {
                softly.assertThat(String.valueOf(answer.getHeaders().getContentType())).as("%s content type", row.what())
                        .startsWith("text/xml");
                Document errors = Open311Client.xml(answer);
                softly.assertThat(Open311IT.text(errors, "/errors/error/code")).as("%s code", row.what())
                        .isEqualTo(Integer.toString(row.status()));
                softly.assertThat(Open311IT.text(errors, "/errors/error/description")).as("%s description", row.what())
                        .isNotBlank();
            } else {
                softly.assertThat(String.valueOf(answer.getHeaders().getContentType())).as("%s content type", row.what())
                        .startsWith("application/json");
                JsonNode errors = Open311Client.json(answer);
                softly.assertThat(errors.isArray() && errors.size() == 1).as("%s is one error: %s", row.what(), errors).isTrue();
                softly.assertThat(errors.path(0).path("code").asInt()).as("%s code", row.what()).isEqualTo(row.status());
                softly.assertThat(errors.path(0).path("description").asText()).as("%s description", row.what()).isNotBlank();
            }
        }
        softly.assertAll();

        // Nothing changed: no request, no subscription more than before.
        assertThat(total()).isEqualTo(requestsBefore);
        assertThat(Open311Client.json(open311.get("/open311/v2/subscriptions.json", Map.of("jurisdiction_id", DISTRICT))))
                .hasSize(subscriptionsBefore);
        // And the good order the rows were derived from is accepted (so the rows fail for their one reason).
        ResponseEntity<String> good = open311.postForm("/open311/v2/requests.json", order());
        assertThat(good.getStatusCode().value()).as(good.getBody()).isEqualTo(200);
    }

    /** A valid order with some parameters replaced (an empty value removes it). */
    private static MultiValueMap<String, String> order(String... replacements) {
        MultiValueMap<String, String> order = form("jurisdiction_id", DISTRICT, "service_code", "CARE-ESCORT",
                "lat", "29.507", "long", "106.511", "attribute[hospital]", "区人民医院");
        for (int i = 0; i < replacements.length; i += 2) {
            order.remove(replacements[i]);
        }
        for (int i = 0; i < replacements.length; i += 2) {
            if (!replacements[i + 1].isEmpty()) {
                order.add(replacements[i], replacements[i + 1]);
            }
        }
        return order;
    }

    private static MultiValueMap<String, String> withoutHospital() {
        MultiValueMap<String, String> order = order();
        order.remove("attribute[hospital]");
        return order;
    }

    private static Row post(String what, String format, MultiValueMap<String, String> form, Open311Client.Auth auth,
                            int status) {
        return new Row(what, HttpMethod.POST, "/open311/v2/requests." + format, Map.of(), form, auth, status);
    }

    private static Row get(String what, String path, Map<String, String> query, Open311Client.Auth auth, int status) {
        return new Row(what, HttpMethod.GET, path, query, null, auth, status);
    }

    private long total() {
        return json(operator.get("/api/v1/requests", Map.of("district", DISTRICT, "size", "1"))).get("total").asLong();
    }

    private static JsonNode json(ResponseEntity<String> response) {
        return Open311Client.json(response);
    }
}
