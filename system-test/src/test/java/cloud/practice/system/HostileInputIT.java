package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzzing pass generated from the services' own OpenAPI documents (as the gateway serves them): every operation
 * of every service is called through the gateway with hostile path values, query values and bodies — wrong types,
 * missing and huge fields, invalid unicode, injection-like strings, impossible coordinates and dates, unknown ids,
 * another district. Every answer must be a 4xx problem+json (on the Open311 surface: the spec's error list) without
 * a stack trace; never a 5xx. And the stores are unchanged: every service's MongoDB collections hold exactly what
 * they held before the pass ({@link StoreFingerprint}).
 */
@org.junit.jupiter.api.Order(1) // before any scenario starts SLA clocks that change the stores on their own
class HostileInputIT {

    static final List<String> SERVICES = List.of("hierarchy", "volunteer", "request", "reporting", "auth-server");
    static final List<String> HOSTILE = List.of("", " ", "x".repeat(5_000), "'; DROP TABLE units; --",
            "{\"$gt\":\"\"}", "../../etc/passwd", "<script>alert(1)</script>", "\uD800", "%00", "-1", "1e309",
            "NaN", "2026-13-45", "2026-01-01T00:00:00", "another-district", "不存在的编号");
    static final List<String> HOSTILE_BODIES = List.of("", "null", "[]", "\"text\"", "{", "{\"a\":", "12",
            "{\"" + "k".repeat(10_000) + "\":1}", "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]");

    record Finding(String call, int status, String body) {
    }

    @Test
    void shouldAnswerEveryHostileCallWithAClientErrorProblem() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        Map<String, String> before = StoreFingerprint.settled(java.time.Duration.ofSeconds(90));
        List<Finding> findings = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        int calls = 0;
        for (String service : SERVICES) {
            Api.Answer docs = Api.anonymous().get("/api-docs/" + service);
            assertThat(docs.status()).as(service + " docs").isEqualTo(200);
            JsonNode document = docs.json();
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    String method = operation.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                        continue;
                    }
                    for (Call call : calls(path.getKey(), method, operation.getValue(), document)) {
                        Api.Answer answer = ops.sendPastTheRateLimit(method, call.uri(), call.body(),
                                call.contentType());
                        calls++;
                        // Open311 answers errors in its own specified format: a list of code and description
                        // (the gateway's own refusals are problem+json everywhere)
                        boolean specified = answer.body().contains("\"type\":\"https://practice.cloud/problems/")
                                || call.uri().startsWith("/open311/")
                                && (answer.body().contains("<errors>") || answer.body().contains("\"description\""));
                        boolean problem = answer.status() >= 400 && answer.status() < 500 && specified
                                && !answer.body().contains("Exception") && !answer.body().contains("at cloud.practice");
                        if (answer.status() < 300 && !method.equals("GET")) {
                            accepted.add(method + " " + abbreviate(call.uri()) + " " + abbreviate(call.body()));
                        }
                        if (!problem && answer.status() >= 300) {
                            findings.add(new Finding(method + " " + abbreviate(call.uri()) + " " + abbreviate(call.body()),
                                    answer.status(), abbreviate(answer.body())));
                        }
                    }
                }
            }
        }
        System.out.printf("hostile calls: %d, answers that were not a 4xx problem: %d%n", calls, findings.size());
        findings.forEach(finding -> System.out.println("  " + finding));
        System.out.printf("changing calls that were accepted: %d%n", accepted.size());
        accepted.forEach(call -> System.out.println("  accepted: " + call));
        assertThat(calls).isGreaterThan(500);
        assertThat(findings).isEmpty();
        assertThat(accepted).as("changing calls with hostile input that were accepted").isEmpty();
        Map<String, String> after = StoreFingerprint.settled(java.time.Duration.ofSeconds(90));
        System.out.printf("stores compared before and after the pass: %d collections%n", after.size());
        assertThat(StoreFingerprint.differences(before, after)).as("collections the hostile calls changed").isEmpty();
    }

    record Call(String uri, String body, String contentType) {
    }

    /** Per operation: each hostile value in each path and query parameter, then each hostile body. */
    private static List<Call> calls(String template, String method, JsonNode operation, JsonNode document) {
        List<Call> calls = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        String validBody = operation.has("requestBody") ? "{}" : null;
        String contentType = contentType(operation);
        for (JsonNode target : parameters) {
            String in = target.path("in").asText();
            if (!in.equals("path") && !in.equals("query")) {
                continue;
            }
            for (String hostile : HOSTILE) {
                if (in.equals("path") && hostile.isEmpty()) {
                    continue; // an empty segment is another path, not this operation
                }
                if (!method.equals("GET") && wellFormed(hostile, target.path("schema"))) {
                    // A value the parameter's declared format admits ("another-district", "1e309" as a district)
                    // makes a well-formed command: PUT /menu/defaults?district=another-district with {} sets
                    // that district's defaults, as it should. Such writes are not hostile input; reads still get it.
                    continue;
                }
                calls.add(new Call(uri(template, parameters, target.path("name").asText(), hostile), validBody,
                        contentType));
            }
        }
        if (operation.has("requestBody")) {
            String uri = uri(template, parameters, null, null);
            for (String body : HOSTILE_BODIES) {
                calls.add(new Call(uri, body, contentType));
            }
            calls.add(new Call(uri, wrongTypes(operation, document), contentType));
        }
        return calls;
    }

    private static boolean wellFormed(String value, JsonNode schema) {
        return schema.has("pattern") && value.matches(schema.get("pattern").asText());
    }

    private static String contentType(JsonNode operation) {
        Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : "application/json";
    }

    /** Every property of the body's schema with a value of the wrong type. */
    private static String wrongTypes(JsonNode operation, JsonNode document) {
        JsonNode schema = operation.path("requestBody").path("content").elements().hasNext()
                ? operation.path("requestBody").path("content").elements().next().path("schema") : null;
        if (schema != null && schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            schema = document.path("components").path("schemas").path(name);
        }
        ObjectNode body = Api.JSON.createObjectNode();
        if (schema != null) {
            schema.path("properties").fields().forEachRemaining(property -> {
                String type = property.getValue().path("type").asText();
                switch (type) {
                    case "string" -> body.put(property.getKey(), 12345);
                    case "integer", "number" -> body.put(property.getKey(), "many");
                    case "boolean" -> body.put(property.getKey(), "perhaps");
                    case "array" -> body.put(property.getKey(), "not-a-list");
                    default -> body.putArray(property.getKey()).add(1);
                }
            });
        }
        return body.toString();
    }

    /** The URI with valid-looking values everywhere but the one hostile value. */
    private static String uri(String template, List<JsonNode> parameters, String hostileName, String hostile) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean isHostile = name.equals(hostileName);
            String value = isHostile ? hostile : plausible(name, parameter.path("schema"));
            if (value == null) {
                continue;
            }
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encoded);
            } else if (in.equals("query") && (isHostile || parameter.path("required").asBoolean()
                    || name.equals("district"))) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encoded);
            }
        }
        return path + query;
    }

    private static String plausible(String name, JsonNode schema) {
        if (name.equals("district")) {
            return "cq-fuzz";
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> schema.has("enum") ? schema.get("enum").get(0).asText()
                    : "date".equals(schema.path("format").asText()) ? "2026-01-01"
                    : "date-time".equals(schema.path("format").asText()) ? "2026-01-01T00:00:00Z" : "fuzz-1";
        };
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
