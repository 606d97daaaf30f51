package cloud.practice.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer's side of SMS notices as the auth-server answers it, on a loopback port: its token endpoint;
 * {@code POST /api/v1/people/accounts/{id}/sms}, which records what it was asked to send, sends a reference once (a
 * repeat answers as the first and sends nothing, as the issuer does) and answers a status the test chooses — or sends
 * and then answers a failure, as when the issuer's answer is lost; and
 * {@code GET /api/v1/people/sms/receipts?district=&after=&limit=}, the receipts the test {@linkplain #receipt adds}
 * per district, in order, from the opaque cursor {@code after} ({@code c-<count read>}), with {@code next} always —
 * the same as {@code after} when nothing is new. Every call to the feed is recorded; it can be made to fail.
 */
final class FakeIssuer implements AutoCloseable {

    record Sent(String accountId, String reference, String kind, String text) {
    }

    /** A call to the receipts feed: its query, and the status it was answered. */
    record FeedCall(String district, String after, int limit, int status) {
    }

    private record Receipt(String reference, String outcome, String reason, Instant at) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger tokens = new AtomicInteger();
    private volatile int status = 200;
    private volatile int afterSending;
    private final Set<String> references = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Receipt>> receipts = new ConcurrentHashMap<>();
    final List<FeedCall> feedCalls = new CopyOnWriteArrayList<>();
    private volatile int feedStatus = 200;

    /** A started fake on a free loopback port. */
    static FakeIssuer start() {
        try {
            return new FakeIssuer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FakeIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            tokens.incrementAndGet();
            answer(exchange, 200, "{\"access_token\":\"t-" + tokens.get() + "\",\"expires_in\":300}");
        });
        server.createContext("/api/v1/people/accounts/", this::sms);
        server.createContext("/api/v1/people/sms/receipts", this::receipts);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the issuer answers from now on (200 sends). */
    void answer(int status) {
        this.status = status;
    }

    /** From now on the issuer sends (each reference once, as always) but answers {@code status}: 0 answers as sent. */
    void sendButAnswer(int status) {
        this.afterSending = status;
    }

    /** The issuer learnt whether the SMS sent with {@code reference} reached the phone: next in its feed. */
    void receipt(String district, String reference, String outcome, String reason) {
        receipts.computeIfAbsent(district, any -> new CopyOnWriteArrayList<>())
                .add(new Receipt(reference, outcome, reason, Instant.now().minusSeconds(5)));
    }

    /** What the receipts feed answers from now on (200: the receipts). */
    void answerReceipts(int status) {
        this.feedStatus = status;
    }

    List<FeedCall> feedCallsFor(String district) {
        return feedCalls.stream().filter(call -> call.district().equals(district)).toList();
    }

    /** The references sent to the account, in order. */
    List<String> referencesTo(String accountId) {
        return sentTo(accountId).stream().map(Sent::reference).toList();
    }

    List<Sent> sentTo(String accountId) {
        return sent.stream().filter(s -> s.accountId().equals(accountId)).toList();
    }

    private void sms(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String account = path.substring("/api/v1/people/accounts/".length(), path.length() - "/sms".length());
        JsonNode body = json.readTree(exchange.getRequestBody());
        int now = status;
        if (!"Bearer".equals(exchange.getRequestHeaders().getFirst("Authorization").split(" ")[0])) {
            answer(exchange, 401, "{}");
            return;
        }
        if (now == 200) {
            if (references.add(body.path("reference").asText())) {
                sent.add(new Sent(account, body.path("reference").asText(), body.path("kind").asText(),
                        body.path("text").asText()));
            }
            int lost = afterSending;
            if (lost != 0) {
                answer(exchange, lost, "{\"type\":\"https://practice.cloud/problems/gateway-timeout\"}");
                return;
            }
            answer(exchange, 200, "{\"reference\":\"" + body.path("reference").asText() + "\",\"status\":\"sent\"}");
        } else {
            answer(exchange, now, "{\"type\":\"https://practice.cloud/problems/sms-unavailable\"}");
        }
    }

    private void receipts(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        String district = query.get("district");
        String after = query.get("after");
        int limit = Integer.parseInt(query.get("limit"));
        int now = feedStatus;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String field = null;
        if (authorization == null || !authorization.startsWith("Bearer t-")) {
            now = 401;
        } else if (limit < 1 || limit > 1000) {
            now = 400;
            field = "limit";
        } else if (after != null && !after.matches("c-\\d+")) {
            now = 400;
            field = "after";
        }
        feedCalls.add(new FeedCall(district, after, limit, now));
        if (field != null) {
            answer(exchange, 400, "{\"type\":\"https://practice.cloud/problems/invalid-field\",\"field\":\"" + field
                    + "\"}");
            return;
        }
        if (now != 200) {
            answer(exchange, now, "{\"type\":\"https://practice.cloud/problems/unavailable\"}");
            return;
        }
        List<Receipt> listed = receipts.getOrDefault(district, List.of());
        int from = after == null ? 0 : Integer.parseInt(after.substring(2));
        int to = Math.min(listed.size(), from + limit);
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("receipts");
        for (Receipt receipt : listed.subList(Math.min(from, to), to)) {
            items.addObject().put("reference", receipt.reference()).put("outcome", receipt.outcome())
                    .put("reason", receipt.reason()).put("at", receipt.at().toString());
        }
        page.put("next", "c-" + Math.max(from, to));
        answer(exchange, 200, json.writeValueAsString(page));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
