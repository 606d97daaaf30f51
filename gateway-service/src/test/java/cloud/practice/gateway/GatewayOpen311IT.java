package cloud.practice.gateway;

import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open311 through the gateway (ADR 0012): reads without any credentials — GeoReport's public data — take from a
 * bucket per caller address with the route's anonymous limit, apart from keyed callers (an {@code api_key} or a
 * bearer token), who keep the route's limit; and request-service learns the public origin the caller used from the
 * forwarded headers the gateway sets, never from ones the caller made up.
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // One token back every 100 s: a busy machine cannot refill a bucket between a test's calls.
        "practice.gateway.routes.open311.rate-limit.requests-per-second=0.01",
        "practice.gateway.routes.open311.rate-limit.burst=4",
        "practice.gateway.routes.open311.anonymous-rate-limit.requests-per-second=0.01",
        "practice.gateway.routes.open311.anonymous-rate-limit.burst=2"})
class GatewayOpen311IT {

    static final LoopbackBackend REQUESTS = LoopbackBackend.echo("request-service");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        registry.add("REQUEST_SERVICE_URL", REQUESTS::url);
    }

    @BeforeEach
    void clear() {
        REQUESTS.reset();
    }

    @AfterAll
    static void stop() {
        REQUESTS.stop();
    }

    /**
     * No token of its own (the context's client adds the platform's), and a new connection per call: once (1 run in 6
     * of the module's verify) a call sent on a kept-alive connection right after a 429 reached the gateway only when
     * the client gave up 5 s later; what is tested here are the buckets, not connection reuse after a refusal.
     */
    WebTestClient caller() {
        return WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection())))
                .baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void shouldLimitAnonymousReadsPerAddressApartFromKeyedCallers() {
        WebTestClient anyone = caller();
        anyone.get().uri("/open311/v2/services.json").exchange().expectStatus().isOk();
        anyone.get().uri("/open311/v2/requests.json").exchange().expectStatus().isOk();
        anyone.get().uri("/open311/v2/requests/req-1.xml").exchange().expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.route").isEqualTo("open311").jsonPath("$.burst").isEqualTo(2);
        int reached = REQUESTS.calls();
        assertThat(reached).isEqualTo(2);

        // The same address with its api_key, and a client with a bearer token: the route's own limit and buckets.
        for (int i = 0; i < 4; i++) {
            anyone.get().uri("/open311/v2/services.json?api_key=hotline:secret").exchange().expectStatus().isOk();
        }
        anyone.get().uri("/open311/v2/services.json?api_key=hotline:secret").exchange().expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.burst").isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            anyone.get().uri("/open311/v2/services.json")
                    .header("Authorization", GatewayTestTokens.bearer("grid-system")).exchange().expectStatus().isOk();
        }
        // A POST carries its api_key in the body the gateway does not read: never counted as anonymous.
        caller().post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Authorization", GatewayTestTokens.bearer("hotline-2"))
                .bodyValue("service_code=TALK").exchange().expectStatus().isOk();
        assertThat(REQUESTS.calls()).isEqualTo(reached + 4 + 4 + 1);
        // Anonymous readers are still over their limit.
        anyone.get().uri("/open311/v2/services.xml").exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void shouldTellRequestServiceThePublicOriginTheCallerUsedNotOneItMadeUp() {
        // With a token of its own: a bucket of its own, whatever the other test spent.
        caller().get().uri("/open311/v2/services.json")
                .header("Authorization", GatewayTestTokens.bearer("origin-check"))
                .header("X-Forwarded-Host", "phish.example.org").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "8443").header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "proto=https;host=phish.example.org")
                .exchange().expectStatus().isOk();
        LoopbackBackend.Received received = REQUESTS.last();
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(received.header("X-Forwarded-Port")).isEqualTo(Integer.toString(port));
        assertThat(received.header("X-Forwarded-Prefix")).as("only an ingress in front may set a prefix").isNull();
        assertThat(received.header("Forwarded")).isNull();
    }
}
