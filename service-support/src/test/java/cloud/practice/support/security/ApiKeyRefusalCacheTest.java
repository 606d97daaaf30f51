package cloud.practice.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused api_keys are remembered for a short while (by a digest), so repeating a bad key does not reach the issuer
 * and costs it no password hash check — against a real local token endpoint that counts its calls.
 */
class ApiKeyRefusalCacheTest {

    final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    final List<String> seenKeys = new CopyOnWriteArrayList<>();
    final List<String> seenForwardedFor = new CopyOnWriteArrayList<>();
    volatile int failWith = 0;
    final HttpServer issuer = startIssuer();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final ApiKeyExchange exchange = new ApiKeyExchange(
            "http://127.0.0.1:" + issuer.getAddress().getPort() + "/oauth2/token", new ObjectMapper(), clock);

    HttpServer startIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/token", http -> {
                String basic = http.getRequestHeaders().getFirst("Authorization").substring(6);
                String key = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
                seenKeys.add(key);
                seenForwardedFor.add(String.valueOf(http.getRequestHeaders().getFirst("X-Forwarded-For")));
                byte[] body;
                if (failWith != 0) {
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                    http.sendResponseHeaders(failWith, body.length);
                } else if (validKeys.contains(key)) {
                    body = ("{\"access_token\":\"token-of-" + key.substring(0, key.indexOf(':'))
                            + "\",\"expires_in\":600}").getBytes(StandardCharsets.UTF_8);
                    http.sendResponseHeaders(200, body.length);
                } else {
                    body = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
                    http.sendResponseHeaders(401, body.length);
                }
                http.getResponseBody().write(body);
                http.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    String authorizationSeenDownstream(String apiKey) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/open311/v2/requests.json");
        request.setRemoteAddr("203.0.113.9");
        request.setParameter("api_key", apiKey);
        MockFilterChain chain = new MockFilterChain();
        exchange.doFilter(request, new MockHttpServletResponse(), chain);
        return ((HttpServletRequest) chain.getRequest()).getHeader("Authorization");
    }

    @Test
    void shouldNotAskTheIssuerAgainWhenARefusedKeyIsRepeated() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(authorizationSeenDownstream("hotline:wrong")).isNull();
        }
        assertThat(seenKeys).as("one exchange, then the remembered refusal").containsExactly("hotline:wrong");
        assertThat(seenForwardedFor).as("the issuer's brake counts the caller's address, not ours")
                .containsExactly("203.0.113.9");
    }

    @Test
    void shouldStillExchangeGoodKeysAndOneThatBecomesValidWhenTheRefusalRunsOut() throws Exception {
        validKeys.add("hotline:right");
        assertThat(authorizationSeenDownstream("hotline:wrong")).isNull();
        assertThat(authorizationSeenDownstream("hotline:right")).as("a refused key does not block good ones")
                .isEqualTo("Bearer token-of-hotline");

        assertThat(authorizationSeenDownstream("new-client:secret")).isNull();
        validKeys.add("new-client:secret"); // registered (or its secret rotated) just now
        clock.advance(Duration.ofSeconds(61));
        assertThat(authorizationSeenDownstream("new-client:secret")).isEqualTo("Bearer token-of-new-client");
        assertThat(seenKeys).containsExactly("hotline:wrong", "hotline:right", "new-client:secret",
                "new-client:secret");
    }

    @Test
    void shouldNotRememberAnIssuerThatCouldNotAnswer() throws Exception {
        failWith = 503;
        assertThat(authorizationSeenDownstream("hotline:right")).isNull();
        failWith = 0;
        validKeys.add("hotline:right");
        assertThat(authorizationSeenDownstream("hotline:right")).as("a 503 is no verdict on the key")
                .isEqualTo("Bearer token-of-hotline");
    }

    @Test
    void shouldRememberRefusalsByDigestWithinABound() throws Exception {
        ApiKeyExchange small = new ApiKeyExchange(
                "http://127.0.0.1:" + issuer.getAddress().getPort() + "/oauth2/token", new ObjectMapper(), clock, 100);
        for (int i = 0; i < 150; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/open311/v2/requests.json");
            request.setParameter("api_key", "guess-" + i + ":x");
            small.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        }
        assertThat(small.refusalsRemembered()).isBetween(1, 100);
        assertThat(small.rememberedRefusals()).as("digests only, never the key").allMatch(k -> k.matches("[0-9a-f]{64}"));
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
