package cloud.practice.system;

import cloud.practice.system.OneOfEachKind.District;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import static cloud.practice.system.OneOfEachKind.KIND;
import static cloud.practice.system.OneOfEachKind.kind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenancy matrix, generated from the services' own OpenAPI documents as the gateway serves them (like
 * {@link HostileInputIT}): district B ({@code cq-yuzhong}) gets one of each kind of object, district A (the demo
 * identities' {@code cq-jiulongpo}) the same kinds, both through the platform-wide operator client. Then callers bound
 * to A — its district admin (the strongest person of A), its machine client {@code demo-hotline}, a resident and a
 * volunteer — call every operation of every service addressing B's objects by id:
 * <ul>
 *   <li><b>path</b>: B's ids in the path, {@code district=A} — and again with {@code district=B};</li>
 *   <li><b>query</b>: B's ids in every id filter ({@code volunteerId=}, {@code unitId=}, …), {@code district=A};</li>
 *   <li><b>body</b>: A's own objects in the path and a well-formed body whose every reference names A's objects but
 *       one, which names B's.</li>
 * </ul>
 * Each call is made twice: with B's existing id, and with an id of the same shape that exists nowhere (with
 * {@code district=B}: also a district that exists nowhere). The two answers must be identical (status and problem
 * type), so nothing tells a caller what exists in another district; path and district probes must be 403/404
 * problem+json; a body naming another district's object must be refused (4xx problem+json, usually 422 naming the
 * field) — never accepted; a list filtered by another district's id answers as for a missing id and shows none of
 * B's data. Every finding is collected and the test fails once with the whole list and the number of calls made; at
 * the end every store must hold exactly what it held before the pass ({@link StoreFingerprint}).
 *
 * <p>Setup also checks that A can use the same client-chosen local ids as B ({@code partner-1}, {@code pairing-1}):
 * ids are unique within a district, not across districts.
 */
@org.junit.jupiter.api.Order(2) // right after HostileInputIT: before scenarios start SLA clocks that change the stores
class TenancyMatrixIT {

    static final String A = Jiulongpo.DISTRICT;
    static final String B = "cq-yuzhong";
    static final String NOWHERE_DISTRICT = "cq-nowhere";
    static final List<String> SERVICES = HostileInputIT.SERVICES;
    static final String OPEN311_KEY = "demo-hotline:demo-hotline-secret";

    /**
     * Fields that name the object a call creates, not an existing one: with B's id they make A's own object of that
     * id, as they should (ids are unique per district). Not probed in bodies.
     */
    static final Map<String, Set<String>> CREATES = Map.of(
            "POST /api/v1/org-units", Set.of("unitId"),
            "POST /api/v1/org-units/import", Set.of("unitId"),
            "POST /api/v1/partners", Set.of("partnerId"),
            "POST /api/v1/pairings", Set.of("pairingId"),
            // the key of the entry it records (recording it twice is a no-op); hierarchy-service has no activities
            "POST /api/v1/pairings/{pairingId}/activities", Set.of("activityId"));


    /**
     * Upserts whose path names the object to create or replace: {@code PUT /menu/items/{code}} with B's code and
     * {@code district=A} defines A's own item of that code, as it should. Probed with {@code district=B} only.
     */
    static final Set<String> UPSERT_BY_PATH = Set.of("PUT /api/v1/menu/items/{code}");

    /**
     * The only operations without a {@code district} parameter: a person's own account (their district is their
     * account's), signing up (the district is in the body, checked against the tree), the projections' status and
     * rebuilds (platform-wide clients only), and checking a service certificate by its code (anonymous; the code,
     * unique across districts, names the certificate and so its district — ADR 0021), and the SMS provider's delivery
     * reports (anonymous, its shared secret; each report names a notice whose stored record holds the district — ADR
     * 0023), and the city level (ADR 0027: a city's reports, its analysts' accounts — scoped by the city, for the
     * city's analysts and platform-wide clients only; every caller bound to a district gets 403). Any other operation
     * without one is a finding: it could not be scoped.
     */
    static final Set<String> UNSCOPED = Set.of("GET /api/v1/people/me", "POST /api/v1/people/me/password",
            "POST /api/v1/people/codes", "POST /api/v1/people/residents", "GET /api/v1/reports/projections",
            "POST /api/v1/reports/projections/rebuild", "GET /api/v1/certificates/verify/{code}",
            "POST /api/v1/people/sms/reports", "GET /api/v1/reports/cities", "GET /api/v1/reports/cities/{city}/figures",
            "GET /api/v1/reports/cities/{city}/districts", "POST /api/v1/people/city-analysts",
            "GET /api/v1/people/city-analysts", "POST /api/v1/people/city-analysts/{accountId}/reset",
            "POST /api/v1/people/city-analysts/{accountId}/disable");

