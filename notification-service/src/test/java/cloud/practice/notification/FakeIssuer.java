package cloud.practice.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer's side of SMS notices as the auth-server answers it (its token endpoint and
 * {@code POST /api/v1/people/accounts/{id}/sms}), on a loopback port: records what it was asked to send and answers
 * a status the test chooses.
 */
final class FakeIssuer implements AutoCloseable {

    record Sent(String accountId, String reference, String kind, String text) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger tokens = new AtomicInteger();
    private volatile int status = 200;

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
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the issuer answers from now on (200 sends). */
    void answer(int status) {
        this.status = status;
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
            sent.add(new Sent(account, body.path("reference").asText(), body.path("kind").asText(),
                    body.path("text").asText()));
            answer(exchange, 200, "{\"reference\":\"" + body.path("reference").asText() + "\",\"status\":\"sent\"}");
        } else {
            answer(exchange, now, "{\"type\":\"https://practice.cloud/problems/sms-unavailable\"}");
        }
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
