package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The calls of {@link HostileInputIT}, generated from one operation of an OpenAPI document: a well-formed call that
 * names real objects (the seeded ids), changed in one place at a time — one path or query parameter, one body field,
 * or the whole body — to a value the operation's declared schema (or the rule named with it) forbids. Each such call
 * must be refused. The few probes that may legitimately be answered (odd text in a free-text filter of a read) are
 * marked {@link Expect#ANSWERED}.
 */
final class HostileCalls {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** In a body: the field is left out. */
    static final JsonNode MISSING = MissingNode.getInstance();
    /** In a body's text: replaced by bytes that are not UTF-8 (a lead byte without its continuation, and so on). */
    static final String INVALID_UTF8 = "\u0001invalid-utf-8\u0001";
    private static final byte[] INVALID_UTF8_BYTES = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xFF};
    /** In a body's text: replaced by the JSON escape of a lone high surrogate (no character of Unicode). */
    static final String LONE_SURROGATE = "\u0001lone-surrogate\u0001";

    /**
     * Odd text: what an attacker or a broken client sends where a text goes — nothing, blank, 5,000 characters, SQL
     * and MongoDB injection, path traversal, markup, a percent escape, another script, a direction override. (Odd
     * numbers and dates go where numbers and dates go.)
     */
    static final List<String> ODD_TEXT = List.of("", " ", "x".repeat(5_000), "'; DROP TABLE units; --",
            "{\"$gt\":\"\"}", "../../etc/passwd", "<script>alert(1)</script>", "%00", "不存在的编号", "a\u202Eb");
    /** Where an id goes: odd text that reaches a lookup if its format is not checked first. */
    static final List<String> ODD_IDS = List.of("x".repeat(5_000), "'; DROP TABLE units; --", "../../etc/passwd",
            "不存在的编号");
    /** Odd text in a free-text filter of a read: what reaches a query or a regular expression. */
    static final List<String> ODD_FILTERS = List.of("'; DROP TABLE units; --", "{\"$gt\":\"\"}", ".*(a+)+$");
    /** Candidates for a valid value of a string with a pattern: the first that matches is taken. */
    private static final List<String> PATTERN_SAMPLES = List.of("fuzz", "zh-CN", "fz-new", "13900008888", "123456",
            "500103", "023-68881234", "json", "11010119900307888X",
            // an activity check-in code's shape (PCI1.<activity>.<window>.<signature>): well formed, never genuine
            "PCI1.fuzz.1.fuzz");

    enum Expect {
        /** The value violates the operation's contract: a 4xx problem, never a 2xx. */
        REFUSED,
        /** Odd but not forbidden (text in a free-text filter of a read): any answer but a 5xx, 401 or 429. */
        ANSWERED
    }

    /** One call: the operation, what was made hostile (e.g. {@code body /personal/phone: pattern '<script>…'}). */
    record Call(String op, String what, String role, String method, String uri, byte[] body, String contentType,
                Expect expect) {
        PacedClients.Request request() {
            return new PacedClients.Request(role, method, uri, body, contentType);
        }

        String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One operation of a service's document. */
    record Operation(String method, String template, JsonNode operation, JsonNode document) {
        String key() {
            return method + " " + template;
        }

        boolean open311() {
            return template.startsWith("/open311/");
        }

        boolean changes() {
            return !method.equals("GET");
        }
    }

    /** One field of a body: its name, where it is, the schemas along the way (to build missing parents). */
    private record Field(String name, JsonNode schema, boolean required, boolean item, List<Object> path,
                         List<JsonNode> schemas, List<String> names) {
        String pointer() {
            StringBuilder pointer = new StringBuilder();
            path.forEach(step -> pointer.append('/').append(step));
            return pointer.toString();
        }
    }

    /** A hostile value and what it is. */
    private record Hostile(String label, JsonNode value) {
    }

    /** A hostile parameter value (null: the parameter left out), as text or already percent-encoded. */
    private record ParameterValue(String label, String value, boolean encoded, Expect expect) {
    }

    private final String district;
    /** The community the fuzz district's station covers (orders and grids name it). */
    private final String community;
    private final String jurisdiction;
    private final Map<String, String> ids;
    private final Map<String, String> open311Ids;
    /** Per operation: fields that name the object the call creates (not an existing one). */
    private final Map<String, Set<String>> creates;

    /**
     * @param ids        the fuzz district's objects by kind ({@link OneOfEachKind} plus account, client, manager)
     * @param open311Ids the Open311 jurisdiction's menu item and request (Open311 serves only its configured one)
     */
    HostileCalls(String district, String community, Map<String, String> ids, String jurisdiction,
                 Map<String, String> open311Ids, Map<String, Set<String>> creates) {
        this.district = district;
        this.community = community;
        this.ids = ids;
        this.jurisdiction = jurisdiction;
        this.open311Ids = open311Ids;
        this.creates = creates;
    }

    /** Every hostile call of the operation. */
    List<Call> of(Operation op) {
        List<Call> calls = new ArrayList<>();
        List<JsonNode> parameters = parameters(op);
        String role = op.open311() ? "open311" : "fuzz";
        boolean upload = multipart(op);
        JsonNode base = upload ? null : validBody(op);
        byte[] baseBody = upload ? PhotoUpload.valid() : base == null ? null : base.toString().getBytes(StandardCharsets.UTF_8);
        String contentType = upload ? PhotoUpload.CONTENT_TYPE : "application/json";
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            List<ParameterValue> values = in.equals("path") ? pathValues(op, name, parameter.path("schema"))
                    : in.equals("query") ? queryValues(op, name, parameter.path("schema"),
                    parameter.path("required").asBoolean()) : List.of();
            for (ParameterValue value : values) {
                calls.add(new Call(op.key(), in + " " + name + ": " + value.label(), role, op.method(),
                        uri(op, parameters, name, value), baseBody, contentType, value.expect()));
            }
        }
        if (upload) {
            String uri = uri(op, parameters, null, null);
            PhotoUpload.hostile().forEach((what, body) -> calls.add(new Call(op.key(), "upload: " + what, role,
                    op.method(), uri, body.body(), body.contentType(), Expect.REFUSED)));
        }
        if (base != null) {
            String uri = uri(op, parameters, null, null);
            for (Map.Entry<String, byte[]> body : wholeBodies(op, base).entrySet()) {
                calls.add(new Call(op.key(), "body: " + body.getKey(), role, op.method(), uri, body.getValue(),
                        body.getKey().startsWith("as ") ? body.getKey().substring(3) : contentType, Expect.REFUSED));
            }
            for (Field field : fields(op)) {
                for (Hostile hostile : hostile(op, field)) {
                    calls.add(new Call(op.key(), "body " + field.pointer() + ": " + hostile.label(), role, op.method(),
                            uri, bytes(with(op, base, field, hostile.value())), contentType, Expect.REFUSED));
                }
            }
        }
        return calls;
    }

    /** The operation's well-formed call: real ids, required parameters, a valid body (null without one). */
    Call valid(Operation op) {
        if (multipart(op)) {
            return new Call(op.key(), "valid", "fuzz", op.method(), uri(op, parameters(op), null, null),
                    PhotoUpload.valid(), PhotoUpload.CONTENT_TYPE, Expect.ANSWERED);
        }
        JsonNode body = validBody(op);
        return new Call(op.key(), "valid", op.open311() ? "open311" : "fuzz", op.method(),
                uri(op, parameters(op), null, null),
                body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), "application/json",
                Expect.ANSWERED);
    }

    private static List<JsonNode> parameters(Operation op) {
        List<JsonNode> parameters = new ArrayList<>();
        op.operation().path("parameters").forEach(parameters::add);
        return parameters;
    }

    // ------------------------------------------------------------------------------------------- parameters

    /** A path value other than the real one names nothing: each must be refused (an upsert's new code aside). */
    private List<ParameterValue> pathValues(Operation op, String name, JsonNode schema) {
        List<ParameterValue> values = new ArrayList<>();
        String real = pathValue(op, name);
        boolean upsert = op.method().equals("PUT") && op.template().startsWith("/api/v1/menu/items/{code}");
        List<String> candidates = new ArrayList<>(ODD_IDS);
        candidates.remove("不存在的编号");
        if (name.equals("file")) {
            candidates.add(TenancyMatrixIT.nowhere(real.replace(".json", "")) + ".json");
            candidates.add(real.replace(".json", ".exe"));
        } else if (name.equals("format")) {
            candidates.add("exe");
        } else {
            candidates.add(TenancyMatrixIT.nowhere(real));
        }
        for (String candidate : candidates) {
            if (candidate.equals(real) || upsert && matches(schema, candidate)) {
                continue; // PUT /menu/items/{code} with a well-formed new code defines that item, as it should
            }
            values.add(new ParameterValue(quote(candidate), candidate, false, Expect.REFUSED));
        }
        values.add(new ParameterValue("invalid UTF-8", "%C3%28%FF", true, Expect.REFUSED));
        values.add(new ParameterValue("NUL", real + "%00", true, Expect.REFUSED));
        return values;
    }

    private List<ParameterValue> queryValues(Operation op, String name, JsonNode schema, boolean required) {
        List<ParameterValue> values = new ArrayList<>();
        if (name.equals("api_key")) {
            return values;
        }
        if (name.equals("district") || name.equals("jurisdiction_id")) {
            // the callers are clients of one district: any other value (malformed, or a district that exists
            // nowhere) is refused — 400, 403 or 404
            // (every district parameter is checked by the same pattern: one malformed value per operation)
            for (String candidate : List.of("cq-nowhere", "{\"$gt\":\"\"}")) {
                values.add(new ParameterValue(quote(candidate), candidate, false, Expect.REFUSED));
            }
            if (required) {
                values.add(new ParameterValue("missing", null, false, Expect.REFUSED));
            }
            return values;
        }
        if (required) {
            values.add(new ParameterValue("missing", null, false, Expect.REFUSED));
        }
        List<String> forbidden = forbiddenParameterValues(name, schema);
        forbidden.forEach(value -> values.add(new ParameterValue(quote(value), value, false, Expect.REFUSED)));
        if (!forbidden.isEmpty() && !schema.has("pattern")) {
            return values;
        }
        // Text with a pattern: what the pattern forbids is refused. Free text: odd values are allowed in a read (a
        // name filter may hold an apostrophe) and must not break it; with a write (Open311's subscription
        // parameters: a callback URL, a service code, a delivery id) none of them is a legitimate value.
        for (String candidate : schema.has("pattern") ? ODD_TEXT : op.changes() ? ODD_IDS : ODD_FILTERS) {
            if (candidate.isEmpty() && !required) {
                continue; // an empty optional parameter is an absent one: its documented default
            }
            if (schema.has("pattern") && matches(schema, candidate)) {
                continue;
            }
            values.add(new ParameterValue(quote(candidate), candidate, false,
                    schema.has("pattern") || op.changes() ? Expect.REFUSED : Expect.ANSWERED));
        }
        return values;
    }

    /**
     * Values a parameter's declared type or format forbids; plain text parameters whose documentation names a type
     * (the reports' from/to are days, page and size numbers; Open311's dates) are held to it. Empty: free text.
     */
    private static List<String> forbiddenParameterValues(String name, JsonNode schema) {
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText();
        List<String> forbidden = new ArrayList<>();
        if (schema.has("enum")) {
            forbidden.add("NOT_A_VALUE");
        } else if (type.equals("integer") || List.of("page", "size", "page_size", "limit").contains(name)) {
            forbidden.addAll(List.of("many", "1.5", "1e309", "99999999999", "-1", "NaN"));
            if (schema.has("minimum") && schema.get("minimum").asLong() > 0) {
                forbidden.add(Long.toString(schema.get("minimum").asLong() - 1));
            }
            if (schema.has("maximum")) {
                forbidden.add(Long.toString(schema.get("maximum").asLong() + 1));
            }
        } else if (type.equals("number")) {
            forbidden.addAll(List.of("many", "NaN", "Infinity"));
            if (schema.has("minimum")) {
                forbidden.add(Double.toString(schema.get("minimum").asDouble() - 1));
            }
            if (schema.has("maximum")) {
                forbidden.add(Double.toString(schema.get("maximum").asDouble() + 1));
            }
        } else if (type.equals("boolean")) {
            forbidden.addAll(List.of("perhaps", "2"));
        } else if (format.equals("date")) {
            forbidden.addAll(List.of("2026-13-45", "2026-02-30", "yesterday", "2026-01-01T00:00:00Z", "-1"));
        } else if (format.equals("date-time")) {
            forbidden.addAll(List.of("2026-01-01T00:00:00", "2026-13-45T00:00:00Z", "yesterday", "-1"));
        } else if (List.of("from", "to", "start_date", "end_date").contains(name)) {
            forbidden.addAll(List.of("2026-13-45", "yesterday"));
        }
        return forbidden;
    }

    private String pathValue(Operation op, String name) {
        if (op.open311()) {
            return switch (name) {
                case "format" -> "json";
                case "file" -> op.template().contains("/requests/") ? open311Ids.get("request") + ".json"
                        : op.template().contains("/services/") ? open311Ids.get("menu") + ".json"
                        : "fuzz-subscription.json";
                default -> "fuzz-subscription"; // no subscription is made: a webhook would keep calling out
            };
        }
        String kind = switch (name) {
            case "accountId" -> "account";
            case "clientId" -> "client";
            case "userId" -> "manager";
            default -> OneOfEachKind.kind(name, op.template());
        };
        return kind != null && ids.containsKey(kind) ? ids.get(kind) : "fuzz";
    }

    /** The URI with real values everywhere but {@code hostileName}, which gets {@code hostile} (null: none). */
    private String uri(Operation op, List<JsonNode> parameters, String hostileName, ParameterValue hostile) {
        String path = op.template();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value;
            boolean encoded = false;
            if (name.equals(hostileName)) {
                if (hostile.value() == null) {
                    continue;
                }
                value = hostile.value();
                encoded = hostile.encoded();
            } else if (in.equals("path")) {
                value = pathValue(op, name);
            } else if (!in.equals("query")) {
                continue;
            } else if (name.equals("district")) {
                value = district;
            } else if (name.equals("jurisdiction_id")) {
                value = jurisdiction;
            } else if (parameter.path("required").asBoolean()) {
                String kind = OneOfEachKind.kind(name, op.template());
                value = kind != null && ids.containsKey(kind) ? ids.get(kind)
                        : text(validValue(name, parameter.path("schema"), op, 0));
            } else {
                continue;
            }
            String encodedValue = encoded ? value
                    : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encodedValue);
            } else {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encodedValue);
            }
        }
        return path + query;
    }

    // ------------------------------------------------------------------------------------------- bodies

    /** Whether the operation takes a file (multipart/form-data: a photo of a service) rather than JSON. */
    private static boolean multipart(Operation op) {
        JsonNode content = op.operation().path("requestBody").path("content");
        return content.has("multipart/form-data") && !content.has("application/json");
    }

    /** The schema of the JSON body, or null when the operation takes none. */
    private static JsonNode bodySchema(Operation op) {
        JsonNode content = op.operation().path("requestBody").path("content");
        if (content.isMissingNode() || !content.elements().hasNext()) {
            return null;
        }
        JsonNode schema = resolve((content.has("application/json") ? content.get("application/json")
                : content.elements().next()).path("schema"), op.document());
        if (op.template().equals("/api/v1/volunteers/imports") && op.method().equalsIgnoreCase("POST")) {
            // A roster is read by volunteer-service itself (CSV or JSON, so the document says "string"): as JSON, a
            // list of rows whose cells are text (their rules — check characters, units — are the service's).
            ObjectNode row = NODES.objectNode().put("type", "object");
            ObjectNode cells = row.putObject("properties");
            for (String cell : List.of("name", "idNumber", "phone", "homeUnit")) {
                cells.putObject(cell).put("type", "string").put("maxLength", 50);
            }
            row.putArray("required").add("name").add("idNumber").add("phone").add("homeUnit");
            return NODES.objectNode().put("type", "array").put("maxItems", 3).set("items", row);
        }
        if (op.template().equals("/api/v1/org-units/import")) {
            // The tree import reads its body itself (JSON or CSV, so the document says "string"): a list of the
            // rows the single establishment takes.
            return NODES.objectNode().put("type", "array").set("items",
                    op.document().path("components").path("schemas").path("EstablishUnit"));
        }
        return schema;
    }

    private JsonNode validBody(Operation op) {
        JsonNode schema = bodySchema(op);
        return schema == null ? null : generate("body", schema, op, 0, 0);
    }

    private static boolean optionalBody(Operation op) {
        return !op.operation().path("requestBody").path("required").asBoolean();
    }

    /** The body replaced as a whole: not JSON, JSON of the wrong shape, nothing, too deep, another content type. */
    private Map<String, byte[]> wholeBodies(Operation op, JsonNode base) {
        JsonNode schema = bodySchema(op);
        boolean list = schema.path("type").asText().equals("array");
        boolean hasRequired = schema.path("required").size() > 0;
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        if (!optionalBody(op)) {
            // an optional body may be left out or null: the command with its defaults, as documented
            bodies.put("empty", new byte[0]);
            bodies.put("null", bytes("null"));
        }
        if (hasRequired || list) {
            bodies.put("{} (one huge unknown field)", bytes("{\"" + "k".repeat(10_000) + "\":1}"));
        }
        bodies.put(list ? "a string" : "a list", bytes(list ? "\"text\"" : "[]"));
        bodies.put("cut short", bytes("{\"a\":"));
        bodies.put("nested 2,000 deep", bytes("[" + "[".repeat(2_000) + "]".repeat(2_000) + "]"));
        bodies.put("a valid body, then bytes that are not UTF-8",
                concat(bytes(base.toString()), INVALID_UTF8_BYTES));
        bodies.put("as text/plain", bytes(base.toString()));
        return bodies;
    }

    /** Every field of the body's schema (and of its nested objects and list elements), four levels deep. */
    private static List<Field> fields(Operation op) {
        List<Field> fields = new ArrayList<>();
        JsonNode schema = bodySchema(op);
        if (schema.path("type").asText().equals("array")) {
            walk("body", schema.path("items"), false, true, List.of(0), List.of(schema.path("items")), List.of("body"),
                    op.document(), 1, fields);
        } else {
            properties(schema, List.of(), List.of(), List.of(), op.document(), 0, fields);
        }
        return fields;
    }

    private static void walk(String name, JsonNode schema, boolean required, boolean item, List<Object> path,
                             List<JsonNode> schemas, List<String> names, JsonNode document, int depth,
                             List<Field> fields) {
        JsonNode resolved = resolve(schema, document);
        fields.add(new Field(name, resolved, required, item, path, schemas, names));
        if (depth >= 4) {
            return;
        }
        String type = type(resolved);
        if (type.equals("object")) {
            properties(resolved, path, schemas, names, document, depth, fields);
        } else if (type.equals("array")) {
            JsonNode items = resolve(resolved.path("items"), document);
            walk(name, items, false, true, append(path, 0), append(schemas, items), append(names, name), document,
                    depth + 1, fields);
        }
    }

    private static void properties(JsonNode schema, List<Object> path, List<JsonNode> schemas, List<String> names,
                                   JsonNode document, int depth, List<Field> fields) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(field -> required.add(field.asText()));
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode resolved = resolve(property.getValue(), document);
            walk(property.getKey(), resolved, required.contains(property.getKey()), false,
                    append(path, property.getKey()), append(schemas, resolved), append(names, property.getKey()),
                    document, depth + 1, fields);
        });
    }

    /**
     * What the field's declared schema forbids, per type — each value must be refused:
     * <ul>
     *   <li>every field: a value of another JSON type (an object where text goes is also the MongoDB operator
     *       injection {@code {"$gt":""}}); a required one left out or null;</li>
     *   <li>text: beyond its maxLength (without one: 100,000 characters, where no field of the platform needs a
     *       tenth of it); empty where minLength ≥ 1; not matching its pattern (injection-like, path traversal,
     *       markup, an id of another script); an unknown enum constant, or a known one in the wrong case; an
     *       impossible date, a time without its zone; an invisible or direction-changing character (the platform's
     *       rule for every text); bytes that are not UTF-8; a lone surrogate; a well-formed id naming nothing where
     *       the field refers to an existing object;</li>
     *   <li>numbers: below the minimum, above the maximum, not a number, too big for any number, a fraction where an
     *       integer goes;</li>
     *   <li>lists: more items than maxItems, fewer than minItems, and every element as its own field.</li>
     * </ul>
     * Not sent: values a field admits, however odd (an apostrophe in a free-text name, a number in a text field —
     * which JSON readers take as its digits —, a duplicate in a set).
     */
    private List<Hostile> hostile(Operation op, Field field) {
        JsonNode schema = field.schema();
        String type = type(schema);
        List<Hostile> hostile = new ArrayList<>();
        if (field.required() && !field.item()) {
            hostile.add(new Hostile("missing", MISSING));
            hostile.add(new Hostile("null", NullNode.getInstance()));
        }
        switch (type) {
            case "object" -> hostile.add(new Hostile("wrong type: text", NODES.textNode("x")));
            case "array" -> {
                hostile.add(new Hostile("wrong type: text", NODES.textNode("not-a-list")));
                JsonNode items = resolve(schema.path("items"), op.document());
                if (schema.has("maxItems") && !schema.path("uniqueItems").asBoolean()) {
                    ArrayNode tooMany = NODES.arrayNode();
                    for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                        tooMany.add(generate(field.name(), items, op, 1, i));
                    }
                    hostile.add(new Hostile("maxItems + 1", tooMany));
                }
                if (schema.path("minItems").asInt() > 0) {
                    ArrayNode tooFew = NODES.arrayNode();
                    for (int i = 0; i < schema.get("minItems").asInt() - 1; i++) {
                        tooFew.add(generate(field.name(), items, op, 1, i));
                    }
                    hostile.add(new Hostile("minItems - 1", tooFew));
                }
            }
            case "integer" -> {
                hostile.add(new Hostile("wrong type: text", NODES.textNode("many")));
                hostile.add(new Hostile("a fraction", NODES.numberNode(1.5)));
                hostile.add(new Hostile("beyond any integer", NODES.numberNode(new java.math.BigDecimal("1e309"))));
                if (schema.path("format").asText().equals("int32")) {
                    hostile.add(new Hostile("beyond int32", NODES.numberNode(99_999_999_999L)));
                }
                if (schema.has("minimum")) {
                    hostile.add(new Hostile("minimum - 1", NODES.numberNode(schema.get("minimum").asLong() - 1)));
                }
                if (schema.has("maximum")) {
                    hostile.add(new Hostile("maximum + 1", NODES.numberNode(schema.get("maximum").asLong() + 1)));
                }
            }
            case "number" -> {
                hostile.add(new Hostile("wrong type: object", NODES.objectNode()));
                hostile.add(new Hostile("\"NaN\"", NODES.textNode("NaN")));
                if (schema.has("minimum")) {
                    hostile.add(new Hostile("minimum - 1", NODES.numberNode(schema.get("minimum").asDouble() - 1)));
                }
                if (schema.has("maximum")) {
                    hostile.add(new Hostile("maximum + 1", NODES.numberNode(schema.get("maximum").asDouble() + 1)));
                    hostile.add(new Hostile("beyond any number",
                            NODES.numberNode(new java.math.BigDecimal("1e309"))));
                }
            }
            case "boolean" -> {
                hostile.add(new Hostile("wrong type: text", NODES.textNode("perhaps")));
            }
            default -> hostile.addAll(hostileText(op, field));
        }
        return hostile;
    }

    private List<Hostile> hostileText(Operation op, Field field) {
        JsonNode schema = field.schema();
        List<Hostile> hostile = new ArrayList<>();
        hostile.add(new Hostile("wrong type: object {\"$gt\":\"\"}", NODES.objectNode().put("$gt", "")));
        String format = schema.path("format").asText();
        boolean free = !schema.has("enum") && !schema.has("pattern") && format.isEmpty();
        if (schema.has("enum")) {
            hostile.add(new Hostile("unknown constant", NODES.textNode("NOT_A_VALUE")));
            String first = schema.get("enum").get(0).asText();
            String flipped = first.equals(first.toUpperCase()) ? first.toLowerCase() : first.toUpperCase();
            if (!flipped.equals(first)) {
                hostile.add(new Hostile("constant in the wrong case", NODES.textNode(flipped)));
            }
        }
        if (format.equals("date")) {
            for (String date : List.of("2026-13-45", "2026-02-30", "01/02/2026")) {
                hostile.add(new Hostile("impossible date " + date, NODES.textNode(date)));
            }
        } else if (format.equals("date-time")) {
            hostile.add(new Hostile("time without zone", NODES.textNode("2030-10-01T09:00:00")));
            hostile.add(new Hostile("impossible time", NODES.textNode("2030-13-45T09:00:00Z")));
            hostile.add(new Hostile("not a time", NODES.textNode("tomorrow")));
        }
        if (schema.has("pattern")) {
            for (String candidate : concat(List.of(""), ODD_IDS)) {
                if (!matches(schema, candidate)) {
                    hostile.add(new Hostile("pattern: " + quote(candidate), NODES.textNode(candidate)));
                }
            }
        }
        String kind = OneOfEachKind.KIND.get(field.name());
        // A step of an imported history takes the fields its action needs, as the live endpoint does, and ignores the
        // others: the volunteers of the valid body's review step are none of its business.
        boolean ignored = op.template().equals("/api/v1/requests/history") && field.pointer().startsWith("/steps/");
        if (kind != null && ids.containsKey(kind) && !ignored
                && !creates.getOrDefault(op.key(), Set.of()).contains(field.name())) {
            hostile.add(new Hostile("unknown " + kind, NODES.textNode(TenancyMatrixIT.nowhere(ids.get(kind)))));
        }
        if (schema.has("maxLength")) {
            hostile.add(new Hostile("maxLength + 1", NODES.textNode("x".repeat(schema.get("maxLength").asInt() + 1))));
        } else if (free) {
            hostile.add(new Hostile("100,000 characters", NODES.textNode("x".repeat(100_000))));
        }
        if (schema.path("minLength").asInt() > 0 && !schema.has("pattern")) {
            hostile.add(new Hostile("empty", NODES.textNode("")));
        }
        if (free) {
            hostile.add(new Hostile("invisible character", NODES.textNode("名\u202E字")));
            hostile.add(new Hostile("not UTF-8", NODES.textNode(INVALID_UTF8)));
            hostile.add(new Hostile("lone surrogate", NODES.textNode("名" + LONE_SURROGATE + "字")));
        }
        return hostile;
    }

    /** The valid body with the field set to {@code value} (or left out), building valid parents where absent. */
    private JsonNode with(Operation op, JsonNode base, Field field, JsonNode value) {
        JsonNode copy = base.deepCopy();
        JsonNode node = copy;
        List<Object> path = field.path();
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = child(node, path.get(i));
            if (child == null || child.isNull() || child.isMissingNode()) {
                child = generate(field.names().get(i), field.schemas().get(i), op, i + 1, 0);
                put(node, path.get(i), child);
            }
            node = child;
        }
        Object last = path.get(path.size() - 1);
        if (value.isMissingNode()) {
            if (node instanceof ObjectNode object) {
                object.remove((String) last);
            }
        } else {
            put(node, last, value);
        }
        return copy;
    }

    private static JsonNode child(JsonNode node, Object step) {
        return step instanceof Integer index ? node.get(index) : node.get((String) step);
    }

    private static void put(JsonNode node, Object step, JsonNode value) {
        if (step instanceof Integer index) {
            ArrayNode array = (ArrayNode) node;
            if (array.size() > index) {
                array.set(index, value);
            } else {
                array.add(value);
            }
        } else {
            ((ObjectNode) node).set((String) step, value);
        }
    }

    /** The body as sent: its markers replaced by what JSON text cannot hold as a Java string. */
    private static byte[] bytes(JsonNode body) {
        byte[] bytes = bytes(body.toString());
        bytes = replace(bytes, INVALID_UTF8, INVALID_UTF8_BYTES);
        return replace(bytes, LONE_SURROGATE, bytes("\\ud800"));
    }

    private static byte[] replace(byte[] body, String marker, byte[] replacement) {
        String json = NODES.textNode(marker).toString();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(json.substring(1, json.length() - 1));
        if (at < 0) {
            return body;
        }
        int length = json.length() - 2;
        return concat(concat(java.util.Arrays.copyOfRange(body, 0, at), replacement),
                java.util.Arrays.copyOfRange(body, at + length, body.length));
    }

    // ------------------------------------------------------------------------------------------- valid values

    /**
     * A valid value for the schema: required fields and references (to the seeded objects), the first enum constant
     * (a few by name), dates and times in the right order, text matching its pattern; {@code index}: the element's
     * place in a list (distinct elements, ascending numbers).
     */
    private JsonNode generate(String name, JsonNode schema, Operation op, int depth, int index) {
        schema = resolve(schema, op.document());
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 5 || !schema.has("properties")) {
                    return object;
                }
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    // numbers and yes/no too: the documents do not mark a primitive as required, but leaving one
                    // out is refused (FAIL_ON_NULL_FOR_PRIMITIVES)
                    String fieldType = type(resolve(property.getValue(), op.document()));
                    if (required.contains(property.getKey()) || OneOfEachKind.KIND.containsKey(property.getKey())
                            // what routes an order to its station; who reviews a step of an imported history
                            || List.of("community", "reviewerId").contains(property.getKey())
                            || List.of("integer", "number", "boolean").contains(fieldType)) {
                        object.set(property.getKey(),
                                generate(property.getKey(), property.getValue(), op, depth + 1, 0));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, schema.path("minItems").asInt()); i++) {
                    array.add(generate(name, schema.path("items"), op, depth + 1, i));
                }
                return array;
            }
            default -> {
                return validValue(name, schema, op, index);
            }
        }
    }

    private JsonNode validValue(String name, JsonNode schema, Operation op, int index) {
        String type = type(schema);
        switch (type) {
            case "integer" -> {
                long value = Math.max(1, schema.path("minimum").asLong(1)) + index;
                return NODES.numberNode(schema.has("maximum") ? Math.min(value, schema.get("maximum").asLong())
                        : value);
            }
            case "number" -> {
                return NODES.numberNode(name.equals("latitude") ? 29.56 : name.equals("longitude") ? 106.55
                        : Math.max(1, schema.path("minimum").asDouble(1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(validText(name, schema, op, index));
            }
        }
    }

    private String validText(String name, JsonNode schema, Operation op, int index) {
        String kind = OneOfEachKind.KIND.get(name);
        String format = schema.path("format").asText();
        if (creates.getOrDefault(op.key(), Set.of()).contains(name)) {
            return "fz-new";
        }
        if (kind != null && ids.containsKey(kind)) {
            return ids.get(kind);
        }
        String known = switch (name) {
            case "tier" -> "STATION";
            case "role" -> schema.toString().contains("STATION_ADMIN") ? "STATION_ADMIN" : null;
            case "scopes" -> "hierarchy:read";
            case "grantTypes" -> "client_credentials";
            case "district", "districtId" -> district;
            case "from" -> "09:00";
            case "to" -> "12:00";
            case "reopenWindow" -> "P7D";
            case "password", "new", "current" -> "Fuzz-Passw0rd-2026";
            case "birthDate" -> "1985-01-02";
            case "heldOn" -> "2026-06-01";
            case "community", "communities" -> community;
            default -> null;
        };
        if (known != null) {
            return known;
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(index % schema.get("enum").size()).asText();
        }
        if (format.equals("date")) {
            return name.toLowerCase().contains("end") ? "2030-12-31" : "2030-01-01";
        }
        if (format.equals("date-time")) {
            String lower = name.toLowerCase();
            if (lower.equals("signupcloses")) {
                return "2030-09-30T09:00:00Z";
            }
            if (lower.contains("end") || lower.endsWith("to")) {
                return "2030-10-01T11:00:00Z";
            }
            // what is planned lies ahead; what happened (at, consentedAt, submittedAt, …) lies behind
            return lower.contains("start") || lower.endsWith("from") || lower.contains("opens")
                    ? "2030-10-01T09:00:00Z" : "2026-01-02T09:00:00Z";
        }
        if (schema.has("pattern")) {
            for (String sample : PATTERN_SAMPLES) {
                if (matches(schema, sample)) {
                    return sample;
                }
            }
        }
        return "模糊" + (index == 0 ? "" : index);
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** A schema with its {@code $ref} (or single {@code allOf}) followed in the OpenAPI document (TenancyMatrixIT too). */
    static JsonNode resolve(JsonNode schema, JsonNode document) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return document.path("components").path("schemas").path(name);
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0), document);
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        return schema.path("type").asText(schema.has("properties") || schema.has("additionalProperties")
                ? "object" : "string");
    }

    private static boolean matches(JsonNode schema, String value) {
        return !schema.has("pattern") || Pattern.compile(schema.get("pattern").asText()).matcher(value).matches();
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    static String quote(String value) {
        String shown = value.length() > 24 ? value.substring(0, 12) + "…(" + value.length() + ")" : value;
        return "'" + shown.replace("\u202E", "\\u202E").replace("\uD800", "\\uD800") + "'";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return List.copyOf(longer);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}