    /**
     * Well-formed bodies for the commands that take references, with A's own objects ({@code {kind}} placeholders);
     * other operations get a body generated from their schema.
     */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/requests/{requestId}/dispatch", """
                    {"volunteerIds":["{volunteer}"],"teamId":"{team}"}"""),
            Map.entry("POST /api/v1/requests/{requestId}/claim", """
                    {"teamId":"{team}","leaderId":"{volunteer}"}"""),
            Map.entry("POST /api/v1/requests", """
                    {"menuItem":"{menu}","community":"九龙园社区","channel":"PHONE","requesterId":"resident-wang"}"""),
            Map.entry("POST /api/v1/activities", """
                    {"unitId":"{station}","platform":"LEGAL","title":"矩阵活动","place":"活动室",
                     "startsAt":"2030-10-01T09:00:00Z","endsAt":"2030-10-01T11:00:00Z","volunteerCapacity":5,
                     "residentCapacity":5,"pairingId":"{pairing}"}"""),
            Map.entry("POST /api/v1/pairings", """
                    {"pairingId":"matrix-new","partnerId":"{partner}","stationIds":["{station}"],
                     "model":"ORGANISATION_PAIRING","activitiesPerQuarter":1,"startDate":"2026-01-01"}"""),
            Map.entry("POST /api/v1/pairings/{pairingId}/activities", """
                    {"stationId":"{station}","activityId":"{activity}","title":"矩阵","heldOn":"2026-06-01"}"""),
            Map.entry("POST /api/v1/teams", """
                    {"name":"矩阵队","unitId":"{station}","leaderVolunteerId":"{volunteer}","platforms":["LEGAL"],
                     "capacity":5}"""),
            Map.entry("POST /api/v1/volunteers", """
                    {"personal":{"name":"矩阵","phone":"13900007777","birthDate":"1980-01-01"},"homeUnitId":"{station}",
                     "skills":[{"platform":"LEGAL","level":1}],"availability":[],"contactConsent":true}"""),
            Map.entry("POST /api/v1/org-units/{unitId}/move", """
                    {"parentId":"{institute}","effectiveDate":"2030-01-01"}"""),
            Map.entry("POST /api/v1/org-units/{unitId}/merge", """
                    {"survivorId":"{station}","effectiveDate":"2030-01-01"}"""),
            Map.entry("POST /api/v1/org-units", """
                    {"unitId":"matrix-new","code":"MX-1","name":"矩阵站","tier":"STATION","parentId":"{institute}",
                     "communities":["矩阵社区"],"location":{"latitude":29.54,"longitude":106.46}}"""),
            Map.entry("POST /api/v1/org-units/import", """
                    [{"unitId":"matrix-new","code":"MX-1","name":"矩阵站","tier":"STATION","parentId":"{institute}",
                      "communities":["矩阵社区"],"location":{"latitude":29.54,"longitude":106.46}}]"""),
            Map.entry("PUT /api/v1/menu/items/{code}", """
                    {"name":"矩阵服务","platform":"LEGAL","minimumSkillLevel":5,"expectedMinutes":60,"peopleNeeded":1}"""),
            Map.entry("PUT /api/v1/volunteers/{volunteerId}/languages", """
                    {"languages":["zh-CN"]}"""),
            Map.entry("PUT /api/v1/volunteers/star-levels", """
                    {"thresholds":[10,20,30,40,50]}"""),
            Map.entry("POST /api/v1/requests/{requestId}/review", """
                    {"accept":true,"reviewerId":"admin-district"}"""),
            Map.entry("POST /api/v1/requests/{requestId}/rate", """
                    {"requesterId":"resident-wang","rating":5,"solved":true}"""));

    record Finding(String caller, String probe, String call, String detail) {
        @Override
        public String toString() {
            return caller + " | " + probe + " | " + call + " | " + detail;
        }
    }

    record Probe(String name, String method, String uri, String body, String contentType) {
    }

    final List<Finding> findings = new ArrayList<>();
    final Map<String, Integer> callsByCaller = new TreeMap<>();
    final Map<String, Integer> probesByKind = new TreeMap<>();
    /** Per probe (path, district, query, body): how many pairs got each answer, for the docs. */
    final Map<String, Map<String, Integer>> answersByProbe = new TreeMap<>();
    int calls;

    @Test
    void shouldAnswerAnotherDistrictsObjectsExactlyAsMissingOnesAndChangeNothing() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        long setupStart = System.nanoTime();
        // B first, then A: A's partner-1 and pairing-1 come second, where a colliding id would show.
        OneStationDistrict.create(ops, B, "yz", "渝中", "解放碑社区", 29.557, 106.577);
        District b = OneOfEachKind.seed(ops, B, "yz", "渝中", "s-yz", "i-yz", "解放碑社区", "CARE", 3, 2001);
        Jiulongpo.ensureTree(ops);
        District a = OneOfEachKind.seed(ops, A, "jlp", "九龙坡", "s-3-1", "i-3", "九龙园社区", "LEGAL", 1, 2002);
        for (District seeded : List.of(b, a)) {
            seeded.refusals().forEach(refusal -> findings.add(new Finding("local-ops", "setup", refusal.call(),
                    "a local id another district also uses: " + refusal.answer())));
        }
        Map<String, String> nowhere = new LinkedHashMap<>();
        b.objects().forEach((kind, id) -> nowhere.put(kind, nowhere(id)));
        System.out.printf("district B %s: %s%ndistrict A %s: %s%nsetup in %.1f s%n", B, b.objects(), A, a.objects(),
                (System.nanoTime() - setupStart) / 1e9);

        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Api.Answer docs = Api.anonymous().get("/api-docs/" + service);
            assertThat(docs.status()).as(service + " docs").isEqualTo(200);
            documents.put(service, docs.json());
        }
        // The pass takes under a minute: no escalation may fall inside it.
        StoreFingerprint.awaitNoDeadlineWithin(Duration.ofSeconds(60), Duration.ofMinutes(10));
        Map<String, String> before = StoreFingerprint.settled(Duration.ofSeconds(90));
        long passStart = System.nanoTime();
        Set<String> markers = markers(b);
        for (String caller : List.of("admin-district", "demo-hotline", "volunteer-li", "resident-wang")) {
            Api api = caller.startsWith("demo-") ? Api.client(caller, caller + "-secret")
                    : Api.person(caller, "practice-demo");
            int operations = 0;
            for (JsonNode document : documents.values()) {
                Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
                while (paths.hasNext()) {
                    Map.Entry<String, JsonNode> path = paths.next();
                    Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                    while (methods.hasNext()) {
                        Map.Entry<String, JsonNode> operation = methods.next();
                        String method = operation.getKey().toUpperCase();
                        if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                            continue;
                        }
                        operations++;
                        probe(api, caller, method, path.getKey(), operation.getValue(), document, a, b, nowhere, markers);
                    }
                }
            }
            System.out.printf("%s: %d operations, %d calls%n", caller, operations, callsByCaller.get(caller));
        }
        System.out.printf("tenancy matrix: %d calls (%d pairs) in %.1f s; probes by kind %s; findings %d%n", calls,
                calls / 2, (System.nanoTime() - passStart) / 1e9, probesByKind, findings.size());
        answersByProbe.forEach((probe, answers) -> System.out.printf("  %s pairs, answer to B's id: %s%n", probe, answers));
        findings.forEach(finding -> System.out.println("  " + finding));
        System.out.printf("pairs refused alike as malformed (400) before any lookup: %d%n", refusedAsMalformed.size());
        refusedAsMalformed.forEach(pair -> System.out.println("  400: " + pair));
        Map<String, String> after = StoreFingerprint.settled(Duration.ofSeconds(90));
        List<String> changed = StoreFingerprint.differences(before, after);
        System.out.printf("stores compared before and after the pass: %d collections, %d changed%n", after.size(),
                changed.size());
        changed.forEach(change -> System.out.println("  changed: " + change));
        assertThat(calls).isGreaterThan(1_000);
        assertThat(findings).as(findings.size() + " findings in " + calls + " calls").isEmpty();
        assertThat(changed).as("collections the cross-district calls changed").isEmpty();
    }

    // ------------------------------------------------------------------------------------------- the probes

    private void probe(Api api, String caller, String method, String template, JsonNode operation, JsonNode document,
                       District a, District b, Map<String, String> nowhere, Set<String> markers) throws Exception {
        String op = method + " " + template;
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        String contentType = contentType(operation);
        // A photo upload gets a readable multipart body (its file is never looked at: the ids decide first).
        boolean upload = contentType.startsWith("multipart/form-data");
        if (upload) {
            contentType = PhotoUpload.CONTENT_TYPE;
        }
        boolean form = contentType.contains("form");
        JsonNode baseBody = operation.has("requestBody") && !form && !contentType.contains("csv")
                ? body(op, operation, document, a) : null;
        String body = upload ? PhotoUpload.textUpload()
                : baseBody == null ? (operation.has("requestBody") ? "" : null) : baseBody.toString();
        boolean open311 = template.startsWith("/open311/");
        boolean hasPathIds = parameters.stream().anyMatch(p -> p.path("in").asText().equals("path")
                && kind(p.path("name").asText(), template) != null);

        // path: B's ids, addressed inside A, then inside B (the district that exists nowhere for the missing pair)
        parameters.stream().filter(p -> p.path("in").asText().equals("path"))
                .map(p -> kind(p.path("name").asText(), template)).filter(java.util.Objects::nonNull)
                .forEach(kind -> probesByKind.merge(kind, 1, Integer::sum));
        if (hasPathIds && !UPSERT_BY_PATH.contains(op)) {
            compare(api, caller, "path", op, method, contentType, body,
                    uri(template, parameters, A, b.objects(), a, null, null),
                    uri(template, parameters, A, nowhere, a, null, null), Expect.MISSING, markers, open311);
        }
        boolean hasDistrict = parameters.stream().anyMatch(p -> p.path("name").asText().equals("district"));
        // (Spring's /error shows up in some documents; it is no operation of the API.)
        if (!open311 && !hasDistrict && template.startsWith("/api/") && !UNSCOPED.contains(op)) {
            findings.add(new Finding(caller, "district", op, "no district parameter: the operation cannot be scoped"));
        } else if (!open311 && hasDistrict) {
            compare(api, caller, "district", op, method, contentType, body,
                    uri(template, parameters, B, b.objects(), a, null, null),
                    uri(template, parameters, NOWHERE_DISTRICT, nowhere, a, null, null), Expect.MISSING, markers, false);
        } else if (open311 && parameters.stream().anyMatch(p -> p.path("name").asText().equals("jurisdiction_id"))) {
            compare(api, caller, "district", op, method, contentType, body,
                    uri(template, parameters, A, a.objects(), a, "jurisdiction_id", B),
                    uri(template, parameters, A, a.objects(), a, "jurisdiction_id", NOWHERE_DISTRICT),
                    Expect.MISSING, markers, true);
        }
        // query: every id filter names B's object, everything else A's own
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String kind = kind(name, template);
            if (!parameter.path("in").asText().equals("query") || kind == null || b.of(kind) == null) {
                continue;
            }
            probesByKind.merge(kind, 1, Integer::sum);
            compare(api, caller, "query " + name, op, method, contentType, body,
                    uri(template, parameters, A, a.objects(), a, name, b.of(kind)),
                    uri(template, parameters, A, a.objects(), a, name, nowhere.get(kind)),
                    method.equals("GET") ? Expect.NOTHING_OF_B : Expect.REFUSED, markers, open311);
        }
        // body: A's own objects in the path, one reference of the body naming B's object. A volunteer accepts or
        // declines only what was offered: those probes address A's request offered to A's volunteer, so the state
        // admits the command and only the reference decides.
        if (baseBody != null) {
            Map<String, String> path = a.objects();
            if (template.endsWith("/accept") || template.endsWith("/decline")) {
                path = new LinkedHashMap<>(a.objects());
                path.put("request", a.of("offeredRequest"));
            }
            String own = uri(template, parameters, A, path, a, null, null);
            for (Reference reference : references(baseBody, op)) {
                String kind = reference.kind();
                if (b.of(kind) == null) {
                    continue;
                }
                probesByKind.merge(kind, 1, Integer::sum);
                compare(api, caller, "body " + reference.path(), op, method, contentType, null, own, own,
                        Expect.REFUSED, markers, open311, reference.with(baseBody, b.of(kind)),
                        reference.with(baseBody, nowhere.get(kind)));
            }
        }
    }

    enum Expect {
        /** 403 or 404 problem+json (Open311: its own error format), the same for both. */
        MISSING,
        /** A 4xx problem, the same for both: a reference to another district's object is never accepted. */
        REFUSED,
        /**
         * The same answer for both; a 2xx is allowed (a list filtered by an id of nothing is an empty list) but shows
         * nothing of B's.
         */
        NOTHING_OF_B
    }

    private void compare(Api api, String caller, String probe, String op, String method, String contentType,
                         String body, String existingUri, String missingUri, Expect expect, Set<String> markers,
                         boolean open311) throws Exception {
        compare(api, caller, probe, op, method, contentType, body, existingUri, missingUri, expect, markers, open311,
                body, body);
    }

    private void compare(Api api, String caller, String probe, String op, String method, String contentType,
                         String ignored, String existingUri, String missingUri, Expect expect, Set<String> markers,
                         boolean open311, String existingBody, String missingBody) throws Exception {
        Api.Answer existing = send(api, caller, method, existingUri, existingBody, contentType);
        Api.Answer missing = send(api, caller, method, missingUri, missingBody, contentType);
        answersByProbe.computeIfAbsent(probe.split(" ")[0], key -> new TreeMap<>())
                .merge(existing.status() + (type(existing).isEmpty() ? "" : " " + type(existing)), 1, Integer::sum);
        String call = method + " " + abbreviate(existingUri) + (existingBody == null || existingBody.isEmpty() ? ""
                : " " + abbreviate(existingBody));
        String answers = "B's id → " + existing.status() + " " + type(existing) + "; nowhere → " + missing.status()
                + " " + type(missing);
        if (existing.status() != missing.status() || !type(existing).equals(type(missing))) {
            findings.add(new Finding(caller, probe, call, "answers differ: " + answers + " (" + abbreviate(existing.body())
                    + ")"));
            return;
        }
        boolean problem = problem(existing, open311);
        switch (expect) {
            case MISSING -> {
                // 400 is accepted when both answers are the same refusal of the request's form (checked before the
                // lookup); a well-formed call answers 403/404
                if (!problem || !List.of(400, 403, 404).contains(existing.status())) {
                    findings.add(new Finding(caller, probe, call, "expected 403/404 problem: " + answers + " ("
                            + abbreviate(existing.body()) + ")"));
                } else if (existing.status() == 400) {
                    refusedAsMalformed.add(caller + " | " + probe + " | " + op + " | " + abbreviate(existing.body()));
                }
            }
            case REFUSED -> {
                if (existing.status() < 300) {
                    findings.add(new Finding(caller, probe, call, "accepted a reference to another district's object"
                            + " and to one that exists nowhere: " + answers));
                } else if (!problem) {
                    findings.add(new Finding(caller, probe, call, "expected a 4xx problem: " + answers + " ("
                            + abbreviate(existing.body()) + ")"));
                } else if (existing.status() == 400) {
                    refusedAsMalformed.add(caller + " | " + probe + " | " + op + " | " + abbreviate(existing.body()));
                }
            }
            case NOTHING_OF_B -> {
                if (existing.status() >= 300 && !problem) {
                    findings.add(new Finding(caller, probe, call, "expected a 4xx problem: " + answers));
                }
                String leaked = markers.stream().filter(marker -> existing.body().contains(marker)
                        && !existingUri.contains(URLEncoder.encode(marker, StandardCharsets.UTF_8))).findFirst()
                        .orElse(null);
                if (existing.status() < 300 && leaked != null) {
                    findings.add(new Finding(caller, probe, call, "shows B's " + leaked + ": " + abbreviate(existing.body())));
                }
            }
        }
    }

    final List<String> refusedAsMalformed = new ArrayList<>();

    private Api.Answer send(Api api, String caller, String method, String uri, String body, String contentType)
            throws Exception {
        Api.Answer answer = api.sendPastTheRateLimit(method, uri, body, contentType);
        calls++;
        callsByCaller.merge(caller, 1, Integer::sum);
        return answer;
    }

    private static boolean problem(Api.Answer answer, boolean open311) {
        boolean specified = answer.body().contains("\"type\":\"https://practice.cloud/problems/")
                || open311 && (answer.body().contains("<errors>") || answer.body().contains("\"description\""));
        return answer.status() >= 400 && answer.status() < 500 && specified
                && !answer.body().contains("Exception") && !answer.body().contains("at cloud.practice");
    }

    /** The problem type (or Open311's error code), for comparing two refusals. */
    private static String type(Api.Answer answer) {
        try {
            JsonNode json = Api.JSON.readTree(answer.body());
            if (json != null && json.has("type")) {
                return json.get("type").asText().replace("https://practice.cloud/problems/", "");
            }
            if (json != null && json.isArray() && json.size() > 0 && json.get(0).has("code")) {
                return "open311:" + json.get(0).get("code").asText();
            }
        } catch (Exception e) {
            // not JSON: the status alone
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------- ids and uris

    /**
     * The URI with {@code district} and the path ids taken from {@code ids} (A's own or the probe's), and the one
     * query parameter {@code probed} set to {@code value}; required query parameters get A's own or plausible values.
     */
    private static String uri(String template, List<JsonNode> parameters, String district, Map<String, String> ids,
                              District a, String probed, String value) {
        String path = template;
        StringBuilder query = new StringBuilder();
        boolean hasDistrict = false;
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String kind = kind(name, template);
            String v;
            if (name.equals(probed)) {
                v = value;
            } else if (name.equals("district")) {
                v = district;
                hasDistrict = true;
            } else if (name.equals("jurisdiction_id")) {
                v = A;
            } else if (name.equals("api_key")) {
                v = OPEN311_KEY;
            } else if (in.equals("path") && kind != null) {
                v = ids.getOrDefault(kind, a.of(kind));
                if (name.equals("file")) {
                    v = v + ".json";
                }
            } else if (in.equals("path")) {
                v = name.equals("format") ? "json" : name.equals("userId") ? "matrix-user"
                        : name.equals("id") || name.equals("file") ? "matrix-subscription" + (name.equals("file")
                        ? ".json" : "") : "matrix";
            } else if (parameter.path("required").asBoolean()) {
                v = kind != null ? a.of(kind) : plausible(name, parameter.path("schema"));
            } else {
                continue;
            }
            if (v == null) {
                continue;
            }
            String encoded = URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encoded);
            } else {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encoded);
            }
        }
        if (!hasDistrict && !template.startsWith("/open311/")) {
            query.append(query.isEmpty() ? "?" : "&").append("district=").append(district);
        }
        return path + query;
    }

    private static String plausible(String name, JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> schema.has("enum") ? schema.get("enum").get(0).asText()
                    : "date".equals(schema.path("format").asText()) ? "2026-06-01"
                    : "date-time".equals(schema.path("format").asText()) ? "2026-06-01T00:00:00Z"
                    : name.equals("to") ? "2026-12-31" : name.equals("from") ? "2026-01-01" : "matrix";
        };
    }

    /** An id of the same shape that exists nowhere: its UUID replaced, or its last characters changed. */
    static String nowhere(String id) {
        java.util.regex.Matcher uuid = java.util.regex.Pattern
                .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(id);
        if (uuid.find()) {
            return id.substring(0, uuid.start()) + UUID.randomUUID() + id.substring(uuid.end());
        }
        return id.length() > 3 ? id.substring(0, id.length() - 2) + "zq" : id + "zq";
    }

    /** What of B's must never show in an answer to A's callers: its ids and names. */
    private static Set<String> markers(District b) {
        Set<String> markers = new java.util.TreeSet<>(b.objects().values());
        markers.removeIf(id -> id.equals("center"));
        markers.add("渝中");
        markers.add(B);
        return markers;
    }

    // ------------------------------------------------------------------------------------------- bodies

    /** JSON where the operation takes it (the tree import also takes CSV), else its one content type. */
    private static String contentType(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        Iterator<String> types = content.fieldNames();
        return content.has("application/json") || !types.hasNext() ? "application/json" : types.next();
    }

    /** A well-formed body naming A's own objects: from {@link #BODIES}, or generated from the schema. */
    private static JsonNode body(String op, JsonNode operation, JsonNode document, District a) throws Exception {
        String known = BODIES.get(op);
        if (known != null) {
            for (Map.Entry<String, String> object : a.objects().entrySet()) {
                known = known.replace("{" + object.getKey() + "}", object.getValue());
            }
            return Api.JSON.readTree(known);
        }
        JsonNode content = operation.path("requestBody").path("content");
        JsonNode schema = (content.has("application/json") ? content.get("application/json")
                : content.elements().next()).path("schema");
        return generate("body", schema, document, a, 0);
    }

    private static JsonNode generate(String name, JsonNode schema, JsonNode document, District a, int depth) {
        schema = HostileCalls.resolve(schema, document);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String kind = KIND.get(name);
        switch (type) {
            case "object" -> {
                ObjectNode object = Api.JSON.createObjectNode();
                if (depth > 4) {
                    return object;
                }
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || KIND.containsKey(property.getKey())) {
                        object.set(property.getKey(), generate(property.getKey(), property.getValue(), document, a,
                                depth + 1));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = Api.JSON.createArrayNode();
                array.add(generate(name, schema.path("items"), document, a, depth + 1));
                return array;
            }
            case "integer" -> {
                return Api.JSON.getNodeFactory().numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            }
            case "number" -> {
                return Api.JSON.getNodeFactory().numberNode(name.equals("latitude") ? 29.54
                        : name.equals("longitude") ? 106.46 : Math.max(1, schema.path("minimum").asDouble(1)));
            }
            case "boolean" -> {
                return Api.JSON.getNodeFactory().booleanNode(true);
            }
            default -> {
                String format = schema.path("format").asText();
                String value = kind != null && a.of(kind) != null ? a.of(kind)
                        : schema.has("enum") ? schema.get("enum").get(0).asText()
                        : format.equals("date") ? (name.toLowerCase().contains("end") ? "2030-12-31" : "2030-01-01")
                        : format.equals("date-time") ? (name.toLowerCase().contains("end")
                        ? "2030-10-01T11:00:00Z" : "2030-10-01T09:00:00Z")
                        : name.equals("phone") ? "13900008888" : name.equals("day") ? "MONDAY"
                        : name.equals("from") ? "09:00" : name.equals("to") ? "12:00"
                        : name.equals("districtId") || name.equals("district") ? A : "matrix";
                return Api.JSON.getNodeFactory().textNode(value);
            }
        }
    }

    /** One reference in a body: where it is (a JSON pointer) and what kind of object it names. */
    record Reference(String path, String kind) {
        String with(JsonNode body, String id) {
            JsonNode copy = body.deepCopy();
            String parent = path.substring(0, path.lastIndexOf('/'));
            String last = path.substring(path.lastIndexOf('/') + 1);
            JsonNode container = parent.isEmpty() ? copy : copy.at(parent);
            if (container.isArray()) {
                ((ArrayNode) container).set(Integer.parseInt(last), Api.JSON.getNodeFactory().textNode(id));
            } else {
                ((ObjectNode) container).put(last, id);
            }
            return copy.toString();
        }
    }

    /** Every string in the body under a reference's name (and each element of a list of them), but created ids. */
    static List<Reference> references(JsonNode body, String op) {
        List<Reference> found = new ArrayList<>();
        collect(body, "", null, CREATES.getOrDefault(op, Set.of())::contains, found);
        return found;
    }

    private static void collect(JsonNode node, String pointer, String name, Predicate<String> created,
                                List<Reference> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(field.getValue(), pointer + "/" + field.getKey(),
                    field.getKey(), created, found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, name, created, found);
            }
        } else if (node.isTextual() && name != null && KIND.containsKey(name) && !created.test(name)) {
            found.add(new Reference(pointer, KIND.get(name)));
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
